import Foundation
import GRDB

/// What the audit log can be filtered by.
public struct AuditFilter: Sendable {
    public var caseReference: String?
    public var actor: String?
    public var from: Date?
    public var to: Date?
    public var limit = 500

    public init(caseReference: String? = nil, actor: String? = nil, from: Date? = nil, to: Date? = nil, limit: Int = 500) {
        self.caseReference = caseReference
        self.actor = actor
        self.from = from
        self.to = to
        self.limit = limit
    }
}

extension AppDatabase {
    /// Writes an audit line inside the transaction of the change it records.
    static func audit(
        _ db: Database, at: Date, actor: String, action: AuditAction, caseReference: CaseReference? = nil, detail: String? = nil
    )
        throws
    {
        try NewAuditEntry(at: at, actor: actor, action: action, caseReference: caseReference?.value, detail: detail).insert(db)
    }

    /// Audit lines, newest first.
    public func auditEntries(_ filter: AuditFilter) async throws -> [AuditEntry] {
        try await snapshot { db in
            var request = AuditEntry.order(AuditEntry.Columns.at.desc, Column("id").desc)
            if let reference = filter.caseReference { request = request.filter(AuditEntry.Columns.caseReference == reference) }
            if let actor = filter.actor { request = request.filter(AuditEntry.Columns.actor == actor) }
            if let from = filter.from { request = request.filter(AuditEntry.Columns.at >= from) }
            if let to = filter.to { request = request.filter(AuditEntry.Columns.at < to) }
            return try request.limit(max(1, min(filter.limit, 5_000))).fetchAll(db)
        }
    }

    /// Records an action of the command line (account and provider changes).
    public func auditCommand(_ action: AuditAction, detail: String?, at: Date) async throws {
        try await transaction { db in try Self.audit(db, at: at, actor: "cli", action: action, detail: detail) }
    }
}
