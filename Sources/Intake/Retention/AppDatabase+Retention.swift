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
        let report = try await transaction { db in
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
            try Self.audit(db, at: now, actor: "retention", action: .purge, detail: report.description)
            return report
        }
        if !dryRun, report.closedCases + report.untouchedCases + report.receipts > 0 { try await truncateLog() }
        return report
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
