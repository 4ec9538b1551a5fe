/// Working days as the municipality counts them: Monday to Friday, except Danish public holidays
/// (`DanishHolidays`). The response promise ("first reply within N working days") is counted in
/// them.
public enum WorkingDays {
    /// Whether `day` is a working day.
    public static func contains(_ day: Day) -> Bool {
        day.weekday <= 5 && !DanishHolidays.contains(day)
    }

    /// The day `count` working days after `day` (the day itself does not count): a case that
    /// comes on a Friday with a promise of 2 working days is answered by Tuesday.
    public static func adding(_ count: Int, to day: Day) -> Day {
        var result = day
        var left = max(count, 0)
        while left > 0 {
            result = result.adding(days: 1)
            if contains(result) { left -= 1 }
        }
        return result
    }
}

extension Day {
    /// The day of the week, 1 for Monday … 7 for Sunday.
    public var weekday: Int {
        // 1 January 2024 was a Monday.
        let days = (Day(iso: "2024-01-01")?.days(until: self)) ?? 0
        return ((days % 7) + 7) % 7 + 1
    }
}
