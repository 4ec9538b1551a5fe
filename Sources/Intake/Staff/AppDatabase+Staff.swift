import Foundation
import GRDB

/// The staff accounts and sessions as stored. `StaffDirectory` decides (hashing, policy); these
/// methods only read and write, each in one transaction with its audit line.
extension AppDatabase {
    /// Stores a new account; `usernameTaken` when the name is in use.
    func addStaffUser(_ username: String, role: StaffRole, passwordHash: String, actor: String, at: Date) async throws {
        try await transaction { db in
            guard try StaffUser.filter(StaffUser.Columns.username == username).fetchOne(db) == nil else {
                throw StaffError.usernameTaken(username)
            }
            try NewStaffUser(username: username, passwordHash: passwordHash, role: role, createdAt: at).insert(db)
            try Self.audit(db, at: at, actor: actor, action: .staffAdd, detail: "\(username) \(role.rawValue)")
        }
    }

    /// Changes an account and ends its sessions; `unknownUser` when there is no such account.
    func changeStaffUser(
        _ username: String, _ action: AuditAction, actor: String, at: Date, _ change: @escaping @Sendable (inout StaffUser) -> Void
    ) async throws {
        try await transaction { db in
            guard var user = try StaffUser.filter(StaffUser.Columns.username == username).fetchOne(db) else {
                throw StaffError.unknownUser(username)
            }
            change(&user)
            try user.update(db)
            try StaffSession.filter(StaffSession.Columns.staffUserId == user.id).deleteAll(db)
            // Whoever set the password before may know it: no browser keeps its way past the wait.
            try db.execute(sql: "DELETE FROM staffDevice WHERE staffUserId = ?", arguments: [user.id])
            try Self.audit(db, at: at, actor: actor, action: action, detail: username)
        }
    }

    /// Every account, by username.
    func staffUsers() async throws -> [StaffUser] {
        try await snapshot { db in try StaffUser.order(StaffUser.Columns.username).fetchAll(db) }
    }

    /// The account called `username` (lower case), if any.
    func staffUser(named username: String) async throws -> StaffUser? {
        try await snapshot { db in try StaffUser.filter(StaffUser.Columns.username == username).fetchOne(db) }
    }

    /// The account with `id`, if any.
    func staffUser(id: Int64) async throws -> StaffUser? {
        try await snapshot { db in try StaffUser.fetchOne(db, key: id) }
    }

    /// Audits a refused login: a wrong password (or an unknown or disabled account, `username`
    /// nil, at the same cost), or one that had to wait while the username was guessed at.
    func recordRefusedLogin(username: String?, waiting: Bool, at: Date) async throws {
        try await transaction { db in
            try Self.audit(db, at: at, actor: username ?? "?", action: waiting ? .sessionRefusedWaiting : .sessionFailed)
        }
    }

    /// Whether the browser with the device token hashing to `tokenHash` logged into account `userID`.
    func isKnownDevice(_ tokenHash: Data, of userID: Int64) async throws -> Bool {
        try await snapshot { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM staffDevice WHERE tokenHash = ? AND staffUserId = ?", arguments: [tokenHash, userID]) == 1
        }
    }

    /// Opens a session for a login that succeeded, and remembers the browser: a new device is
    /// added (only the `keepingDevices` most recently used of the account are kept), a known one
    /// marked as used.
    func openStaffSession(
        for user: StaffUser, tokenHash: Data, device: Data, isNewDevice: Bool, keepingDevices: Int, at: Date
    ) async throws -> StaffIdentity {
        try await transaction { db in
            guard let current = try StaffUser.fetchOne(db, key: user.id) else { throw StaffError.invalidCredentials }
            try NewStaffSession(tokenHash: tokenHash, staffUserId: user.id, createdAt: at, lastSeenAt: at).insert(db)
            let sessionID = db.lastInsertedRowID
            if isNewDevice {
                try NewStaffDevice(staffUserId: user.id, tokenHash: device, lastUsedAt: at).insert(db)
                try db.execute(
                    sql: """
                        DELETE FROM staffDevice WHERE staffUserId = ? AND id NOT IN
                        (SELECT id FROM staffDevice WHERE staffUserId = ? ORDER BY lastUsedAt DESC, id DESC LIMIT ?)
                        """,
                    arguments: [user.id, user.id, keepingDevices])
            } else {
                try db.execute(sql: "UPDATE staffDevice SET lastUsedAt = ? WHERE tokenHash = ?", arguments: [at, device])
            }
            try Self.audit(db, at: at, actor: current.username, action: .sessionLogin)
            return StaffIdentity(user: current, sessionID: sessionID)
        }
    }

