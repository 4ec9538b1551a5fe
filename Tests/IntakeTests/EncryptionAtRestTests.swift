import Foundation
import GRDB
import Testing

@testable import Intake

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("indgang-at-rest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

private let clock = ServiceClock.fixed(at: Date(timeIntervalSince1970: 1_795_338_000))

private func service(_ database: AppDatabase) -> IntakeService {
    IntakeService(questionnaire: Profiles.questionnaire, rules: Profiles.rules, database: database, keys: .ephemeral(), clock: clock)
}

/// Every byte of the database files (the main file, the WAL and its index).
private func fileBytes(_ folder: URL) throws -> Data {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("indgang.sqlite") }
        .reduce(into: Data()) { $0 += try Data(contentsOf: folder.appendingPathComponent($1)) }
}

@Test func aCopyOfTheDatabaseFileRevealsNoAnswersAndNoMessages() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = try AppDatabase.openFile(
        at: folder.appendingPathComponent("indgang.sqlite").path, cipher: try DataKeyFiles.cipher(folder: folder.path))
    let intake = service(database)
    let changes: [String: JSONValue] = ["drug.days.cocaine": .integer(17), "psy.symptoms": .array([.string("hallucinations")])]
    let issued = try await intake.submit(Submission(questionnaire: "asi-sr-1", language: .da, answers: Profiles.rawAnswers(changes)))
    _ = try await intake.sendMessage(try await intake.findCase(token: issued.token.formatted), body: "Min hemmelige besked om kokain")
    try database.close()

    let bytes = try fileBytes(folder)
    for secret in [
        "drug.days", "hallucinations", "psy.symptoms", "Min hemmelige besked", "not_anonymous", "track.ambulant", "psychiatric", "25-34",
    ] {
        #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is readable in the file")
    }
    // What stays readable, for the queue and the statistics: the day, the state, the track.
    #expect(bytes.range(of: Data(clock.now().day.iso.utf8)) != nil)

    let reopened = try AppDatabase.openFile(
        at: folder.appendingPathComponent("indgang.sqlite").path, cipher: try DataKeyFiles.cipher(folder: folder.path))
    let found = try await reopened.intakeCase(tokenHash: KeyRing.ephemeral().hash(issued.token))
    #expect(found == nil)  // a different token key: the hash differs
    let view = try await reopened.queue(QueueFilter()).first
    #expect(view?.intakeCase.answers.number("drug.days.cocaine") == 17)
}

@Test func theDataKeyIsCreatedOnceWithModeSixHundredAndAnotherKeyCannotRead() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cipher = try DataKeyFiles.cipher(folder: folder.path)
    let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("data.key").path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let sealed = try cipher.seal(Data("answers".utf8))
    #expect(try DataKeyFiles.cipher(folder: folder.path).open(sealed) == Data("answers".utf8))
    #expect(throws: DataCipher.Failure.self) { try DataCipher.ephemeral().open(sealed) }
    var damaged = sealed
    damaged[damaged.count - 1] ^= 0xFF
    #expect(throws: DataCipher.Failure.self) { try cipher.open(damaged) }
}

@Test func rotatingTheDataKeyResealsEverythingAndKeepsThePreviousKey() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("indgang.sqlite").path
    let running = try DataKeyFiles.cipher(folder: folder.path)
    let database = try AppDatabase.openFile(at: path, cipher: running)
    let intake = service(database)
    let issued = try await intake.submit(Submission(questionnaire: "asi-sr-1", language: .da, answers: Profiles.rawAnswers()))
    _ = try await intake.sendMessage(try await intake.findCase(token: issued.token.formatted), body: "Hej")
    let oldKey = try Data(contentsOf: folder.appendingPathComponent("data.key"))

    let report = try await DataKeyFiles.rotate(folder: folder.path, database: database)
    #expect(report.valuesResealed == 2)
    #expect(report.oldKeyID != report.newKeyID)
    #expect(try Data(contentsOf: folder.appendingPathComponent("data.key.previous")) == oldKey)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("data.key.next").path))

    // The old key alone no longer opens anything; the running service finds the new key itself.
    let oldOnly = try await database.reader.read { db in try Data.fetchOne(db, sql: "SELECT answers FROM intakeCase") }!
    #expect(throws: DataCipher.Failure.self) { try DataCipher(keys: [oldKey]).open(oldOnly) }
    #expect(try await intake.findCase(token: issued.token.formatted).answers.choice("bg.age_band") == "25-34")
    let messages = try await database.messages(caseID: 1, includingInternal: true)
    #expect(messages.map(\.body) == ["Hej"])
}

