import Foundation
import Testing

@testable import Intake

private let now = Date(timeIntervalSince1970: 1_795_338_000)

@Test func partnersGetAKeyShownOnceAndStoredAsAHash() async throws {
    let database = try AppDatabase.makeInMemory()
    let (partner, key) = try await database.addPartner(
        slug: "cafe-nord", name: "Café Nord", origin: "https://cafe.example/", showsName: true, at: now)
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
    await #expect(throws: PartnerError.malformedSlug("Café")) {
        try await database.addPartner(slug: "Café", name: "x", origin: nil, showsName: false, at: now)
    }
    for origin in [
        "http://cafe.example", "https://cafe.example/page", "https://cafe.example?x=1", "javascript:alert(1)", "https://a b",
        "https://x'; script-src *",
    ] {
        await #expect(throws: PartnerError.malformedOrigin(origin)) {
            try await database.addPartner(slug: "cafe", name: "x", origin: origin, showsName: false, at: now)
        }
    }
    _ = try await database.addPartner(slug: "cafe", name: "x", origin: "https://cafe.example:8443", showsName: false, at: now)
    _ = try await database.addPartner(slug: "local", name: "x", origin: "http://localhost:9000", showsName: false, at: now)
    await #expect(throws: PartnerError.slugTaken("cafe")) {
        try await database.addPartner(slug: "cafe", name: "y", origin: nil, showsName: false, at: now)
    }
    await #expect(throws: PartnerError.unknown("nobody")) { try await database.disablePartner("nobody", at: now) }
}

/// Stores a case of `track` for `partner` on `day`, straight into the table.
private func storeCase(_ database: AppDatabase, partner: String?, day: String, track: Track) async throws {
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
    _ = try await database.submitIntake(newCase, receipt: nil)
}

@Test func partnerCountsMergeWeeksUntilNoPeriodSinglesAnyoneOut() async throws {
    let database = try AppDatabase.makeInMemory()
    // W45: 2 cases, W46: 4, W47: 6, W49: 1 (W48 empty); another partner's cases must not count.
    for (day, count) in [("2026-11-02", 2), ("2026-11-09", 4), ("2026-11-16", 6), ("2026-11-30", 1)] {
        for index in 0..<count { try await storeCase(database, partner: "cafe-nord", day: day, track: index == 0 ? .outreach : .anonymous) }
    }
    for _ in 0..<9 { try await storeCase(database, partner: "herberg-syd", day: "2026-11-09", track: .ambulant) }
    try await storeCase(database, partner: nil, day: "2026-11-09", track: .ambulant)

    let periods = try await database.partnerStatistics("cafe-nord", from: Day(iso: "2026-10-01")!, to: Day(iso: "2026-12-31")!)
    // W45 + W46 = 6 ≥ 5; W47 = 6; W49 alone would be 1, so it joins the period before it.
    #expect(periods.map(\.fromWeek) == ["2026-W45", "2026-W47"])
    #expect(periods.map(\.toWeek) == ["2026-W46", "2026-W49"])
    #expect(periods.map(\.total) == [.count(6), .count(7)])
    // Period 1: 2 outreach, 4 anonymous; period 2: 2 outreach, 5 anonymous.
    #expect(periods[0].byTrack == ["outreach": .fewerThanFive, "anonymous": .fewerThanFive])
    #expect(periods[1].byTrack == ["outreach": .fewerThanFive, "anonymous": .count(5)])

    let few = try await database.partnerStatistics("cafe-nord", from: Day(iso: "2026-11-30")!, to: Day(iso: "2026-12-31")!)
    #expect(few.map(\.total) == [.fewerThanFive])
    #expect(try await database.partnerStatistics("nobody", from: Day(iso: "2026-01-01")!, to: Day(iso: "2026-12-31")!).isEmpty)
}
