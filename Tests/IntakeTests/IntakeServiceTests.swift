import Foundation
import Testing

@testable import Intake

private let fixedDay = Date(timeIntervalSince1970: 1_795_303_800)  // 2026-11-22 in Copenhagen

private func makeService(database: AppDatabase? = nil, keys: KeyRing = .ephemeral()) throws -> IntakeService {
    IntakeService(
        questionnaire: Profiles.questionnaire, rules: Profiles.rules, database: try database ?? .makeInMemory(), keys: keys,
        clock: .fixed(at: fixedDay)
    )
}

private func submission(_ changes: [String: JSONValue] = [:], partner: String? = nil) -> Submission {
    Submission(questionnaire: "asi-sr-1", language: .en, answers: Profiles.rawAnswers(changes), partner: partner)
}

@Test func submittedCaseIsStoredWithItsAssessmentAndNoTime() async throws {
    let database = try AppDatabase.makeInMemory()
    let service = try makeService(database: database)
    _ = try await database.addPartner(
        PartnerInput(slug: "cafe-nord", name: "Café Nord", origin: nil, showsName: false), at: fixedDay)
    let issued = try await service.submit(
        submission(["drug.days.heroin": .integer(30), "drug.days_multiple": .integer(9)], partner: "cafe-nord"))
    let stored = issued.storedCase
    #expect(stored.track == .anonymous)
    #expect(stored.createdOn.iso == "2026-11-22")
    #expect(stored.state == .new)
    #expect(stored.municipality == "101")
    #expect(stored.partner == "cafe-nord")
    #expect(stored.language == .en)
    #expect(stored.questionnaireVersion == "asi-sr-1" && stored.rulesVersion == "triage-1")
    #expect(stored.answers.number("drug.days.heroin") == 30)
    #expect(!issued.isReplay)

    let found = try await service.findCase(token: issued.token.formatted.lowercased())
    #expect(found == stored)
}

@Test func storedRowHoldsTheTokenOnlyAsAKeyedHash() async throws {
    let database = try AppDatabase.makeInMemory()
    let keys = KeyRing.ephemeral()
    let service = try makeService(database: database, keys: keys)
    let issued = try await service.submit(submission())
    let row = try await database.reader.read { db in try RawCaseColumns.fetchOne(db) }
    #expect(row?.tokenHash == keys.hash(issued.token))
    let everything = try await database.reader.read { db in
        try String.fetchAll(db, sql: "SELECT quote(tokenHash) || reference || createdOn || answers FROM intakeCase")
    }.joined()
    #expect(!everything.contains(issued.token.canonical))
    #expect(!everything.contains(issued.token.formatted))
}

@Test func mistypedAndUnknownTokensAreToldApart() async throws {
    let service = try makeService()
    let issued = try await service.submit(submission())
    var mistyped = Array(issued.token.formatted)
    mistyped[0] = mistyped[0] == "A" ? "B" : "A"
    await #expect(throws: TokenLookupError.malformed) { try await service.findCase(token: String(mistyped)) }
    await #expect(throws: TokenLookupError.unknown) { try await service.findCase(token: Token.generate().formatted) }
}

@Test func invalidSubmissionStoresNothing() async throws {
    let database = try AppDatabase.makeInMemory()
    let service = try makeService(database: database)
    await #expect(throws: SubmissionError.invalid([AnswerProblem(item: "med.days", kind: .expectedNumber(0...30))])) {
        try await service.submit(submission(["med.days": .integer(99)]))
    }
    #expect(try await database.caseCount() == 0)
}

@Test func envelopeProblemsAreReportedWithTheAnswers() async throws {
    let service = try makeService()
    var wrong = submission(["med.days": .string("x")], partner: "Bad Slug!")
    wrong.questionnaire = "asi-sr-0"
    wrong.language = nil
    await #expect(
        throws: SubmissionError.invalid([
            AnswerProblem(item: "questionnaire", kind: .unsupportedQuestionnaire("asi-sr-0")),
            AnswerProblem(item: "language", kind: .unsupportedLanguage),
            AnswerProblem(item: "med.days", kind: .expectedNumber(0...30)),
        ])
    ) {
        try await service.submit(wrong)
    }
    await #expect(throws: SubmissionError.invalid([AnswerProblem(item: "answers", kind: .expectedAnswers)])) {
        try await service.submit(Submission(questionnaire: "asi-sr-1", language: .da, answers: nil))
    }
}

@Test func retryWithTheSameIdempotencyKeyGetsTheFirstCaseAndToken() async throws {
    let database = try AppDatabase.makeInMemory()
    let service = try makeService(database: database)
    let key = "5d0c1b2e8a514d8f9a430e2f1c7b9a10"
    let client = Data("client-a".utf8)
    let first = try await service.submit(submission(), idempotencyKey: key, client: client)
    let retry = try await service.submit(submission(), idempotencyKey: key, client: client)
    #expect(retry.isReplay)
    #expect(retry.token == first.token)
    #expect(retry.storedCase.reference == first.storedCase.reference)
    #expect(try await database.caseCount() == 1)

    await #expect(throws: SubmissionError.idempotencyKeyReused) {
        try await service.submit(submission(["med.days": .integer(3)]), idempotencyKey: key, client: client)
    }
    let other = try await service.submit(submission(), idempotencyKey: "another-key-0123456789abcdef-0123", client: client)
    #expect(other.token != first.token)
    #expect(try await database.caseCount() == 2)
}

