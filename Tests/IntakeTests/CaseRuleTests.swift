import Foundation
import Testing

@testable import Intake

/// The first contact of the case every decision row is checked against: Sunday 22 November 2026.
private let firstContact = Day(iso: "2026-11-22")!

private func suggested(_ track: Track) async throws -> IntakeCase {
    let place = try Workplace()
    let (token, _) = try await place.submit()
    var found = try await place.intake.findCase(token: token)
    found.track = track
    found.createdOn = firstContact
    return found
}

private let anonymousProvider = Provider(
    id: 7, slug: "anonym-by", name: "Anonym", isAnonymous: true, isOutsideMunicipality: true, contact: "-")
private let ambulantProvider = Provider(id: 8, slug: "kbh", name: "KBH", isAnonymous: false, isOutsideMunicipality: false, contact: "-")

@Test(arguments: [
    // decided track, reason, planned start (days after first contact), delay reason, provider → problems
    (
        Track?.none, String?.none, Int?.none, String?.none, Provider?.none,
        [FieldProblem("track", .required), FieldProblem("plannedStart", .required)]
    ),
    (.ambulant, nil, 3, nil, ambulantProvider, []),
    (.ambulant, "   ", 3, nil, nil, []),
    (.anonymous, nil, 3, nil, anonymousProvider, [FieldProblem("reason", .requiredWhenTrackDiffers)]),
    (.outreach, " \n ", 3, nil, nil, [FieldProblem("reason", .requiredWhenTrackDiffers)]),
    (.anonymous, "ønsker anonymitet", 3, nil, ambulantProvider, [FieldProblem("provider", .notAnonymousProvider)]),
    (.anonymous, "ønsker anonymitet", 3, nil, anonymousProvider, []),
    (.ambulant, nil, -1, nil, nil, [FieldProblem("plannedStart", .beforeFirstContact)]),
    (.ambulant, nil, 0, nil, nil, []),
    (.ambulant, nil, 14, nil, nil, []),
    (.ambulant, nil, 15, nil, nil, [FieldProblem("startDelayReason", .requiredWhenLate(deadline: firstContact.adding(days: 14)))]),
    (.ambulant, nil, 15, "borgeren ønsker at starte efter nytår", nil, []),
    (.anonymous, "ønsker anonymitet", 30, nil, nil, []),
    (.ambulant, String(repeating: "a", count: 1_001), 3, nil, nil, [FieldProblem("reason", .tooLong(maximum: 1_000))]),
    (.ambulant, String(repeating: "e\u{301}", count: 501), 3, nil, nil, [FieldProblem("reason", .tooLong(maximum: 1_000))]),
    (.ambulant, nil, 15, String(repeating: "x", count: 1_001), nil, [FieldProblem("startDelayReason", .tooLong(maximum: 1_000))]),
])
func aDecisionIsCheckedAgainstTheCaseAndTheProvider(
    track: Track?, reason: String?, startDay: Int?, delayReason: String?, provider: Provider?, expected: [FieldProblem]
) async throws {
    let found = try await suggested(.ambulant)
    let input = DecisionInput(
        track: track, reason: reason, provider: provider?.slug, plannedStart: startDay.map { firstContact.adding(days: $0) },
        startDelayReason: delayReason)
    #expect(input.problems(for: found, provider: provider) == expected)
}

@Test func aDecisionThatHoldsIsWrittenTrimmedOnItsDay() async throws {
    var found = try await suggested(.ambulant)
    let stored = anonymousProvider
    let input = DecisionInput(
        track: .anonymous, reason: "  ønsker anonymitet \n", provider: "anonym-by", plannedStart: firstContact.adding(days: 2),
        startDelayReason: "  ")
    try input.apply(to: &found, provider: stored, on: firstContact.adding(days: 1))
    #expect(found.decidedTrack == .anonymous && found.decisionReason == "ønsker anonymitet" && found.providerId == 7)
    #expect(found.startDelayReason == nil && found.decidedOn == firstContact.adding(days: 1))
    var untouched = try await suggested(.ambulant)
    #expect(throws: CaseWorkError.invalid([FieldProblem("plannedStart", .required)])) {
        try DecisionInput(track: .ambulant, plannedStart: nil).apply(to: &untouched, provider: nil, on: firstContact)
    }
    #expect(untouched.decidedTrack == nil && untouched.decidedOn == nil)
}

