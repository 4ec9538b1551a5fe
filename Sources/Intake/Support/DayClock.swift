import Foundation

/// Tells which day it is in the service's time zone. Injected so tests can fix the day.
public struct DayClock: Sendable {
    private let now: @Sendable () -> Date
    /// The time zone days are counted in.
    public let timeZone: TimeZone

    /// A clock that reads the system time.
    public init(timeZone: TimeZone) {
        self.init(timeZone: timeZone, now: { Date() })
    }

    /// A clock that reads `now` (for tests).
    public init(timeZone: TimeZone, now: @escaping @Sendable () -> Date) {
        self.timeZone = timeZone
        self.now = now
    }

    /// Today, in the clock's time zone.
    public func today() -> Day { Day(now(), in: timeZone) }

    /// The current instant (for in-memory rate limiting only; never stored).
    public func instant() -> Date { now() }
}
