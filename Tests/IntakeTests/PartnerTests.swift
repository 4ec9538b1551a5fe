import Foundation
import GRDB
import Testing

@testable import Intake

private let now = Date(timeIntervalSince1970: 1_795_338_000)

@Test func partnersGetAKeyShownOnceAndStoredAsAHash() async throws {
    let database = try AppDatabase.makeInMemory()
    let (partner, key) = try await database.addPartner(
        PartnerInput(slug: "cafe-nord", name: "Café Nord", origin: "https://cafe.example/", showsName: true), at: now)
    #expect(key.hasPrefix("ipk_") && key.count > 40)
    #expect(partner.origin == "https://cafe.example")
    #expect(try await database.partner(apiKey: key)?.slug == "cafe-nord")
    let stored = try await database.reader.read { db in try Data.fetchOne(db, sql: "SELECT apiKeyHash FROM partner") }
    #expect(stored == StaffDirectory.hash(key))

    let rotated = try await database.rotatePartnerKey("cafe-nord", at: now)
    #expect(try await database.partner(apiKey: key) == nil)
    #expect(try await database.partner(apiKey: rotated)?.slug == "cafe-nord")
    try await database.disablePartner("cafe-nord", at: now)
    #expect(try await database.partner(apiKey: rotated) == nil)
    #expect(try await database.activePartner("cafe-nord") == nil)
}

@Test func partnerSlugsAndOriginsAreChecked() async throws {
    let database = try AppDatabase.makeInMemory()
    await #expect(throws: CaseWorkError.invalid([FieldProblem("slug", .malformedSlug)])) {
        try await database.addPartner(PartnerInput(slug: "Café", name: "x", origin: nil, showsName: false), at: now)
    }
    for origin in [
        "http://cafe.example", "https://cafe.example/page", "https://cafe.example?x=1", "javascript:alert(1)", "https://a b",
        "https://x'; script-src *",
    ] {
        await #expect(throws: CaseWorkError.invalid([FieldProblem("origin", .malformedOrigin)])) {
            try await database.addPartner(PartnerInput(slug: "cafe", name: "x", origin: origin, showsName: false), at: now)
        }
    }
    _ = try await database.addPartner(PartnerInput(slug: "cafe", name: "x", origin: "https://cafe.example:8443", showsName: false), at: now)
    _ = try await database.addPartner(PartnerInput(slug: "local", name: "x", origin: "http://localhost:9000", showsName: false), at: now)
    await #expect(throws: PartnerError.slugTaken("cafe")) {
        try await database.addPartner(PartnerInput(slug: "cafe", name: "y", origin: nil, showsName: false), at: now)
    }
    await #expect(throws: PartnerError.unknown("nobody")) { try await database.disablePartner("nobody", at: now) }
}

/// An in-memory database whose raw connection the test holds too, to write rows straight into
/// a table.
private struct RawDatabase {
    let connection: DatabaseQueue
    let database: AppDatabase

    init() throws {
        connection = try DatabaseQueue()
        database = try AppDatabase(connection, cipher: .ephemeral())
    }
}

/// Stores a case of `track` for `partner` on `day`, straight into the table; `decided` also
/// records a counsellor's decision for that track on that day.
private func storeCase(_ raw: RawDatabase, partner: String?, day: String, track: Track, decided: Bool = true) async throws {
    let sheet = Profiles.sheet()
    let assessment = Profiles.rules.assess(
        sheet, composites: Profiles.questionnaire.composites(for: sheet), questionnaireVersion: "asi-sr-1")
    let assessed = Assessment(
        questionnaireVersion: assessment.questionnaireVersion, rulesVersion: assessment.rulesVersion, composites: assessment.composites,
        track: track, flags: assessment.flags, priority: assessment.priority, reasons: assessment.reasons
    )
    let newCase = NewCase(
        tokenHash: KeyRing.ephemeral().hash(Token.generate()), createdOn: Day(iso: day)!, language: .da, answers: sheet,
        assessment: assessed, municipality: "101", partner: partner
    )
    guard case .created(let stored) = try await raw.database.submitIntake(newCase, receipt: nil), decided else { return }
    try await raw.connection.write { db in
        try db.execute(
            sql: "UPDATE intakeCase SET state = 'decided', decidedTrack = ?, decidedOn = ? WHERE id = ?",
            arguments: [track.rawValue, day, stored.id])
    }
}

/// Sunday 20 December 2026 (ISO week 51): the weeks before it are over.
private let december20 = Day(iso: "2026-12-20")!