    /// The staff member whose session has `tokenHash`, or `nil` when it is unknown, older than
    /// `lifetime`, idle longer than `idleTimeout`, or its account is disabled (an ended session is
    /// deleted). The last-seen time is written at most once a minute.
    func staffSession(
        tokenHash: Data, lifetime: TimeInterval, idleTimeout: TimeInterval, at: Date
    ) async throws -> (StaffIdentity, StaffUser)? {
        try await transaction { db in
            guard var session = try StaffSession.filter(StaffSession.Columns.tokenHash == tokenHash).fetchOne(db),
                let user = try StaffUser.fetchOne(db, key: session.staffUserId)
            else { return nil }
            let expired = at.timeIntervalSince(session.createdAt) > lifetime
            let idle = at.timeIntervalSince(session.lastSeenAt) > idleTimeout
            guard !expired, !idle, !user.isDisabled else {
                try session.delete(db)
                return nil
            }
            // Writing on every request would cost a commit each; a minute's precision is enough.
            if at.timeIntervalSince(session.lastSeenAt) > 60 {
                session.lastSeenAt = at
                try session.update(db)
            }
            return (StaffIdentity(user: user, sessionID: session.id), user)
        }
    }

    /// Ends one session.
    func closeStaffSession(_ identity: StaffIdentity, at: Date) async throws {
        try await transaction { db in
            _ = try StaffSession.deleteOne(db, key: identity.sessionID)
            try Self.audit(db, at: at, actor: identity.username, action: .sessionLogout)
        }
    }

    /// Ends every session of the account.
    func closeStaffSessions(of identity: StaffIdentity, at: Date) async throws {
        try await transaction { db in
            try StaffSession.filter(StaffSession.Columns.staffUserId == identity.userID).deleteAll(db)
            try Self.audit(db, at: at, actor: identity.username, action: .sessionLogout, detail: "everywhere")
        }
    }

    /// Stores the caller's own new password and ends all their sessions.
    func setOwnPassword(_ identity: StaffIdentity, passwordHash: String, at: Date) async throws {
        try await transaction { db in
            guard var user = try StaffUser.fetchOne(db, key: identity.userID) else { return }
            user.passwordHash = passwordHash
            user.mustChangePassword = false
            try user.update(db)
            try StaffSession.filter(StaffSession.Columns.staffUserId == identity.userID).deleteAll(db)
            try Self.audit(db, at: at, actor: identity.username, action: .staffPasswordChanged)
        }
    }
}

// MARK: - The second factor

extension AppDatabase {
    /// Keeps `secret` as the account's second factor being set up (replacing one set up before
    /// and not confirmed).
    func setPendingSecondFactor(userID: Int64, secret: String) async throws {
        let sealed = try cipher.seal(Data(secret.utf8), at: .staffSecondFactor("secondFactorPending", userID: userID))
        try await transaction { db in
            try db.execute(sql: "UPDATE staffUser SET secondFactorPending = ? WHERE id = ?", arguments: [sealed, userID])
        }
    }

    /// The secret being set up for the account, opened.
    func pendingSecondFactor(userID: Int64) async throws -> String? {
        let sealed = try await snapshot { db in
            try Data.fetchOne(db, sql: "SELECT secondFactorPending FROM staffUser WHERE id = ?", arguments: [userID])
        }
        return try sealed.map {
            String(decoding: try cipher.open($0, at: .staffSecondFactor("secondFactorPending", userID: userID)), as: UTF8.self)
        }
    }

