import Foundation
import GRDB

/// A span of consecutive ISO weeks and the cases a partner sent in it, by track.
public struct PartnerPeriod: Sendable, Equatable, Encodable {
    /// The first week, e.g. `2026-W45`.
    public let fromWeek: String
    /// The last week; the same as `fromWeek` for a single week.
    public let toWeek: String
    public let total: SmallCount
    public let byTrack: [String: SmallCount]
}

extension AppDatabase {
    /// The cases that came through `partner`, per ISO week and track. Weeks are merged with
    /// their neighbours until each period holds at least 5 cases, so that no period singles out a
    /// person; within a period, a track with 1 to 4 cases is shown as `<5`. Weeks without cases
    /// are left out.
    public func partnerStatistics(_ partner: String, from: Day, to: Day) async throws -> [PartnerPeriod] {
        let rows: [(week: String, track: String)] = try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT createdOn, track FROM intakeCase WHERE partner = ? AND createdOn BETWEEN ? AND ? ORDER BY createdOn",
                arguments: [partner, from.iso, to.iso]
            ).compactMap { row in
                guard let day = Day(iso: row["createdOn"]) else { return nil }
                return (day.isoWeek, row["track"])
            }
        }
        var weeks: [(week: String, tracks: [String])] = []
        for row in rows {
            if weeks.last?.week == row.week {
                weeks[weeks.count - 1].tracks.append(row.track)
            } else {
                weeks.append((row.week, [row.track]))
            }
        }
        var periods: [(from: String, to: String, tracks: [String])] = []
        var open: (from: String, to: String, tracks: [String])?
        for week in weeks {
            var current = open ?? (week.week, week.week, [])
            current.to = week.week
            current.tracks += week.tracks
            if current.tracks.count >= SmallCount.threshold {
                periods.append(current)
                open = nil
            } else {
                open = current
            }
        }
        if let rest = open {
            if let last = periods.popLast() {
                periods.append((last.from, rest.to, last.tracks + rest.tracks))
            } else {
                periods.append(rest)
            }
        }
        return periods.map { period in
            PartnerPeriod(
                fromWeek: period.from, toWeek: period.to, total: SmallCount(period.tracks.count),
                byTrack: Dictionary(period.tracks.map { ($0, 1) }, uniquingKeysWith: +).mapValues(SmallCount.init)
            )
        }
    }
}
