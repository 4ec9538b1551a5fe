import Foundation
import GRDB
import Testing

@testable import Intake

// Days are Copenhagen days at every instant. Each expected value below is worked out by hand:
// Copenhagen is UTC+1 in winter and UTC+2 in summer; in 2027 summer time starts at 01:00 UTC on
// 28 March (02:00 → 03:00) and ends at 01:00 UTC on 31 October (03:00 → 02:00).

@Test(arguments: [
    // UTC instant, day in Copenhagen, local minute in Copenhagen
    ("2026-11-23T23:30:00Z", "2026-11-24", "2026-11-24T00:30"),
    ("2027-12-31T23:30:00Z", "2028-01-01", "2028-01-01T00:30"),
    ("2027-12-31T22:59:00Z", "2027-12-31", "2027-12-31T23:59"),
    ("2027-03-28T00:59:00Z", "2027-03-28", "2027-03-28T01:59"),
    ("2027-03-28T01:00:00Z", "2027-03-28", "2027-03-28T03:00"),
    ("2027-03-27T22:30:00Z", "2027-03-27", "2027-03-27T23:30"),
    ("2027-10-31T00:30:00Z", "2027-10-31", "2027-10-31T02:30"),
    ("2027-10-31T01:30:00Z", "2027-10-31", "2027-10-31T02:30"),
    ("2027-10-31T22:30:00Z", "2027-10-31", "2027-10-31T23:30"),
    ("2027-10-31T23:30:00Z", "2027-11-01", "2027-11-01T00:30"),
    ("2028-02-28T23:30:00Z", "2028-02-29", "2028-02-29T00:30"),
    ("2028-02-29T23:30:00Z", "2028-03-01", "2028-03-01T00:30"),
])
func aMomentHasTheDayAndTimeOfCopenhagen(instant: String, day: String, localMinute: String) {
    let moment = ServiceClock.fixed(at: utc(instant)).now()
    #expect(moment.day.iso == day)
    #expect(moment.localMinute == localMinute)
    #expect(moment.instant == utc(instant))
}

@Test(arguments: [
    // Copenhagen day, its first instant in UTC
    ("2026-12-01", "2026-11-30T23:00:00Z"),
    ("2027-03-28", "2027-03-27T23:00:00Z"),
    ("2027-03-29", "2027-03-28T22:00:00Z"),
    ("2027-10-31", "2027-10-30T22:00:00Z"),
    ("2027-11-01", "2027-10-31T23:00:00Z"),
    ("2028-02-29", "2028-02-28T23:00:00Z"),
])
func aDayStartsAtMidnightInCopenhagen(day: String, start: String) throws {
    let moment = ServiceClock.fixed(at: utc("2026-11-22T09:00:00Z")).now()
    #expect(moment.start(of: try #require(Day(iso: day))) == utc(start))
}

@Test(arguments: [
    ("2028-02-29", -5, "2023-02-28"),
    ("2028-02-29", 4, "2032-02-29"),
    ("2026-12-31", 1, "2027-12-31"),
    ("2026-11-22", -5, "2021-11-22"),
])
func yearsAreCountedOnTheCalendar(day: String, years: Int, expected: String) {
    #expect(Day(iso: day)?.adding(years: years).iso == expected)
}

@Test(arguments: [
    ("2025-12-29", "2026-W01"),
    ("2026-11-22", "2026-W47"),
    ("2026-12-28", "2026-W53"),
    ("2027-01-01", "2026-W53"),
    ("2027-01-03", "2026-W53"),
    ("2027-01-04", "2027-W01"),
    ("2028-01-01", "2027-W52"),
    ("2028-02-29", "2028-W09"),
])
func isoWeeksFollowTheCalendar(day: String, week: String) {
    #expect(Day(iso: day)?.isoWeek == week)
}

@Test func aSubmissionAtHalfPastElevenUTCIsDatedTheNextDay() async throws {
    // 23:30 UTC on 23 November is 00:30 on 24 November in Copenhagen.
    let place = try Workplace(at: utc("2026-11-23T23:30:00Z"))
    let (token, _) = try await place.submit()
    #expect(try await place.intake.findCase(token: token).createdOn.iso == "2026-11-24")
}

@Test func aSubmissionJustAfterMidnightOnNewYearCountsInTheNewYearsWeek() async throws {
    // 23:30 UTC on Sunday 3 January 2027 is Monday 4 January 00:30 in Copenhagen: ISO week 1.
    let place = try Workplace(at: utc("2027-01-03T23:30:00Z"))
    for _ in 0..<5 { _ = try await place.submit() }
    let weeks = try await place.desk.statistics(from: Day(iso: "2026-12-28")!, to: Day(iso: "2027-01-10")!)
    #expect(weeks.map(\.week) == ["2027-W01"])
    #expect(weeks.first?.total == .count(5))
}