@Test func aRotationInterruptedAfterTheCommitStillOpensEverything() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("indgang.sqlite").path
    let database = try AppDatabase.openFile(at: path, cipher: try DataKeyFiles.cipher(folder: folder.path))
    _ = try await service(database).submit(Submission(questionnaire: "asi-sr-1", language: .da, answers: Profiles.rawAnswers()))

    // The crash: the new key is written and the rows resealed, but the files are not renamed.
    let old = try DataKeyFiles.cipher(folder: folder.path)
    let next = try SecretKeyFile.loadOrCreate(at: folder.appendingPathComponent("data.key.next").path).withUnsafeBytes { Data($0) }
    _ = try await database.reseal(from: old, to: DataCipher(keys: [next] + (try DataKeyFiles.keys(folder.path))))
    try database.close()

    let restarted = try AppDatabase.openFile(at: path, cipher: try DataKeyFiles.cipher(folder: folder.path))
    #expect(try await restarted.queue(QueueFilter()).count == 1)
    // Running the rotation again finishes it.
    _ = try await DataKeyFiles.rotate(folder: folder.path, database: restarted)
    #expect(try await restarted.queue(QueueFilter()).count == 1)
}

@Test func migrationFourSealsRowsWrittenBeforeIt() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("indgang.sqlite").path
    let cipher = DataCipher.ephemeral()
    // A database at v3, with a case and a message written in plain text, as v3 stored them.
    let queue = try DatabaseQueue(path: path)
    try AppDatabase.migrator(cipher: cipher).migrate(queue, upTo: "v3: partners")
    let sheet = Profiles.sheet(["drug.days.cocaine": .number(12)])
    let assessment = Profiles.rules.assess(
        sheet, composites: Profiles.questionnaire.composites(for: sheet), questionnaireVersion: "asi-sr-1")
    func json(_ value: some Encodable) throws -> String { String(decoding: try JSONEncoder().encode(value), as: UTF8.self) }
    let arguments: StatementArguments = [
        try json(sheet), try json(assessment.composites), assessment.track.rawValue, try json(assessment.flags),
        try json(assessment.reasons),
    ]
    try await queue.write { db in
        try db.execute(
            sql: """
                INSERT INTO intakeCase (reference, tokenHash, createdOn, questionnaireVersion, rulesVersion, language, answers, composites,
                track, flags, reasons, priority, municipality, state, closeReason)
                VALUES ('ABC-DEF', x'00', '2026-11-01', 'asi-sr-1', 'triage-1', 'da', ?, ?, ?, ?, ?, 3, '101', 'new', 'No reply')
                """,
            arguments: arguments
        )
        try db.execute(
            sql:
                "INSERT INTO message (intakeCaseId, author, isInternal, body, createdOn, isReadByCitizen, isReadByStaff) VALUES (1, 'citizen', 0, 'Gammel besked', '2026-11-01', 1, 0)"
        )
    }
    try queue.close()

    let migrated = try AppDatabase.openFile(at: path, cipher: cipher)
    let opened = try #require(try await migrated.queue(QueueFilter()).first?.intakeCase)
    #expect(opened.answers == sheet)
    #expect(opened.reasons == assessment.reasons)
    #expect(opened.closeReason == "No reply")
    #expect(try await migrated.messages(caseID: 1, includingInternal: false).map(\.body) == ["Gammel besked"])
    let raw = try await migrated.reader.read { db in try Data.fetchOne(db, sql: "SELECT answers FROM intakeCase") }
    #expect(raw.map { $0.range(of: Data("drug.days".utf8)) == nil } == true)
}

@Test func theDataKeyIsNotRotatedWhileAServiceHoldsTheFolder() async throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("indgang.sqlite").path
    let database = try AppDatabase.openFile(at: path, cipher: try DataKeyFiles.cipher(folder: folder.path))
    let intake = service(database)
    let issued = try await intake.submit(Submission(questionnaire: "asi-sr-1", language: .da, answers: Profiles.rawAnswers()))
    _ = try await intake.sendMessage(try await intake.findCase(token: issued.token.formatted), body: "Hej")
    let key = try Data(contentsOf: folder.appendingPathComponent("data.key"))

    // A service holds the folder: the rotation is refused and changes nothing.
    var service = try ServiceLock.acquire(folder: folder.path)
    #expect(service != nil)
    #expect(try ServiceLock.acquire(folder: folder.path) == nil)
    await #expect(throws: RotationError.serviceRunning) { try await DataKeyFiles.rotate(folder: folder.path, database: database) }
    #expect(try Data(contentsOf: folder.appendingPathComponent("data.key")) == key)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("data.key.next").path))

    // Stopped: two rotations, a restart, and every case and message still opens.
    service = nil
    _ = try await DataKeyFiles.rotate(folder: folder.path, database: database)
    _ = try await DataKeyFiles.rotate(folder: folder.path, database: database)
    try database.close()
    let restarted = try AppDatabase.openFile(at: path, cipher: try DataKeyFiles.cipher(folder: folder.path))
    let found = try await IntakeService(
        questionnaire: Profiles.questionnaire, rules: Profiles.rules, database: restarted, keys: intake.keys, clock: clock
    ).findCase(token: issued.token.formatted)
    #expect(found.answers.choice("bg.age_band") == "25-34")
    #expect(try await restarted.messages(caseID: found.id, includingInternal: true).map(\.body) == ["Hej"])
    #expect(try ServiceLock.acquire(folder: folder.path) != nil)
}
