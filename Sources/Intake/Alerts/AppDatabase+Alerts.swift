import Foundation
import GRDB

extension AppDatabase {
    /// SQL: the case has a first reply from a counsellor (not an internal note).
    private static let replied =
        "EXISTS (SELECT 1 FROM message WHERE message.intakeCaseId = intakeCase.id AND author = 'staff' AND NOT isInternal)"
    private static let openStates = CaseState.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")
    private static let crisis = "EXISTS (SELECT 1 FROM json_each(intakeCase.flags) WHERE value = 'crisis')"

    /// Crisis cases not yet announced: marks them announced and queues one alert for each of
    /// `channels`. Returns what the alert says, or `nil` when there is no such case.
    public func queueCrisisAlert(channels: [String], at: Date) async throws -> AlertCounts? {
        try await transaction { db in
            let unannounced = "NOT isAnnounced AND state IN (\(Self.openStates)) AND \(Self.crisis)"
            let priorities = try Int.fetchAll(db, sql: "SELECT priority FROM intakeCase WHERE \(unannounced)")
            guard !priorities.isEmpty else { return nil }
            try db.execute(sql: "UPDATE intakeCase SET isAnnounced = 1 WHERE \(unannounced)")
            var counts = AlertCounts(waiting: try Self.waiting(db))
            for priority in priorities where (1...3).contains(priority) { counts.newCases[priority - 1] += 1 }
            try Self.queue(.crisis, counts, channels: channels, at: at, db)
            return counts
        }
    }

    /// Everything new since the last digest: cases and messages not yet announced, and cases
    /// whose promise became due today or passed. Marks them told, and queues one alert for each
    /// of `channels` if there is news; returns what it says, or `nil` when there is none.
    public func queueDigest(promise: ResponsePromise, on today: Day, channels: [String], at: Date) async throws -> AlertCounts? {
        try await transaction { db in
            var counts = AlertCounts()
            let open = "state IN (\(Self.openStates))"
            for priority in try Int.fetchAll(db, sql: "SELECT priority FROM intakeCase WHERE NOT isAnnounced AND \(open)")
            where (1...3).contains(priority) {
                counts.newCases[priority - 1] += 1
            }
            try db.execute(sql: "UPDATE intakeCase SET isAnnounced = 1 WHERE NOT isAnnounced")
            counts.newMessages =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE NOT isAnnounced AND author = 'citizen'") ?? 0
            try db.execute(sql: "UPDATE message SET isAnnounced = 1 WHERE NOT isAnnounced")
            // The promise ends on a day that grows with the day a case came in: cases created on
            // or before `dueBy` are due today or late, those on or before `lateBy` are late.
            let dueBy = promise.latestCreatedDue(on: today).iso
            let lateBy = promise.latestCreatedDue(on: today.adding(days: -1)).iso
            let unreplied = "\(open) AND NOT \(Self.replied)"
            let passed = "\(unreplied) AND createdOn <= ? AND promiseAlert IS NOT 'passed'"
            counts.passed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM intakeCase WHERE \(passed)", arguments: [lateBy]) ?? 0
            try db.execute(sql: "UPDATE intakeCase SET promiseAlert = 'passed' WHERE \(passed)", arguments: [lateBy])
            let due = "\(unreplied) AND createdOn > ? AND createdOn <= ? AND promiseAlert IS NULL"
            counts.dueToday = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM intakeCase WHERE \(due)", arguments: [lateBy, dueBy]) ?? 0
            try db.execute(sql: "UPDATE intakeCase SET promiseAlert = 'due_today' WHERE \(due)", arguments: [lateBy, dueBy])
            guard counts.hasNews else { return nil }
            counts.waiting = try Self.waiting(db)
            try Self.queue(.digest, counts, channels: channels, at: at, db)
            return counts
        }
    }