@Test(arguments: [
    // start, length, mode, place → problems; it is 09:00 on 22 November 2026 in Copenhagen
    (
        String?.none, Int?.none, ContactMode?.none, String?.none,
        [
            FieldProblem("start", .required), FieldProblem("length", .required), FieldProblem("mode", .required),
            FieldProblem("place", .required),
        ]
    ),
    ("2026-11-23T10:00", 45, .centre, "Rådhuspladsen 1", []),
    ("2026-11-22T09:00", 45, .centre, "Rådhuspladsen 1", [FieldProblem("start", .invalid)]),
    ("2026-11-22T09:01", 45, .centre, "Rådhuspladsen 1", []),
    ("2026-11-22T08:59", 45, .centre, "Rådhuspladsen 1", [FieldProblem("start", .invalid)]),
    ("2026-02-30T10:00", 45, .centre, "Rådhuspladsen 1", [FieldProblem("start", .invalid)]),
    ("2026-11-23T24:00", 45, .centre, "Rådhuspladsen 1", [FieldProblem("start", .invalid)]),
    ("2026-11-23 10:00", 45, .centre, "Rådhuspladsen 1", [FieldProblem("start", .invalid)]),
    ("2026-11-23T10:00", 4, .centre, "Rådhuspladsen 1", [FieldProblem("length", .invalid)]),
    ("2026-11-23T10:00", 5, .centre, "Rådhuspladsen 1", []),
    ("2026-11-23T10:00", 480, .video, "https://møde.example/abc", []),
    ("2026-11-23T10:00", 481, .centre, "Rådhuspladsen 1", [FieldProblem("length", .invalid)]),
    ("2026-11-23T10:00", 30, .phone, "Vi ringer dig op", [FieldProblem("place", .phoneNumberNeeded)]),
    ("2026-11-23T10:00", 30, .phone, "Ring 70 20 30 40", []),
    ("2026-11-23T10:00", 30, .centre, String(repeating: "a", count: 501), [FieldProblem("place", .tooLong(maximum: 500))]),
    ("2026-11-23T10:00", 30, .centre, "  ", [FieldProblem("place", .required)]),
])
func aSlotIsCheckedAgainstTheServicesMinute(start: String?, length: Int?, mode: ContactMode?, place: String?, expected: [FieldProblem]) {
    let input = SlotInput(startsAt: start, lengthMinutes: length, mode: mode, place: place)
    #expect(input.problems(after: "2026-11-22T09:00") == expected)
}

private func identity(_ id: Int64, _ role: StaffRole) -> StaffIdentity {
    StaffIdentity(
        user: StaffUser(
            id: id, username: "user\(id)", passwordHash: "", role: role, isDisabled: false, mustChangePassword: false,
            createdAt: Date(timeIntervalSince1970: 0)),
        sessionID: 1)
}

@Test(arguments: [
    // state, holder, who asks → the actions offered, whether they may write
    (CaseState.new, Int64?.none, identity(1, .staff), [CaseAction.claim], false),
    (.new, nil, identity(9, .admin), [.claim], false),
    (.claimed, 1, identity(1, .staff), [.release, .handOver, .decide, .close], true),
    (.claimed, 1, identity(2, .staff), [], false),
    (.claimed, 1, identity(9, .admin), [.release, .handOver, .decide, .close], true),
    (.booked, 1, identity(1, .staff), [.handOver, .cancelBooking, .decide, .close], true),
    (.decided, 1, identity(1, .staff), [.close], true),
    (.decided, 1, identity(2, .staff), [], false),
    (.closed, 1, identity(1, .staff), [], false),
    (.withdrawn, 1, identity(9, .admin), [], false),
])
func whatAStaffMemberMayDoFollowsTheStateAndWhoHoldsTheCase(
    state: CaseState, holder: Int64?, staff: StaffIdentity, actions: [CaseAction], mayWrite: Bool
) async throws {
    var found = try await suggested(.ambulant)
    found.state = state
    found.assignedToId = holder
    #expect(found.actions(for: staff) == actions)
    #expect(found.acceptsMessages(from: staff) == mayWrite)
}
