import Foundation
import GRDB

/// A count that is shown exactly only from 5 up: smaller ones could single out a person.
public enum SmallCount: Sendable, Equatable, Encodable {
    case count(Int)
    case fewerThanFive

    /// The threshold below which counts are hidden.
    public static let threshold = 5

    public init(_ value: Int) {
        self = value > 0 && value < Self.threshold ? .fewerThanFive : .count(value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .count(let value): try container.encode(value)
        case .fewerThanFive: try container.encode("<\(Self.threshold)")
        }
    }
}

/// The cases submitted in one ISO week, counted by track, flag, state, municipality, partner and
/// channel (the door they came in through).
public struct WeeklyStatistics: Sendable, Encodable {
    public let week: String
    public let total: SmallCount
    public let byTrack: [String: SmallCount]
    public let byFlag: [String: SmallCount]
    public let byState: [String: SmallCount]
    public let byMunicipality: [String: SmallCount]
    public let byPartner: [String: SmallCount]
    public let byChannel: [String: SmallCount]
}

extension AppDatabase {
    /// Weekly counts of the cases submitted from `from` to `to` (both days included). Values
    /// that occur in no case are left out; counts of 1 to 4 are shown as `<5`.
    public func weeklyStatistics(from: Day, to: Day) async throws -> [WeeklyStatistics] {
        let rows: [CaseCounts] = try await snapshot { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT createdOn, track, flags, state, municipality, partner, channel FROM intakeCase
                    WHERE createdOn BETWEEN ? AND ?
                    """,
                arguments: [from.iso, to.iso]
            ).map { row in
                let flags: String = row["flags"]
                return CaseCounts(
                    createdOn: row["createdOn"], track: row["track"],
                    flags: (try? JSONDecoder().decode([String].self, from: Data(flags.utf8))) ?? [], state: row["state"],
                    municipality: row["municipality"] ?? "skip", partner: row["partner"] ?? "none", channel: row["channel"]
                )
            }
        }
        var weeks: [String: [CaseCounts]] = [:]
        for row in rows {
            guard let day = Day(iso: row.createdOn) else { continue }
            weeks[day.isoWeek, default: []].append(row)
        }
        return weeks.keys.sorted().map { week in
            let rows = weeks[week] ?? []
            func tally(_ values: [String]) -> [String: SmallCount] {
                Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +).mapValues(SmallCount.init)
            }
            return WeeklyStatistics(
                week: week, total: SmallCount(rows.count), byTrack: tally(rows.map(\.track)), byFlag: tally(rows.flatMap(\.flags)),
                byState: tally(rows.map(\.state)), byMunicipality: tally(rows.map(\.municipality)), byPartner: tally(rows.map(\.partner)),
                byChannel: tally(rows.map(\.channel))
            )
        }
    }
}

/// The fields of one case that statistics count.
private struct CaseCounts: Sendable {
    let createdOn: String
    let track: String
    let flags: [String]
    let state: String
    let municipality: String
    let partner: String
    let channel: String
}

extension Day {
    /// The ISO 8601 week, e.g. `2026-W47`.
    public var isoWeek: String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else {
            return iso
        }
        let week = calendar.component(.weekOfYear, from: date)
        return String(format: "%04d-W%02d", calendar.component(.yearForWeekOfYear, from: date), week)
    }
}
