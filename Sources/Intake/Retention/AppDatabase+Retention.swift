import Foundation
import GRDB

extension AppDatabase {
    /// Deletes what the policy no longer allows to keep, in one transaction, and records the
    /// counts in the audit log (without content). A dry run counts and deletes nothing.
    public func purge(_ policy: RetentionPolicy, at moment: Moment, sessionLifetime: TimeInterval, dryRun: Bool) async throws
        -> PurgeReport
    {
        let today = moment.day
        let now = moment.instant
        // Audit entries are kept for whole years of Copenhagen days, like every other period.
        let auditCutoff = moment.start(of: today.adding(years: -policy.auditYears))
        let report = try await writer.write { db in
            let closed = IntakeCaseRow.filter([CaseState.closed, .withdrawn].contains(IntakeCaseRow.Columns.state))
                .filter(Column("closedOn") < today.adding(days: -policy.closedCaseDays))
            let untouched = IntakeCaseRow.filter(IntakeCaseRow.Columns.state == CaseState.new)
                .filter(IntakeCaseRow.Columns.createdOn < today.adding(days: -policy.untouchedCaseDays))
            let receipts = SubmissionReceipt.filter(SubmissionReceipt.Columns.createdOn < today.adding(days: -policy.receiptDays))
            let audit = AuditEntry.filter(AuditEntry.Columns.at < auditCutoff)
            let sessions = StaffSession.filter(Column("createdAt") < now.addingTimeInterval(-sessionLifetime))
            let slots = Slot.filter(Slot.Columns.startsAt < today.adding(days: -policy.closedCaseDays).iso)

            var report = PurgeReport(
                closedCases: try closed.fetchCount(db), untouchedCases: try untouched.fetchCount(db), receipts: try receipts.fetchCount(db),
                auditEntries: try audit.fetchCount(db), expiredSessions: try sessions.fetchCount(db), pastSlots: try slots.fetchCount(db)
            )
            guard !dryRun else { return report }
            report.closedCases = try closed.deleteAll(db)
            report.untouchedCases = try untouched.deleteAll(db)
            report.receipts = try receipts.deleteAll(db)
            report.auditEntries = try audit.deleteAll(db)
            report.expiredSessions = try sessions.deleteAll(db)
            report.pastSlots = try slots.deleteAll(db)
            try Self.audit(db, at: now, actor: "retention", action: "purge", detail: report.description)
            return report
        }
        if !dryRun, report.closedCases + report.untouchedCases + report.receipts > 0 { try await truncateLog() }
        return report
    }

    /// Moves the write-ahead log into the database file and truncates it, so the old page images
    /// of what was just deleted do not stay in `indgang.sqlite-wal`. A reader that still holds an
    /// old snapshot can keep the log from being truncated: then it is tried once more, and the
    /// next purge or the shutdown checkpoint finishes the job.
    func truncateLog() async throws {
        guard writer is DatabasePool else { return }
        for _ in 0..<2 {
            if (try? await writer.writeWithoutTransaction({ db in try db.checkpoint(.truncate) })) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Writes a consistent copy of the database to `path` while the service runs (`VACUUM INTO`).
    /// The copy holds sealed values only: it is useless without the key folder.
    public func backup(to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupError.exists(path) }
        try await writer.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [path])
        }
        let copy = try DatabaseQueue(path: path)
        let check = try await copy.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        try copy.close()
        guard check == ["ok"] else { throw BackupError.damaged(path) }
    }
}

/// Why a backup failed, with what to do.
public enum BackupError: Error, Equatable, CustomStringConvertible {
    case exists(String)
    case damaged(String)

    public var description: String {
        switch self {
        case .exists(let path): "\(path) exists already. Give a new file name; a backup never overwrites a file."
        case .damaged(let path): "The copy \(path) did not pass PRAGMA integrity_check. Check the disk and try again."
        }
    }
}
