import Foundation

/// A calendar day, `YYYY-MM-DD`. The finest time the service stores about a citizen.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The ISO 8601 date, e.g. `2026-11-22`.
    public let iso: String

    /// Reads an ISO 8601 date; `nil` if malformed.
    public init?(iso: String) {
        guard Day.date(from: iso) != nil else { return nil }
        self.iso = iso
    }

    /// A day from an ISO date its maker knows to be valid (`Moment`, which counts it).
    init(validISO iso: String) {
        self.iso = iso
    }

    /// The day `date` falls on in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        iso = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> Day {
        let start = Day.date(from: iso) ?? Date(timeIntervalSince1970: 0)
        return Day(start.addingTimeInterval(Double(count) * 86_400), in: Day.utc)
    }

    /// The same date `count` years later (earlier when negative); 29 February becomes 28 February
    /// in a year without it.
    public func adding(years count: Int) -> Day {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return self }
        let year = parts[0] + count
        for day in stride(from: parts[2], through: max(parts[2] - 3, 1), by: -1) {
            if let moved = Day(iso: String(format: "%04d-%02d-%02d", year, parts[1], day)) { return moved }
        }
        return self
    }

    /// The first instant of the day in `timeZone`: midnight, or the first instant after a
    /// clock change that skips midnight.
    public func start(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let noon = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))
        else { return Day.date(from: iso) ?? Date(timeIntervalSince1970: 0) }
        return calendar.startOfDay(for: noon)
    }

    /// Whole days from `self` to `other`.
    public func days(until other: Day) -> Int {
        guard let start = Day.date(from: iso), let end = Day.date(from: other.iso) else { return 0 }
        return Int((end.timeIntervalSince(start) / 86_400).rounded())
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.iso < rhs.iso }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Not a YYYY-MM-DD date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    public var description: String { iso }

    private static let utc = TimeZone(identifier: "UTC")!

    /// Midnight UTC of an ISO date, accepting only real calendar days.
    private static func date(from iso: String) -> Date? {
        let parts = iso.split(separator: "-")
        guard iso.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return date
    }
}
