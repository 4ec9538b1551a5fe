import Foundation
import GRDB

/// A counsellor's or administrator's account. The password is stored only as an Argon2id PHC
/// string.
public struct StaffUser: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "staffUser"

    public var id: Int64
    /// The login name, lower case.
    public var username: String
    var passwordHash: String
    public var role: StaffRole
    public var isDisabled: Bool
    /// Set for a one-time password: the account must choose its own before anything else.
    public var mustChangePassword: Bool
    public var createdAt: Date
    /// The TOTP secret, sealed (`SealedPlace.staffSecondFactor`), once set up and confirmed.
    var secondFactorSecret: Data?
    /// A secret being set up, sealed, until the person confirms it with a code.
    var secondFactorPending: Data?
    /// The last time step whose code was used: no code is accepted twice.
    var secondFactorLastStep: Int64?
    public var secondFactorEnabledAt: Date?

    /// Whether logins need a code from the person's app.
    public var hasSecondFactor: Bool { secondFactorSecret != nil && secondFactorEnabledAt != nil }

    public enum Columns {
        static let username = Column(CodingKeys.username)
    }
}

/// A logged-in staff member's session. The bearer token is stored only as its SHA-256.
struct StaffSession: Sendable, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "staffSession"

    var id: Int64
    var tokenHash: Data
    var staffUserId: Int64
    var createdAt: Date
    var lastSeenAt: Date

    enum Columns {
        static let tokenHash = Column(CodingKeys.tokenHash)
        static let staffUserId = Column(CodingKeys.staffUserId)
    }
}

/// An account about to be stored: every column but the id, which SQLite gives it.
struct NewStaffUser: Encodable, PersistableRecord {
    static let databaseTableName = StaffUser.databaseTableName

    var username: String
    var passwordHash: String
    var role: StaffRole
    var isDisabled = false
    var mustChangePassword = true
    var createdAt: Date
}

/// A session about to be stored.
struct NewStaffSession: Encodable, PersistableRecord {
    static let databaseTableName = StaffSession.databaseTableName

    var tokenHash: Data
    var staffUserId: Int64
    var createdAt: Date
    var lastSeenAt: Date
}

/// A browser that logged into an account: only the SHA-256 of the device token it keeps. It lets
/// that browser past the wait that guessing at the account imposes on others.
struct NewStaffDevice: Encodable, PersistableRecord {
    static let databaseTableName = "staffDevice"

    var staffUserId: Int64
    var tokenHash: Data
    var lastUsedAt: Date
}

/// A single-use recovery code of an account, stored as its SHA-256.
struct StaffRecoveryCode: Sendable, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "staffRecoveryCode"

    var id: Int64?
    var staffUserId: Int64
    var codeHash: Data
    var usedAt: Date?
}

extension StaffRole: DatabaseValueConvertible {}
