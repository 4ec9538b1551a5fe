import Foundation
import GRDB
import Testing

@testable import Intake

/// Two cases, each with messages, over a connection the test also holds raw: the way someone
/// who can write the database file would.
private struct TwoCases {
    let connection: DatabaseQueue
    let database: AppDatabase
    let intake: IntakeService
    let first: IntakeCase
    let second: IntakeCase

    init() async throws {
        connection = try DatabaseQueue()
        database = try AppDatabase(connection, cipher: .ephemeral())
        intake = IntakeService(
            questionnaire: Profiles.questionnaire, rules: Profiles.rules, database: database, keys: .ephemeral(),
            clock: ServiceClock.fixed(at: Date(timeIntervalSince1970: 1_795_338_000)))
        let a = try await intake.submit(Submission(questionnaire: "asi-sr-1", language: .da, answers: Profiles.rawAnswers()))
        let b = try await intake.submit(
            Submission(questionnaire: "asi-sr-1", language: .da, answers: Profiles.rawAnswers(["drug.days.heroin": .integer(30)])))
        first = a.storedCase
        second = b.storedCase
        for (found, text) in [(first, "første"), (second, "anden"), (first, "tredje"), (second, "fjerde"), (first, "femte")] {
            _ = try await intake.sendMessage(found, body: text)
        }
    }
}

@Test func aSealedValueMovedToAnotherCaseNoLongerOpens() async throws {
    let world = try await TwoCases()
    try await world.connection.write { db in
        try db.execute(
            sql: "UPDATE intakeCase SET answers = (SELECT answers FROM intakeCase WHERE id = ?) WHERE id = ?",
            arguments: [world.second.id, world.first.id])
    }
    await #expect(throws: DataCipher.Failure.damaged) { try await world.database.summary(world.first.reference) }
    try await expectOnlyTheFirstUnreadable(world)
}

/// The queue lists the first case as unreadable, by its readable columns, and the second as usual.
private func expectOnlyTheFirstUnreadable(_ world: TwoCases) async throws {
    let page = try await world.database.queuePage(QueueFilter())
    #expect(page.items.map(\.intakeCase.reference) == [world.second.reference])
    #expect(
        page.unreadable == [
            UnreadableCase(
                reference: world.first.reference, createdOn: world.first.createdOn, state: .new, priority: world.first.priority,
                flags: world.first.flags, failure: .damaged)
        ])
    #expect(page.total == 2)
}

@Test func aSealedValueMovedToAnotherColumnNoLongerOpens() async throws {
    let world = try await TwoCases()
    try await world.connection.write { db in
        try db.execute(sql: "UPDATE intakeCase SET closeReason = answers WHERE id = ?", arguments: [world.first.id])
    }
    await #expect(throws: DataCipher.Failure.damaged) { try await world.database.summary(world.first.reference) }
    try await expectOnlyTheFirstUnreadable(world)
}

@Test func aValueThatOpensButIsNotWhatTheColumnHoldsIsDamagedToo() async throws {
    let world = try await TwoCases()
    // Sealed with the right key at the right place, but not an answer sheet: only a bug writes that.
    let wrong = try world.database.cipher.seal(Data("[1, 2]".utf8), at: .intakeCase("answers", world.first.reference))
    try await world.connection.write { db in
        try db.execute(sql: "UPDATE intakeCase SET answers = ? WHERE id = ?", arguments: [wrong, world.first.id])
    }
    try await expectOnlyTheFirstUnreadable(world)
}

