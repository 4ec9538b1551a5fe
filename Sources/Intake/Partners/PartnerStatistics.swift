import Foundation
import GRDB

/// A span of consecutive ISO weeks and the cases a partner sent in it, by track.
public struct PartnerPeriod: Sendable, Equatable, Encodable {
    /// The first week, e.g. `2026-W45`.
    public let fromWeek: String
    /// The last week; the same as `fromWeek` for a single week.
    public let toWeek: String
    /// At least 5, exactly; `<5` only for the period still being filled.
    public let total: SmallCount
    /// Only when every track in the period has at least 5 cases; empty otherwise, so that no
    /// small number is shown or can be had by subtraction.
    public let byTrack: [String: SmallCount]
}

extension AppDatabase {
    /// What a partner may learn of the people who came through it, built so that no answer
    /// singles anyone out:
    /// - only cases a counsellor has decided count (staff-verified: submissions made with a
    ///   partner's link by anyone at all cannot move the counts), under the decided track, in the
    ///   ISO week of the decision — so a past week never gains a case later;
    /// - weeks are merged, from the partner's first counted week on, into periods of at least 5
    ///   cases; this partition does not depend on the dates asked for, and whole periods are
    ///   returned for any window (snapped to whole ISO weeks), so no window is finer than a
    ///   period and no two answers can be subtracted to give a week;
    /// - only weeks that are over count (`today` is a day in the service's time zone), so an
    ///   answer never changes with a decision made today, or later this week;
    /// - the period still being filled is only `<5`, without tracks;
    /// - a period's tracks are shown only when each of them holds at least 5 cases.
    public func partnerStatistics(_ partner: String, from: Day, to: Day, today: Day) async throws -> [PartnerPeriod] {
        let thisWeek = today.isoWeek
        let rows: [(week: String, track: String)] = try await snapshot { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT decidedOn, decidedTrack FROM intakeCase
                    WHERE partner = ? AND decidedOn IS NOT NULL AND decidedTrack IS NOT NULL ORDER BY decidedOn
                    """,
                arguments: [partner]
            ).compactMap { row in
                guard let day = Day(iso: row["decidedOn"]), day.isoWeek < thisWeek else { return nil }
                return (day.isoWeek, row["decidedTrack"])
            }
        }
        let window = (from: from.mondayOfWeek.isoWeek, to: to.mondayOfWeek.isoWeek)
        return Self.periods(of: rows).filter { $0.toWeek >= window.from && $0.fromWeek <= window.to }
    }

    /// The fixed partition of a partner's counted cases (in week order) into periods.
    static func periods(of rows: [(week: String, track: String)]) -> [PartnerPeriod] {
        var periods: [PartnerPeriod] = []
        var open: (from: String, to: String, tracks: [String])?
        for row in rows {
            var current = open ?? (row.week, row.week, [])
            // A period ends with a week: cases of the same week always share it.
            if current.tracks.count >= SmallCount.threshold, current.to != row.week {
                periods.append(closed(current))
                current = (row.week, row.week, [])
            }
            current.to = row.week
            current.tracks.append(row.track)
            open = current
        }
        if let rest = open {
            periods.append(rest.tracks.count >= SmallCount.threshold ? closed(rest) : filling(rest))
        }
        return periods
    }

    private static func closed(_ period: (from: String, to: String, tracks: [String])) -> PartnerPeriod {
        let byTrack = Dictionary(period.tracks.map { ($0, 1) }, uniquingKeysWith: +)
        let showsTracks = byTrack.values.allSatisfy { $0 >= SmallCount.threshold }
        return PartnerPeriod(
            fromWeek: period.from, toWeek: period.to, total: .count(period.tracks.count),
            byTrack: showsTracks ? byTrack.mapValues(SmallCount.count) : [:]
        )
    }

    private static func filling(_ period: (from: String, to: String, tracks: [String])) -> PartnerPeriod {
        PartnerPeriod(fromWeek: period.from, toWeek: period.to, total: .fewerThanFive, byTrack: [:])
    }
}

extension Day {
    /// The Monday of the ISO week the day lies in.
    var mondayOfWeek: Day {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let start = start(in: calendar.timeZone)
        let weekday = (calendar.component(.weekday, from: start) + 5) % 7  // Monday 0 … Sunday 6
        return adding(days: -weekday)
    }
}
