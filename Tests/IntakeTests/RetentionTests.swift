import Foundation
import GRDB
import Testing

@testable import Intake

@Test func purgeDeletesExactlyWhatThePolicyNoLongerAllows() async throws {
    let place = try Workplace()
    let mette = try await place.staff("mette")
    // Day 0: four cases. One is closed the same day, one withdrawn, one claimed, one left untouched.
    let (_, closed) = try await place.submit()
    let (withdrawnToken, _) = try await place.submit()
    let (_, claimed) = try await place.submit()
    let (_, untouched) = try await place.submit()
    _ = try await place.desk.claim(closed, by: mette)
    _ = try await place.intake.sendMessage(try await place.intake.findCase(token: withdrawnToken), body: "Farvel")
    _ = try await place.desk.close(closed, reason: "No reply", by: mette)
    _ = try await place.intake.withdraw(try await place.intake.findCase(token: withdrawnToken))
    _ = try await place.desk.claim(claimed, by: mette)
    _ = try await place.intake.submit(
        Submission(questionnaire: "asi-sr-1", language: .da, answers: Profiles.rawAnswers()),
        idempotencyKey: "receipt-key-0123456789-abcdef-0123"
    )

    func purge(dryRun: Bool = false) async throws -> PurgeReport {
        try await place.database.purge(
            RetentionPolicy(), at: place.clock.moment, sessionLifetime: 8 * 3600, dryRun: dryRun)
    }
    // Day 29: nothing is old enough, but the receipt and the sessions are.
    place.clock.advance(29 * 86_400)
    var report = try await purge()
    #expect(report == PurgeReport(closedCases: 0, untouchedCases: 0, receipts: 1, auditEntries: 0, expiredSessions: 1, pastSlots: 0))
    // Day 31: the untouched case goes; the claimed one stays however old it is.
    place.clock.advance(2 * 86_400)
    #expect(try await purge(dryRun: true).untouchedCases == 2)
    #expect(try await place.desk.queue(QueueFilter(states: CaseState.allCases)).count == 5)
    report = try await purge()
    #expect(report.untouchedCases == 2)
    let remaining = try await place.desk.queue(QueueFilter(states: CaseState.allCases)).map(\.intakeCase.reference.value)
    #expect(!remaining.contains(untouched) && remaining.contains(claimed) && remaining.contains(closed))
    // Day 91: the closed and the withdrawn case go, with their messages.
    place.clock.advance(60 * 86_400)
    report = try await purge()
    #expect(report.closedCases == 2)
    #expect(try await place.desk.queue(QueueFilter(states: CaseState.allCases)).map(\.intakeCase.reference.value) == [claimed])
    #expect(try await place.database.reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM message") } == 0)

    let purges = try await place.desk.auditEntries(AuditFilter(actor: "retention"))
    #expect(purges.count == 3)
    #expect(purges.first?.detail == "closed cases 2, untouched cases 0, receipts 0, audit entries 0, expired sessions 0, past slots 0")
    #expect(purges.allSatisfy { $0.caseReference == nil })
}

@Test func auditEntriesGoAfterFiveYears() async throws {
    let place = try Workplace()
    _ = try await place.staff("mette")
    place.clock.advance(5 * 366 * 86_400)
    let report = try await place.database.purge(
        RetentionPolicy(), at: place.clock.moment, sessionLifetime: 8 * 3600, dryRun: false)
    #expect(report.auditEntries > 0)
    #expect(try await place.desk.auditEntries(AuditFilter()).map(\.action) == [.purge])
}

@Test func aBackupIsAConsistentCopyThatOpensWithTheSameKeys() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("indgang-backup-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let cipher = try DataKeyFiles.cipher(folder: folder.path)
    let keys = KeyRing.ephemeral()
    let clock = TestClock().serviceClock
    let database = try AppDatabase.openFile(at: folder.appendingPathComponent("indgang.sqlite").path, cipher: cipher)
    let intake = IntakeService(questionnaire: Profiles.questionnaire, rules: Profiles.rules, database: database, keys: keys, clock: clock)
    let issued = try await intake.submit(
        Submission(questionnaire: "asi-sr-1", language: .da, answers: Profiles.rawAnswers(["med.days": .integer(4)])))

    let copy = folder.appendingPathComponent("backup.sqlite").path
    try await database.backup(to: copy)
    await #expect(throws: BackupError.exists(copy)) { try await database.backup(to: copy) }
    _ = try await intake.submit(Submission(questionnaire: "asi-sr-1", language: .da, answers: Profiles.rawAnswers()))

    let restored = try AppDatabase.openFile(at: copy, cipher: try DataKeyFiles.cipher(folder: folder.path))
    let restoredIntake = IntakeService(
        questionnaire: Profiles.questionnaire, rules: Profiles.rules, database: restored, keys: keys, clock: clock)
    let found = try await restoredIntake.findCase(token: issued.token.formatted)
    #expect(found.answers.number("med.days") == 4)
    #expect(try await restored.caseCount() == 1)
    #expect(try await restored.integrityCheck() == ["ok"])
    // Without the data key, the copy reveals no answers.
    let other = try AppDatabase.openFile(at: copy, cipher: .ephemeral())
    let page = try await other.queuePage(QueueFilter())
    #expect(page.items.isEmpty)
    #expect(page.unreadable.map(\.reference) == [issued.storedCase.reference])
    #expect(page.unreadable.first?.failure == .unknownKey(cipher.currentKeyID))
    await #expect(throws: DataCipher.Failure.self) { try await other.summary(issued.storedCase.reference) }
}

@Test func aPurgedCaseLeavesNothingInAnyDatabaseFile() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("indgang-purge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("indgang.sqlite").path
    let database = try AppDatabase.openFile(at: path, cipher: .ephemeral())
    let clock = TestClock()
    let keys = KeyRing.ephemeral()
    let intake = IntakeService(
        questionnaire: Profiles.questionnaire, rules: Profiles.rules, database: database, keys: keys, clock: clock.serviceClock)
    let issued = try await intake.submit(Submission(questionnaire: "asi-sr-1", language: .da, answers: Profiles.rawAnswers()))
    let traces = [Data(issued.storedCase.reference.value.utf8), keys.hash(issued.token)]
    func filesHold(_ trace: Data) throws -> Bool {
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
            if try Data(contentsOf: URL(fileURLWithPath: path + suffix)).range(of: trace) != nil { return true }
        }
        return false
    }
    #expect(try traces.allSatisfy(filesHold))

    // Nobody picked it up for 31 days: the purge deletes it, and no file keeps its bytes.
    clock.advance(31 * 86_400)
    let report = try await database.purge(RetentionPolicy(), at: clock.moment, sessionLifetime: 8 * 3600, dryRun: false)
    #expect(report.untouchedCases == 1)
    for trace in traces { #expect(try !filesHold(trace)) }
    #expect(try await database.integrityCheck() == ["ok"])
}
