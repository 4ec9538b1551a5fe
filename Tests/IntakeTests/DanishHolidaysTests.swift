import Testing

@testable import Intake

@Test(arguments: [
    (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
    (2038, "2038-04-25"), (2285, "2285-03-22"),  // the latest and the earliest dates Easter can fall on
])
func easterSundayFallsOnTheKnownDays(year: Int, iso: String) {
    #expect(DanishHolidays.easterSunday(year).iso == iso)
}

@Test func theHolidaysOf2026AreTheTenOfficialOnes() {
    #expect(
        DanishHolidays.days(in: 2026).map(\.iso) == [
            "2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06",
            "2026-05-14", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26",
        ])
    #expect(!DanishHolidays.contains(Day(iso: "2026-06-05")!))  // Grundlovsdag is not one
    #expect(!DanishHolidays.contains(Day(iso: "2026-12-24")!))
}

@Test func storeBededagIsAHolidayOnlyBefore2024() {
    #expect(DanishHolidays.contains(Day(iso: "2023-05-05")!))
    #expect(!DanishHolidays.contains(DanishHolidays.easterSunday(2024).adding(days: 26)))
}

@Test func everyYearHasItsHolidaysInOrderAndEasterInSpring() {
    for year in 1900...2200 {
        let days = DanishHolidays.days(in: year)
        #expect(days.count == (year < 2024 ? 11 : 10))
        #expect(days == days.sorted())
        let easter = DanishHolidays.easterSunday(year).iso
        #expect(easter >= String(format: "%04d-03-22", year) && easter <= String(format: "%04d-04-25", year))
    }
}
