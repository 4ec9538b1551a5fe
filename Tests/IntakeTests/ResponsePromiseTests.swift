import Testing

@testable import Intake

@Test func aPromiseOfTwoWorkingDaysIsWaitingDueAndThenPassed() throws {
    let promise = ResponsePromise(workingDays: 2)
    // The latest day that came in and is due by a Tuesday: the Sunday before (Sunday → Tuesday).
    let tuesday = try #require(Day(iso: "2026-11-24"))
    #expect(promise.latestCreatedDue(on: tuesday).iso == "2026-11-22")
    #expect(WorkingDays.adding(2, to: promise.latestCreatedDue(on: tuesday)) <= tuesday)
    #expect(WorkingDays.adding(2, to: promise.latestCreatedDue(on: tuesday).adding(days: 1)) > tuesday)
    // Over Easter 2027 (Thursday 25 March to Monday 29 March): a case from Wednesday the 24th is
    // due Wednesday the 31st; on Tuesday the 30th nothing from the 24th on is due yet.
    let easterTuesday = try #require(Day(iso: "2027-03-30"))
    #expect(promise.latestCreatedDue(on: easterTuesday).iso == "2027-03-23")
    #expect(ResponsePromise(workingDays: 0).latestCreatedDue(on: tuesday) == tuesday)
    #expect(ResponsePromise(workingDays: -3).workingDays == 0)
}
