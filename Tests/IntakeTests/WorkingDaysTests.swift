import Testing

@testable import Intake

/// The public holidays of 2026 and 2027 as the calendar prints them (written by hand, not
/// computed), and every weekday of those years that is not one is a working day.
private let holidays2026And2027 = [
    "2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-14", "2026-05-24", "2026-05-25",
    "2026-12-25", "2026-12-26",
    "2027-01-01", "2027-03-25", "2027-03-26", "2027-03-28", "2027-03-29", "2027-05-06", "2027-05-16", "2027-05-17",
    "2027-12-25", "2027-12-26",
]

@Test func theHolidaysOfTwoYearsMatchTheCalendar() {
    #expect((DanishHolidays.days(in: 2026) + DanishHolidays.days(in: 2027)).map(\.iso) == holidays2026And2027)
}

@Test func everyDayOfTwoYearsIsAWorkingDayExactlyWhenTheCalendarSaysSo() throws {
    var day = try #require(Day(iso: "2026-01-01"))
    var working = 0
    while day.iso < "2028-01-01" {
        let expected = day.weekday <= 5 && !holidays2026And2027.contains(day.iso)
        #expect(WorkingDays.contains(day) == expected, "\(day.iso)")
        if expected { working += 1 }
        day = day.adding(days: 1)
    }
    // 2026: 261 weekdays, 7 holidays on a weekday (1 Jan, 2, 3, 6 Apr, 14, 25 May, 25 Dec);
    // 2027: 261 weekdays, 6 holidays on a weekday (1 Jan, 25, 26, 29 Mar, 6, 17 May; Christmas is a weekend).
    #expect(working == (261 - 7) + (261 - 6))
}

@Test(arguments: [
    ("2026-11-20", 2, "2026-11-24"),  // Friday → Tuesday
    ("2026-11-21", 2, "2026-11-24"),  // Saturday → Tuesday
    ("2026-11-23", 2, "2026-11-25"),  // Monday → Wednesday
    ("2026-12-23", 2, "2026-12-28"),  // Christmas Eve works; Christmas Day, Boxing Day (a Saturday) and Sunday do not
    ("2027-03-24", 2, "2027-03-31"),  // over Easter: Maundy Thursday to Easter Monday
    ("2027-05-05", 1, "2027-05-07"),  // over Ascension Day
    ("2026-12-31", 1, "2027-01-04"),  // New Year's Day, then the weekend
    ("2026-11-23", 0, "2026-11-23"),
])
func aPromiseOfWorkingDaysSkipsWeekendsAndHolidays(from: String, count: Int, expected: String) throws {
    #expect(WorkingDays.adding(count, to: try #require(Day(iso: from))).iso == expected)
}