    /// Queues a test alert for each of `channels`, audited as the administrator's.
    public func queueTestAlert(channels: [String], by staff: StaffIdentity, at: Date) async throws {
        try await transaction { db in
            try Self.queue(.test, AlertCounts(waiting: try Self.waiting(db)), channels: channels, at: at, db)
            try Self.audit(db, at: at, actor: staff.username, action: .alertTest, detail: channels.joined(separator: ","))
        }
    }

    /// Deliveries whose next attempt is due at `now`, oldest first.
    public func dueAlertDeliveries(at now: Date) async throws -> [AlertDelivery] {
        try await snapshot { db in
            try AlertDeliveryRow.filter(sql: "deliveredAt IS NULL AND failedAt IS NULL AND nextAttemptAt <= ?", arguments: [now])
                .order(Column("id")).limit(100).fetchAll(db).map(\.delivery)
        }
    }

    /// Records one attempt: delivered, or failed with `error`, to be tried again after the
    /// policy's wait or given up after its last attempt.
    public func recordAlertAttempt(_ id: Int64, error: String?, retry: AlertRetry, at now: Date) async throws {
        try await transaction { db in
            guard var row = try AlertDeliveryRow.fetchOne(db, key: id) else { return }
            row.attempts += 1
            if let error {
                row.lastError = String(error.prefix(300))
                if row.attempts >= retry.attempts {
                    row.nextAttemptAt = nil
                    row.failedAt = now
                } else {
                    row.nextAttemptAt = now.addingTimeInterval(retry.wait(after: row.attempts))
                }
            } else {
                row.deliveredAt = now
                row.nextAttemptAt = nil
            }
            try row.update(db)
        }
    }

    /// The latest deliveries, newest first, for administrators.
    public func alertDeliveries(limit: Int = 50) async throws -> [AlertDelivery] {
        try await snapshot { db in
            try AlertDeliveryRow.order(Column("id").desc).limit(max(1, min(limit, 500))).fetchAll(db).map(\.delivery)
        }
    }

    /// Per channel, its latest delivery that is not still waiting for its first attempt: what
    /// `/health` and the console's warning tell.
    public func latestAlertOutcomes() async throws -> [AlertDelivery] {
        try await snapshot { db in
            try AlertDeliveryRow.fetchAll(
                db,
                sql: """
                    SELECT * FROM alertDelivery WHERE id IN (
                        SELECT MAX(id) FROM alertDelivery WHERE attempts > 0 GROUP BY channel)
                    """
            ).map(\.delivery)
        }
    }

    /// Forgets deliveries made or given up before `cutoff`.
    public func purgeAlertDeliveries(before cutoff: Date) async throws {
        try await transaction { db in
            try db.execute(
                sql: "DELETE FROM alertDelivery WHERE COALESCE(deliveredAt, failedAt) < ?", arguments: [cutoff])
        }
    }

    private static func waiting(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM intakeCase WHERE state IN (\(openStates)) AND NOT \(replied)") ?? 0
    }

    private static func queue(_ kind: AlertKind, _ counts: AlertCounts, channels: [String], at: Date, _ db: Database) throws {
        let json = String(decoding: try JSONEncoder().encode(counts), as: UTF8.self)
        for channel in channels {
            try db.execute(
                sql: "INSERT INTO alertDelivery (kind, counts, channel, createdAt, nextAttemptAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [kind.rawValue, json, channel, at, at])
        }
    }
}

/// An alert delivery as it is stored.
struct AlertDeliveryRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "alertDelivery"

    var id: Int64
    var kind: AlertKind
    var counts: AlertCounts
    var channel: String
    var createdAt: Date
    var attempts: Int
    var nextAttemptAt: Date?
    var deliveredAt: Date?
    var failedAt: Date?
    var lastError: String?

    var delivery: AlertDelivery {
        AlertDelivery(
            id: id, kind: kind, counts: counts, channel: channel, createdAt: createdAt, attempts: attempts,
            nextAttemptAt: nextAttemptAt, deliveredAt: deliveredAt, failedAt: failedAt, lastError: lastError)
    }
}