@Test func onlyARegisteredActivePartnerIsStored() async throws {
    let database = try AppDatabase.makeInMemory()
    let service = try makeService(database: database)
    _ = try await database.addPartner(
        PartnerInput(slug: "cafe-nord", name: "Café Nord", origin: nil, showsName: false), at: fixedDay)
    #expect(try await service.submit(submission(partner: "cafe-nord")).storedCase.partner == "cafe-nord")
    // Unknown, malformed or disabled slugs are dropped, never failing the person's submission.
    #expect(try await service.submit(submission(partner: "unknown-cafe")).storedCase.partner == nil)
    #expect(try await service.submit(submission(partner: "Bad Slug!")).storedCase.partner == nil)
    try await database.disablePartner("cafe-nord", at: fixedDay)
    #expect(try await service.submit(submission(partner: "cafe-nord")).storedCase.partner == nil)
}

@Test func shortIdempotencyKeysAreRefused() async throws {
    let service = try makeService()
    await #expect(throws: SubmissionError.idempotencyKeyMalformed) {
        try await service.submit(submission(), idempotencyKey: "1")
    }
    await #expect(throws: SubmissionError.idempotencyKeyMalformed) {
        try await service.submit(submission(), idempotencyKey: "has spaces in it but long enough")
    }
    // Too short to hold 128 random bits, a UUID (122 bits) included; other punctuation is refused.
    for key in ["0123456789abcdef", "5d0c1b2e-8a51-4d8f-9a43", "5d0c1b2e8a514d8f9a430e2f1c7b9a1!", String(repeating: "a", count: 129)] {
        await #expect(throws: SubmissionError.idempotencyKeyMalformed) { try await service.submit(submission(), idempotencyKey: key) }
    }
    #expect(IntakeService.isWellFormedIdempotencyKey(PageGuardKey.sample))
}

@Test(arguments: [
    "00000000000000000000000000000001",  // a counter
    "5d0c1b2e-8a51-4d8f-9a43-0e2f1c7b9a10",  // a UUID: 122 random bits
    "5D0C1B2E-8A51-4D8F-9A43-0E2F1C7B9A10",
    "0123456789abcdef0123456789abcdef",  // repeats itself
    "abcabcabcabcabcabcabcabcabcabcabcabc",
    "aaaaaaaaaaaaaaaaa0123456789bcdef",  // one character in more than half the places
    "0123401234012340123401234012344321",  // 5 different characters
])
func keysThatCannotCarry128RandomBitsAreRefused(key: String) async throws {
    #expect(!IntakeService.isWellFormedIdempotencyKey(key))
    await #expect(throws: SubmissionError.idempotencyKeyMalformed) { try await makeService().submit(submission(), idempotencyKey: key) }
}

@Test func randomKeysAreAccepted() {
    // What clients are told to send: 32 hex digits, or base64url, from a random source.
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
        let hex = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
        #expect(IntakeService.isWellFormedIdempotencyKey(hex), "\(hex)")
        let base64url = Data((0..<24).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        #expect(IntakeService.isWellFormedIdempotencyKey(base64url), "\(base64url)")
    }
}

/// What the pages send: 32 hex digits, 128 random bits.
private enum PageGuardKey {
    static let sample = "9f86d081884c7d659a2feaa0c55ad015"
}

@Test func aRetryFromAnotherClientGetsNoToken() async throws {
    let database = try AppDatabase.makeInMemory()
    let service = try makeService(database: database)
    let key = "7c1e9a04b3f25d68e0a7c4b19f3d2e56"  // a key someone else learned
    let first = try await service.submit(submission(), idempotencyKey: key, client: Data("the person".utf8))
    await #expect(throws: SubmissionError.idempotencyKeyReused) {
        try await service.submit(submission(), idempotencyKey: key, client: Data("someone else".utf8))
    }
    let retry = try await service.submit(submission(), idempotencyKey: key, client: Data("the person".utf8))
    #expect(retry.token == first.token && retry.isReplay)
    #expect(try await database.caseCount() == 1)
}

@Test func storedReceiptRevealsNoTokenWithoutTheIdempotencyKey() async throws {
    let database = try AppDatabase.makeInMemory()
    let service = try makeService(database: database)
    let issued = try await service.submit(submission(), idempotencyKey: "5d0c1b2e8a514d8f9a430e2f1c7b9a10")
    let sealed = try await database.reader.read { db in try Data.fetchOne(db, sql: "SELECT sealedToken FROM submissionReceipt") }
    let sealedText = String(decoding: try #require(sealed), as: UTF8.self)
    #expect(!sealedText.contains(issued.token.canonical))
}

@Test func fileDatabaseCommitsWithSynchronousFullAndForeignKeys() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("indgang-db-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("indgang.sqlite").path

    let database = try AppDatabase.openFile(at: path, cipher: .ephemeral())
    #expect(try await database.synchronousSetting() == 2)
    #expect(try await database.enforcesForeignKeys())
    let journal = try await database.reader.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    #expect(journal == "wal")
    #expect(try await database.integrityCheck() == ["ok"])

    let relaxed = try AppDatabase.openFile(at: path, durability: .normal, cipher: .ephemeral())
    #expect(try await relaxed.synchronousSetting() == 1)
}

@Test func reopeningTheFileKeepsTheCases() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("indgang-db-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("indgang.sqlite").path
    let keys = KeyRing.ephemeral()
    let cipher = DataCipher.ephemeral()
    let token = try await makeService(database: .openFile(at: path, cipher: cipher), keys: keys).submit(submission()).token
    let reopened = try makeService(database: .openFile(at: path, cipher: cipher), keys: keys)
    #expect(try await reopened.findCase(token: token.formatted).track == .ambulant)
}
