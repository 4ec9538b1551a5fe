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
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let date = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        day = Day(iso: date) ?? Day(instant, in: timeZone)
        localMinute = date + String(format: "T%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// The first instant of `day` in the service's time zone.
    public func start(of day: Day) -> Date { day.start(in: timeZone) }
}

extension TimeZone {
    /// Europe/Copenhagen, the service's default time zone.
    public static let copenhagen = TimeZone(identifier: "Europe/Copenhagen") ?? TimeZone(secondsFromGMT: 3600) ?? .gmt
}