@Test(arguments: [
    // first contact (Copenhagen), deadline 14 calendar days later
    ("2027-03-20T10:00:00Z", "2027-03-20", "2027-04-03"),  // across the spring switch
    ("2027-10-25T10:00:00Z", "2027-10-25", "2027-11-08"),  // across the autumn switch
    ("2028-02-20T23:30:00Z", "2028-02-21", "2028-03-06"),  // across 29 February, submitted after midnight
])
func theStartDeadlineIsFourteenCalendarDays(instant: String, firstContact: String, deadline: String) async throws {
    let place = try Workplace(at: utc(instant))
    let (token, _) = try await place.submit()
    let found = try await place.intake.findCase(token: token)
    #expect(found.createdOn.iso == firstContact)
    #expect(found.startDeadline?.iso == deadline)
}

@Test func theDeadlinePassesAtMidnightInCopenhagen() async throws {
    // Submitted 20 March 2027: the deadline is 3 April, in summer time (UTC+2).
    let place = try Workplace(at: utc("2027-03-20T10:00:00Z"))
    let (token, _) = try await place.submit()
    let found = try await place.intake.findCase(token: token)
    let status = { (instant: String) in found.deadlineStatus(on: ServiceClock.fixed(at: utc(instant)).now().day) }
    #expect(status("2027-03-30T21:59:00Z") == .onTrack)  // 23:59 on 30 March
    #expect(status("2027-03-30T22:00:00Z") == .near)  // 00:00 on 31 March: 3 days left
    #expect(status("2027-04-03T21:59:00Z") == .near)  // 23:59 on the deadline day
    #expect(status("2027-04-03T22:00:00Z") == .passed)  // 00:00 on 4 April
}

@Test(arguments: [
    // state, days after the first contact, status (the deadline is day 14)
    (CaseState.new, 0, DeadlineStatus?.some(.onTrack)),
    (.claimed, 10, .onTrack),
    (.claimed, 11, .near),
    (.booked, 14, .near),
    (.new, 15, .passed),
    (.decided, 20, nil),
    (.closed, 20, nil),
    (.withdrawn, 20, nil),
])
func theDeadlineStatusFollowsTheStateAndTheDay(state: CaseState, day: Int, expected: DeadlineStatus?) async throws {
    let place = try Workplace()
    let (token, _) = try await place.submit()
    var found = try await place.intake.findCase(token: token)
    found.state = state
    #expect(found.deadlineStatus(on: found.createdOn.adding(days: day)) == expected)
}

@Test func anAnonymousCaseHasNoDeadline() async throws {
    let place = try Workplace()
    let (token, _) = try await place.submit(["drug.days.heroin": .integer(30), "drug.days_multiple": .integer(9)])
    let found = try await place.intake.findCase(token: token)
    #expect(found.track == .anonymous)
    #expect(found.startDeadline == nil && found.deadlineStatus(on: found.createdOn.adding(days: 30)) == nil)
}

@Test func aSlotLateInTheEveningIsStillToday() async throws {
    // 22:30 UTC on 30 November is 23:30 in Copenhagen, still 30 November.
    let place = try Workplace(at: utc("2026-11-30T22:30:00Z"))
    let mette = try await place.staff("mette")
    let late = try await place.desk.createSlot(
        SlotInput(startsAt: "2026-11-30T23:45", lengthMinutes: 15, mode: .chat, place: "Chat"), by: mette)
    #expect(late.startsAt == "2026-11-30T23:45")
    await #expect(throws: CaseWorkError.invalid([FieldProblem("start", .invalid)])) {
        try await place.desk.createSlot(SlotInput(startsAt: "2026-11-30T23:15", lengthMinutes: 15, mode: .chat, place: "Chat"), by: mette)
    }
}

@Test func auditEntriesAreKeptForWholeCopenhagenDays() async throws {
    // Purged on 22 November 2026: entries from 22 November 2021 (Copenhagen) on are kept. That
    // day began at 23:00 UTC on 21 November.
    let place = try Workplace(at: utc("2026-11-22T09:00:00Z"))
    try await place.database.auditCommand(.providerAdd, detail: "test.before", at: utc("2021-11-21T22:59:00Z"))
    try await place.database.auditCommand(.providerAdd, detail: "test.after", at: utc("2021-11-21T23:30:00Z"))
    let report = try await place.database.purge(RetentionPolicy(), at: place.clock.moment, sessionLifetime: 8 * 3600, dryRun: false)
    #expect(report.auditEntries == 1)
    let kept = try await place.desk.auditEntries(AuditFilter())
    #expect(kept.map(\.action) == [.purge, .providerAdd])
    #expect(kept.last?.detail == "test.after")
}

@Test func theServiceClockReadsTheMachinesTimeAndCountsDaysInItsZone() {
    let clock = ServiceClock(timeZone: .copenhagen)
    let before = Date()
    let moment = clock.now()
    #expect(moment.instant >= before && moment.instant.timeIntervalSince(before) < 5)
    #expect(moment.day == Day(moment.instant, in: .copenhagen))
    #expect(moment.timeZone.identifier == "Europe/Copenhagen")
}
