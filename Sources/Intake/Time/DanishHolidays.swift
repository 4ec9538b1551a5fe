import Foundation

/// Denmark's public holidays (helligdage): the days the public sector, the doctors' out-of-hours
/// service and most lines keep Sunday hours. Store Bededag is one no longer from 2024 on
/// (lov nr. 1 af 28. februar 2023); Grundlovsdag, Christmas Eve and New Year's Eve are not
/// public holidays, however many workplaces close.
public enum DanishHolidays {
    /// Whether `day` is a Danish public holiday.
    public static func contains(_ day: Day) -> Bool {
        let parts = day.iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return false }
        return days(in: parts[0]).contains(day)
    }

    /// The public holidays of `year`, in order.
    public static func days(in year: Int) -> [Day] {
        let easter = easterSunday(year)
        let fixed = ["01-01", "12-25", "12-26"].compactMap { Day(iso: String(format: "%04d-", year) + $0) }
        var moving = [-3, -2, 0, 1, 39, 49, 50].map { easter.adding(days: $0) }
        if year < 2024 { moving.append(easter.adding(days: 26)) }  // Store Bededag
        return (fixed + moving).sorted()
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
    public static func easterSunday(_ year: Int) -> Day {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let dayOfMonth = (h + l - 7 * m + 114) % 31 + 1
        return Day(iso: String(format: "%04d-%02d-%02d", year, month, dayOfMonth)) ?? Day(Date(timeIntervalSince1970: 0), in: .gmt)
    }
}
