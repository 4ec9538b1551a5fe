import Foundation
import GRDB

/// One line of the audit log: who did what to which case, and when. Nothing about the person
/// beyond the case reference.
public struct AuditEntry: Sendable, Equatable, Codable, FetchableRecord, TableRecord {
    public static let databaseTableName = "auditEntry"

    public var id: Int64
    /// When, to the second (a staff member's action, not the person's).
    public var at: Date
    /// The staff username, or `cli` for the command line.
    public var actor: String
    /// What was done, e.g. `case.read`, `case.claim`, `session.login`.
    public var action: AuditAction
    public var caseReference: String?
    /// Details without content: a state change, a slot id, a track.
    public var detail: String?

    public enum Columns {
        static let at = Column(CodingKeys.at)
        static let actor = Column(CodingKeys.actor)
        static let caseReference = Column(CodingKeys.caseReference)
    }
}

/// An audit line about to be written: every column but the id. Audit lines are only ever
/// inserted, never changed.
struct NewAuditEntry: Encodable, PersistableRecord {
    static let databaseTableName = AuditEntry.databaseTableName

    var at: Date
    var actor: String
    var action: AuditAction
    var caseReference: String?
    var detail: String?
}