@Test func theSealedColumnsOfOneDamagedCaseComeBackFromABackupAsOperationsSays() async throws {
    let world = try await TwoCases()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("indgang-restore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let backup = try DatabaseQueue(path: folder.appendingPathComponent("backup.sqlite").path)
    try world.connection.backup(to: backup)
    try await world.connection.write { db in
        var sealed = try #require(try Data.fetchOne(db, sql: "SELECT answers FROM intakeCase WHERE id = ?", arguments: [world.first.id]))
        sealed[sealed.count - 1] ^= 0x01
        try db.execute(sql: "UPDATE intakeCase SET answers = ? WHERE id = ?", arguments: [sealed, world.first.id])
    }
    #expect(try await world.database.queuePage(QueueFilter()).unreadable.count == 1)
    // The statement in Docs/operations.md, "A case cannot be opened".
    try await world.connection.writeWithoutTransaction { db in
        try db.execute(sql: "ATTACH ? AS backup", arguments: [backup.path])
        try db.execute(
            sql: """
                UPDATE intakeCase SET answers = b.answers, composites = b.composites, reasons = b.reasons,
                  decisionReason = b.decisionReason, startDelayReason = b.startDelayReason, closeReason = b.closeReason
                  FROM backup.intakeCase AS b WHERE b.reference = intakeCase.reference AND intakeCase.reference = ?
                """, arguments: [world.first.reference.value])
        try db.execute(sql: "DETACH backup")
    }
    let page = try await world.database.queuePage(QueueFilter())
    #expect(page.unreadable.isEmpty && page.items.count == 2)
    #expect(try await world.database.summary(world.first.reference).intakeCase.answers == world.first.answers)
}

@Test func aCaseSealedUnderAMissingKeyIsListedWithThatKey() async throws {
    let world = try await TwoCases()
    let stranger = DataCipher.ephemeral()
    let sealed = try stranger.seal(Data("{}".utf8), at: .intakeCase("composites", world.second.reference))
    try await world.connection.write { db in
        try db.execute(sql: "UPDATE intakeCase SET composites = ? WHERE id = ?", arguments: [sealed, world.second.id])
    }
    let page = try await world.database.queuePage(QueueFilter())
    #expect(page.items.map(\.intakeCase.reference) == [world.first.reference])
    #expect(page.unreadable.map(\.reference) == [world.second.reference])
    #expect(page.unreadable.map(\.failure) == [.unknownKey(stranger.currentKeyID)])
}

@Test func aMessageMovedToAnotherCaseOrRowNoLongerOpens() async throws {
    let world = try await TwoCases()
    try await world.connection.write { db in
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM message WHERE intakeCaseId = ? LIMIT 1", arguments: [world.first.id])
        try db.execute(sql: "UPDATE message SET intakeCaseId = ?, position = 99 WHERE id = ?", arguments: [world.second.id, id])
    }
    await #expect(throws: DataCipher.Failure.self) { try await world.database.messages(caseID: world.second.id, includingInternal: true) }

    let other = try await TwoCases()
    try await other.connection.write { db in
        let ids = try Int64.fetchAll(
            db, sql: "SELECT id FROM message WHERE intakeCaseId = ? ORDER BY position", arguments: [other.first.id])
        try db.execute(
            sql: "UPDATE message SET body = (SELECT body FROM message WHERE id = ?) WHERE id = ?", arguments: [ids[0], ids[1]])
    }
    await #expect(throws: DataCipher.Failure.self) { try await other.database.messages(caseID: other.first.id, includingInternal: true) }
}

@Test func messageIdsSayNothingOfWhenMessagesOfDifferentCasesCame() async throws {
    let world = try await TwoCases()
    // The conversation keeps its order...
    #expect(
        try await world.database.messages(caseID: world.first.id, includingInternal: true).map(\.body) == ["første", "tredje", "femte"])
    #expect(try await world.database.messages(caseID: world.second.id, includingInternal: true).map(\.body) == ["anden", "fjerde"])
    // ...by position within the case, while ids are drawn at random below 2⁵³.
    let rows = try await world.connection.read { db in
        try Row.fetchAll(db, sql: "SELECT id, intakeCaseId, position FROM message").map { ($0["id"] as Int64, $0["position"] as Int) }
    }
    #expect(rows.allSatisfy { $0.0 > 0 && $0.0 < 1 << 53 })
    #expect(Set(rows.map(\.1)) == [1, 2, 3])
    var many: [Int64] = []
    for index in 0..<20 {
        many.append(try await world.intake.sendMessage(index.isMultiple(of: 2) ? world.first : world.second, body: "\(index)").id)
    }
    #expect(many != many.sorted(), "20 ids in the order they were written")
}

@Test func migrationSixBindsEveryValueAndKeepsTheOrderOfConversations() async throws {
    // A database at v5: values sealed without a place, message ids in sequence.
    let connection = try DatabaseQueue()
    let cipher = DataCipher.ephemeral()
    try AppDatabase.migrator(cipher: cipher).migrate(connection, upTo: "v5: identifiers found in messages")
    let sheet = Profiles.sheet(["drug.days.cocaine": .number(12)])
    let assessment = Profiles.rules.assess(
        sheet, composites: Profiles.questionnaire.composites(for: sheet), questionnaireVersion: "asi-sr-1")
    let (answers, composites, reasons) = (
        try cipher.seal(try JSONEncoder().encode(sheet)), try cipher.seal(try JSONEncoder().encode(assessment.composites)),
        try cipher.seal(try JSONEncoder().encode(assessment.reasons))
    )
    let track = assessment.track.rawValue
    try await connection.write { db in
        for reference in ["ABC-DEF", "GHJ-KMN"] {
            try db.execute(
                sql: """
                    INSERT INTO intakeCase (reference, tokenHash, createdOn, questionnaireVersion, rulesVersion, language, answers,
                    composites, track, flags, reasons, priority, municipality, state, closeReason)
                    VALUES (?, randomblob(32), '2026-11-01', 'asi-sr-1', 'triage-1', 'da', ?, ?, ?, '[]', ?, 3, '101', 'new', ?)
                    """,
                arguments: [
                    reference, answers, composites, track, reasons, try cipher.seal(Data("No reply".utf8)),
                ])
        }
        for (caseID, body) in [(1, "a1"), (2, "b1"), (1, "a2"), (2, "b2"), (1, "a3")] {
            try db.execute(
                sql: """
                    INSERT INTO message (intakeCaseId, author, isInternal, body, createdOn, isReadByCitizen, isReadByStaff)
                    VALUES (?, 'citizen', 0, ?, '2026-11-01', 1, 0)
                    """,
                arguments: [caseID, try cipher.seal(Data(body.utf8))])
        }
    }

    let migrated = try AppDatabase(connection, cipher: cipher)
    let cases = try await migrated.queue(QueueFilter())
    #expect(cases.count == 2 && cases.allSatisfy { $0.intakeCase.answers == sheet && $0.intakeCase.closeReason == "No reply" })
    #expect(try await migrated.messages(caseID: 1, includingInternal: true).map(\.body) == ["a1", "a2", "a3"])
    #expect(try await migrated.messages(caseID: 2, includingInternal: true).map(\.body) == ["b1", "b2"])
    let ids = try await connection.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM message") }
    #expect(Set(ids).isDisjoint(with: 1...5), "the old sequential ids are gone")
    // Unbound values no longer open: every one was sealed again at its place.
    let raw = try await connection.read { db in try Data.fetchOne(db, sql: "SELECT answers FROM intakeCase WHERE id = 1") }
    #expect(throws: DataCipher.Failure.self) { try cipher.open(try #require(raw)) }
}