    /// The account's confirmed secret, opened.
    func secondFactorSecret(of user: StaffUser) throws -> String? {
        try user.secondFactorSecret.map {
            String(decoding: try cipher.open($0, at: .staffSecondFactor("secondFactorSecret", userID: user.id)), as: UTF8.self)
        }
    }

    /// Makes the secret being set up the account's second factor, with `step` as its last code
    /// used and `recoveryCodes` (hashes) as its only recovery codes.
    func confirmSecondFactor(_ identity: StaffIdentity, secret: String, step: Int64, recoveryCodes: [Data], at: Date) async throws {
        let sealed = try cipher.seal(Data(secret.utf8), at: .staffSecondFactor("secondFactorSecret", userID: identity.userID))
        try await transaction { db in
            try db.execute(
                sql: """
                    UPDATE staffUser SET secondFactorSecret = ?, secondFactorPending = NULL, secondFactorLastStep = ?,
                    secondFactorEnabledAt = ? WHERE id = ?
                    """,
                arguments: [sealed, step, at, identity.userID])
            try StaffRecoveryCode.filter(Column("staffUserId") == identity.userID).deleteAll(db)
            for hash in recoveryCodes {
                try StaffRecoveryCode(id: nil, staffUserId: identity.userID, codeHash: hash, usedAt: nil).insert(db)
            }
            try Self.audit(db, at: at, actor: identity.username, action: .staffSecondFactorEnabled)
        }
    }

    /// Marks `step` as the account's last code used, if it is later than the last one: `false`
    /// when a code of that step (or a later one) was used already.
    func useSecondFactorStep(userID: Int64, step: Int64) async throws -> Bool {
        try await transaction { db in
            try db.execute(
                sql:
                    "UPDATE staffUser SET secondFactorLastStep = ? WHERE id = ? AND (secondFactorLastStep IS NULL OR secondFactorLastStep < ?)",
                arguments: [step, userID, step])
            return db.changesCount == 1
        }
    }

    /// Uses the account's unused recovery code with `hash`; `false` when there is none.
    func useRecoveryCode(userID: Int64, username: String, hash: Data, at: Date) async throws -> Bool {
        try await transaction { db in
            try db.execute(
                sql: "UPDATE staffRecoveryCode SET usedAt = ? WHERE staffUserId = ? AND codeHash = ? AND usedAt IS NULL",
                arguments: [at, userID, hash])
            guard db.changesCount == 1 else { return false }
            try Self.audit(db, at: at, actor: username, action: .sessionRecoveryCodeUsed)
            return true
        }
    }

    /// How many unused recovery codes the account has.
    func unusedRecoveryCodes(userID: Int64) async throws -> Int {
        try await snapshot { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM staffRecoveryCode WHERE staffUserId = ? AND usedAt IS NULL", arguments: [userID])
                ?? 0
        }
    }

    /// Removes the account's second factor and recovery codes and ends its sessions: at the next
    /// login it is set up again.
    func resetSecondFactor(_ username: String, actor: String, at: Date) async throws {
        try await transaction { db in
            guard let user = try StaffUser.filter(StaffUser.Columns.username == username).fetchOne(db) else {
                throw StaffError.unknownUser(username)
            }
            try db.execute(
                sql: """
                    UPDATE staffUser SET secondFactorSecret = NULL, secondFactorPending = NULL, secondFactorLastStep = NULL,
                    secondFactorEnabledAt = NULL WHERE id = ?
                    """,
                arguments: [user.id])
            try StaffRecoveryCode.filter(Column("staffUserId") == user.id).deleteAll(db)
            try StaffSession.filter(StaffSession.Columns.staffUserId == user.id).deleteAll(db)
            try Self.audit(db, at: at, actor: actor, action: .staffSecondFactorReset, detail: username)
        }
    }
}