@Test func partnerCountsMergeWeeksUntilNoPeriodSinglesAnyoneOut() async throws {
    let raw = try RawDatabase()
    let database = raw.database
    // Decided in W45: 2, W46: 4, W47: 10 (5 + 5), W49: 1 (W48 empty); another partner's cases
    // and cases without a partner must not count.
    for (day, tracks) in [
        ("2026-11-02", [Track.outreach, .anonymous]), ("2026-11-10", [.outreach, .anonymous, .anonymous, .anonymous]),
        ("2026-11-18", Array(repeating: .anonymous, count: 5) + Array(repeating: .ambulant, count: 5)), ("2026-12-01", [.outreach]),
    ] {
        for track in tracks { try await storeCase(raw, partner: "cafe-nord", day: day, track: track) }
    }
    for _ in 0..<9 { try await storeCase(raw, partner: "herberg-syd", day: "2026-11-09", track: .ambulant) }
    try await storeCase(raw, partner: nil, day: "2026-11-09", track: .ambulant)

    let periods = try await database.partnerStatistics(
        "cafe-nord", from: Day(iso: "2026-10-01")!, to: Day(iso: "2026-12-31")!, today: december20)
    // W45 + W46 = 6 ≥ 5; W47 = 10; W49 alone is 1: the period still being filled, only "<5".
    #expect(periods.map(\.fromWeek) == ["2026-W45", "2026-W47", "2026-W49"])
    #expect(periods.map(\.toWeek) == ["2026-W46", "2026-W47", "2026-W49"])
    #expect(periods.map(\.total) == [.count(6), .count(10), .fewerThanFive])
    // Period 1 has 2 outreach and 4 anonymous: no tracks at all, not even the 4 (6 − 2 would give
    // the 2 away). Period 2 has 5 and 5: shown.
    #expect(periods.map(\.byTrack) == [[:], ["anonymous": .count(5), "ambulant": .count(5)], [:]])
    #expect(try await database.partnerStatistics("nobody", from: Day(iso: "2026-01-01")!, to: december20, today: december20).isEmpty)
}

@Test func noWindowIsFinerThanAPeriodAndNoTwoAnswersSubtractToAWeek() async throws {
    let raw = try RawDatabase()
    let database = raw.database
    for (day, count) in [("2026-11-02", 3), ("2026-11-10", 3), ("2026-11-17", 2), ("2026-11-24", 4)] {
        for _ in 0..<count { try await storeCase(raw, partner: "cafe-nord", day: day, track: .anonymous) }
    }
    func answer(_ from: String, _ to: String) async throws -> [PartnerPeriod] {
        try await database.partnerStatistics("cafe-nord", from: Day(iso: from)!, to: Day(iso: to)!, today: december20)
    }
    let everything = try await answer("2026-01-01", "2026-12-31")
    #expect(everything.map(\.total) == [.count(6), .count(6)])
    // A single Tuesday, a single week and a month give whole periods of the one partition.
    #expect(try await answer("2026-11-10", "2026-11-10") == [everything[0]])
    #expect(try await answer("2026-11-16", "2026-11-22") == [everything[1]])
    #expect(try await answer("2026-11-01", "2026-11-30") == everything)
    // Every exact count is a whole period of 5 or more; no track count under 5 is ever shown.
    for period in everything {
        if case .count(let total) = period.total { #expect(total >= 5) }
        #expect(period.byTrack.values.allSatisfy { if case .count(let count) = $0 { count >= 5 } else { false } })
    }
}

@Test func submissionsNobodyDecidedAndThisWeeksDecisionsMoveNothing() async throws {
    let raw = try RawDatabase()
    let database = raw.database
    for _ in 0..<5 { try await storeCase(raw, partner: "cafe-nord", day: "2026-11-10", track: .anonymous) }
    let before = try await database.partnerStatistics("cafe-nord", from: Day(iso: "2026-11-01")!, to: december20, today: december20)
    #expect(before.map(\.total) == [.count(5)])
    // Anyone can open the partner's link and submit: undecided cases do not count, however many.
    for _ in 0..<20 { try await storeCase(raw, partner: "cafe-nord", day: "2026-11-10", track: .outreach, decided: false) }
    // A decision this week (W51) waits until the week is over.
    try await storeCase(raw, partner: "cafe-nord", day: "2026-12-16", track: .outreach)
    #expect(try await database.partnerStatistics("cafe-nord", from: Day(iso: "2026-11-01")!, to: december20, today: december20) == before)
    let nextWeek = try await database.partnerStatistics(
        "cafe-nord", from: Day(iso: "2026-11-01")!, to: december20, today: december20.adding(days: 1))
    #expect(nextWeek.map(\.total) == [.count(5), .fewerThanFive])
}
