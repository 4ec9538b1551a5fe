import Foundation

/// The service's one clock. Everything that needs the time reads a `Moment` from it, once per
/// request or operation, so the instant and the day of one change always agree. Days are
/// counted in the configured time zone (Europe/Copenhagen by default), never in UTC.
public struct ServiceClock: Sendable {
    /// The time zone days are counted in.
    public let timeZone: TimeZone
    private let read: @Sendable () -> Date

    /// A clock that reads the system time: the only place the service asks for it.
    public init(timeZone: TimeZone) {
        self.init(timeZone: timeZone, reading: { Date() })
    }

    /// A clock that reads `reading`, for tests that move time.
    public init(timeZone: TimeZone, reading: @escaping @Sendable () -> Date) {
        self.timeZone = timeZone
        read = reading
    }

    /// A clock that stands still at `instant`, for tests.
    public static func fixed(at instant: Date, in timeZone: TimeZone = .copenhagen) -> ServiceClock {
        ServiceClock(timeZone: timeZone, reading: { instant })
    }

    /// The current moment.
    public func now() -> Moment { Moment(instant: read(), timeZone: timeZone) }
}

/// One reading of the service clock: the instant, and the day and local time it is in the
/// service's time zone.
public struct Moment: Sendable, Equatable {
    /// The instant, for audit entries and session times.
    public let instant: Date
    /// The day the instant falls on in the service's time zone.
    public let day: Day
    /// The local date and time to the minute, `YYYY-MM-DDTHH:MM`, as slots are written.
    public let localMinute: String
    /// The time zone the day and local time are counted in.
    public let timeZone: TimeZone

    /// The moment `instant` in `timeZone`.
    public init(instant: Date, timeZone: TimeZone) {
        self.instant = instant
        self.timeZone = timeZone
        let local = Self.localDateAndTime(of: instant, in: timeZone)
        day = Day(validISO: local.date)
        localMinute = local.date + "T" + local.time
    }

    /// The local date (`YYYY-MM-DD`) and time to the minute (`HH:MM`) of `instant` in `timeZone`.
    ///
    /// Counted from the zone's offset at that instant, without a `Calendar`: building one and
    /// asking it for the components, with `String(format:)` around them, was 4 % of the
    /// instructions of a submission, and every request reads the clock. The answer is the same
    /// as the Gregorian calendar's (`MomentTests` compares them); instants outside the years
    /// 1–9999, where the arithmetic could overflow, are still asked of the calendar.
    static func localDateAndTime(of instant: Date, in timeZone: TimeZone) -> (date: String, time: String) {
        let seconds = instant.timeIntervalSince1970
        // 0001-01-02 and 9999-12-30 UTC: a day's margin on each side for the zone's offset.
        guard seconds.isFinite, seconds > -62_135_510_400, seconds < 253_402_128_000 else {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
            return (
                padded(parts.year ?? 0, 4) + "-" + padded(parts.month ?? 0, 2) + "-" + padded(parts.day ?? 0, 2),
                padded(parts.hour ?? 0, 2) + ":" + padded(parts.minute ?? 0, 2)
            )
        }
        let local = Int(seconds.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        let days = local >= 0 ? local / 86_400 : -((-local - 1) / 86_400) - 1
        let secondOfDay = local - days * 86_400
        // Howard Hinnant's days-to-civil: the proleptic Gregorian date of a count of days since 1970-01-01.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (
            padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2),
            padded(secondOfDay / 3_600, 2) + ":" + padded(secondOfDay % 3_600 / 60, 2)
        )
    }

    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The first instant of `day` in the service's time zone.
    public func start(of day: Day) -> Date { day.start(in: timeZone) }
}

extension TimeZone {
    /// Europe/Copenhagen, the service's default time zone.
    public static let copenhagen = TimeZone(identifier: "Europe/Copenhagen") ?? TimeZone(secondsFromGMT: 3600) ?? .gmt
}
