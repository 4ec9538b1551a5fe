import Argon2
import Crypto
import Foundation

/// Staff accounts and their sessions: one-time passwords from the command line, Argon2id hashes,
/// bearer tokens stored as SHA-256, 8-hour sessions that end after 30 idle minutes, accounts that
/// lock for a while after repeated failed logins.
public struct StaffDirectory: Sendable {
    /// How long sessions last and how many failures lock an account.
    public struct Policy: Sendable {
        public var sessionLifetime: TimeInterval = 8 * 3600
        public var idleTimeout: TimeInterval = 30 * 60
        public var failuresBeforeLock = 5
        public var lockDuration: TimeInterval = 15 * 60
        public var minimumPasswordLength = 12

        public init() {}
    }

    let database: AppDatabase
    let hasher: PasswordHasher
    let clock: ServiceClock
    let policy: Policy
    /// A hash to check against when the username is unknown, so both take the same time.
    private let decoyHash: String

    public init(database: AppDatabase, hasher: PasswordHasher, clock: ServiceClock, policy: Policy = Policy()) throws {
        self.database = database
        self.hasher = hasher
        self.clock = clock
        self.policy = policy
        decoyHash = try Argon2.hash(StaffDirectory.makeOneTimePassword(), parameters: hasher.parameters)
    }

    // MARK: - Accounts (command line and administrators)

    /// Creates an account with a one-time password, which is returned to be handed over once.
    /// `actor` is who does it, for the audit log: `cli` or an administrator's username.
    public func addUser(_ username: String, role: StaffRole, actor: String = "cli") async throws -> String {
        let username = try Self.validUsername(username)
        let password = Self.makeOneTimePassword()
        let hash = try await hasher.hash(password)
        try await database.addStaffUser(username, role: role, passwordHash: hash, actor: actor, at: clock.now().instant)
        return password
    }

    /// Gives an account a new one-time password and ends its sessions.
    public func resetPassword(_ username: String, actor: String = "cli") async throws -> String {
        let password = Self.makeOneTimePassword()
        let hash = try await hasher.hash(password)
        try await database.changeStaffUser(username.lowercased(), .staffResetPassword, actor: actor, at: clock.now().instant) { user in
            user.passwordHash = hash
            user.mustChangePassword = true
            user.isDisabled = false
            user.failedLogins = 0
            user.lockedUntil = nil
        }
        return password
    }

    /// Disables an account and ends its sessions.
    public func disable(_ username: String, actor: String = "cli") async throws {
        try await database.changeStaffUser(username.lowercased(), .staffDisable, actor: actor, at: clock.now().instant) {
            $0.isDisabled = true
        }
    }

    /// Every account, by username.
    public func users() async throws -> [StaffUser] { try await database.staffUsers() }

    // MARK: - Sessions

    /// Checks a username and password and opens a session. Every failure is the same
    /// `invalidCredentials`, whether the username exists, the password is wrong or the account
    /// is locked or disabled.
    public func logIn(username: String, password: String) async throws -> StaffLogin {
        let username = username.trimmingCharacters(in: .whitespaces).lowercased()
        let user = try await database.staffUser(named: username)
        guard let user, !user.isDisabled else {
            _ = try await hasher.verify(password, against: decoyHash)
            throw StaffError.invalidCredentials
        }
        let at = clock.now().instant
        let isLocked = (user.lockedUntil ?? .distantPast) > at
        let matches = try await hasher.verify(password, against: user.passwordHash)
        guard matches, !isLocked else {
            try await database.recordFailedLogin(
                userID: user.id, username: username, wasLocked: isLocked, failuresBeforeLock: policy.failuresBeforeLock,
                lockDuration: policy.lockDuration, at: at
            )
            throw StaffError.invalidCredentials
        }
        let token = Self.makeSessionToken()
        let identity = try await database.openStaffSession(for: user, tokenHash: Self.hash(token), at: at)
        return StaffLogin(token: token, expiresAt: at.addingTimeInterval(policy.sessionLifetime), identity: identity)
    }

    /// The staff member a bearer token belongs to, or `nil` when it is unknown, expired, idle
    /// too long, or its account is disabled.
    public func authenticate(token: String) async throws -> StaffIdentity? {
        guard token.utf8.count <= 128 else { return nil }
        return try await database.staffSession(
            tokenHash: Self.hash(token), lifetime: policy.sessionLifetime, idleTimeout: policy.idleTimeout, at: clock.now().instant
        )
    }

    /// Ends one session.
    public func logOut(_ identity: StaffIdentity) async throws {
        try await database.closeStaffSession(identity, at: clock.now().instant)
    }

    /// Changes the caller's password and ends all their sessions: they log in again.
    public func changePassword(_ identity: StaffIdentity, current: String, new: String) async throws {
        guard let user = try await database.staffUser(id: identity.userID),
            try await hasher.verify(current, against: user.passwordHash)
        else { throw StaffError.wrongCurrentPassword }
        guard new.count >= policy.minimumPasswordLength, new.count <= 200 else {
            throw StaffError.weakPassword(minimumLength: policy.minimumPasswordLength)
        }
        guard new != current, !new.lowercased().contains(identity.username) else {
            throw StaffError.weakPassword(minimumLength: policy.minimumPasswordLength)
        }
        try await database.setOwnPassword(identity, passwordHash: try await hasher.hash(new), at: clock.now().instant)
    }

    // MARK: - Values

    /// 2–40 characters of a–z, 0–9, dot, dash and underscore.
    static func validUsername(_ username: String) throws -> String {
        let lowered = username.lowercased()
        guard (2...40).contains(lowered.utf8.count),
            lowered.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || [0x2E, 0x2D, 0x5F].contains($0) })
        else { throw StaffError.malformedUsername(username) }
        return lowered
    }

    /// 100 random bits in four groups of five Crockford base-32 symbols.
    static func makeOneTimePassword() -> String {
        CrockfordBase32.grouped(CrockfordBase32.randomSymbols(20), groupSize: 5)
    }

    /// 256 random bits, URL-safe base 64.
    static func makeSessionToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }
}

/// A logged-in staff member.
public struct StaffIdentity: Sendable, Equatable {
    public let userID: Int64
    public let username: String
    public let role: StaffRole
    public let sessionID: Int64
    /// The account still has a one-time password: only changing it is allowed.
    public let mustChangePassword: Bool

    init(user: StaffUser, sessionID: Int64) {
        userID = user.id
        username = user.username
        role = user.role
        self.sessionID = sessionID
        mustChangePassword = user.mustChangePassword
    }

    public var isAdmin: Bool { role == .admin }
}

/// A session just opened: the bearer token is shown this once.
public struct StaffLogin: Sendable {
    public let token: String
    public let expiresAt: Date
    public let identity: StaffIdentity
}

/// Why an account operation failed.
public enum StaffError: Error, Equatable, CustomStringConvertible {
    case invalidCredentials
    case usernameTaken(String)
    case unknownUser(String)
    case malformedUsername(String)
    case wrongCurrentPassword
    case weakPassword(minimumLength: Int)

    public var description: String {
        switch self {
        case .invalidCredentials: "Wrong username or password, or too many attempts."
        case .usernameTaken(let name): "There is already an account called \(name)."
        case .unknownUser(let name): "There is no account called \(name). See `indgang staff list`."
        case .malformedUsername(let name): "“\(name)” is not a valid username: use 2–40 characters of a–z, 0–9, dot, dash or underscore."
        case .wrongCurrentPassword: "The current password is wrong."
        case .weakPassword(let length): "Choose a password of at least \(length) characters that is new and does not contain the username."
        }
    }
}
