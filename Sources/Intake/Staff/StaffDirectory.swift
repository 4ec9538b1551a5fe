import Argon2
import Crypto
import Foundation

/// Staff accounts and their sessions: one-time passwords from the command line, Argon2id hashes,
/// bearer tokens stored as SHA-256, 8-hour sessions that end after 30 idle minutes.
///
/// Nobody can lock a counsellor out. An account is never locked: after a few wrong passwords for a
/// username (known or not), a login from a browser that has not logged into that account before
/// must wait, twice as long each time (2 s … 15 min); a browser that has (it shows the device token
/// of its last login) is let through at once, so the counsellor at their own browser logs in
/// while someone elsewhere guesses. The guesser's own address is slowed by the staff side's
/// throttle as well.
public struct StaffDirectory: Sendable {
    /// How long sessions last, and how guessing at an account is slowed.
    public struct Policy: Sendable {
        public var sessionLifetime: TimeInterval = 8 * 3600
        public var idleTimeout: TimeInterval = 30 * 60
        public var minimumPasswordLength = 12
        /// Wrong passwords for one username before untrusted browsers must wait, and the waits.
        public var guessing = FailureThrottle.Policy()
        /// The browsers remembered for each account (the most recently used).
        public var devicesPerAccount = 10
        /// Whether every account must set up a second factor (TOTP) before it can do anything
        /// but that. Off only with `--allow-staff-login-without-second-factor`, reported as a warning.
        public var requireSecondFactor = true
        /// The name an authenticator app shows for the accounts.
        public var issuer = "Indgang"

        public init() {}
    }

    let database: AppDatabase
    let hasher: PasswordHasher
    let clock: ServiceClock
    let policy: Policy
    /// A hash to check against when the username is unknown, so both take the same time.
    private let decoyHash: String
    /// Wrong passwords per username, in memory.
    private let accountGuessing: FailureThrottle

    public init(database: AppDatabase, hasher: PasswordHasher, clock: ServiceClock, policy: Policy = Policy()) throws {
        self.database = database
        self.hasher = hasher
        self.clock = clock
        self.policy = policy
        decoyHash = try Argon2.hash(StaffDirectory.makeOneTimePassword(), parameters: hasher.parameters)
        accountGuessing = FailureThrottle(policy: policy.guessing)
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

    /// Whether `device` is the device token an earlier login gave this account's browser: such
    /// a login is not held back while others guess at the username, goes first at the password
    /// hasher and draws on its own share of the login budget.
    public func isTrustedDevice(_ device: String?, username: String) async throws -> Bool {
        try await isTrusted(device: device, of: try await database.staffUser(named: Self.normalized(username)))
    }

    private func isTrusted(device: String?, of user: StaffUser?) async throws -> Bool {
        guard let user, let device, device.utf8.count <= 128 else { return false }
        return try await database.isKnownDevice(Self.hash(device), of: user.id)
    }

    /// A username as it is stored: trimmed, lower case, at most 100 characters.
    private static func normalized(_ username: String) -> String {
        String(username.trimmingCharacters(in: .whitespaces).lowercased().prefix(100))
    }

    /// Checks a username and password and opens a session. A wrong password, an unknown or
    /// disabled account are the same `invalidCredentials`, at the same cost (one Argon2 check and
    /// one audit line); while the username is being guessed at, a browser without a `device`
    /// token of an earlier login to the account gets `mustWait` before any password is checked,
    /// the same for a username that does not exist.
    public func logIn(username: String, password: String, code: String? = nil, device: String? = nil) async throws -> StaffLogin {
        let username = Self.normalized(username)
        let accountKey = Self.hash("account \(username)")
        let user = try await database.staffUser(named: username)
        let at = clock.now().instant
        let isTrusted = try await isTrusted(device: device, of: user)
        if !isTrusted, let seconds = await accountGuessing.secondsToWait(accountKey) {
            try await database.recordRefusedLogin(username: user?.username, waiting: true, at: at)
            throw StaffError.mustWait(seconds: seconds)
        }
        guard let user, !user.isDisabled else {
            _ = try await hasher.verify(password, against: decoyHash)
            await accountGuessing.recordFailure(accountKey)
            try await database.recordRefusedLogin(username: nil, waiting: false, at: at)
            throw StaffError.invalidCredentials
        }
        guard try await hasher.verify(password, against: user.passwordHash, first: isTrusted) else {
            await accountGuessing.recordFailure(accountKey)
            try await database.recordRefusedLogin(username: user.username, waiting: false, at: at)
            throw StaffError.invalidCredentials
        }
        // An account with a second factor needs its code (or a recovery code) as well; a wrong or
        // missing one is the same refusal as a wrong password, and counts as a guess.
        if user.hasSecondFactor, try await !secondFactorAccepts(code, of: user, at: at) {
            await accountGuessing.recordFailure(accountKey)
            try await database.recordRefusedLogin(username: user.username, waiting: false, at: at)
            throw StaffError.invalidCredentials
        }
        await accountGuessing.forget(accountKey)
        let token = Self.makeSessionToken()
        let deviceToken = isTrusted ? (device ?? "") : Self.makeSessionToken()
        let identity = try await database.openStaffSession(
            for: user, tokenHash: Self.hash(token), device: Self.hash(deviceToken), isNewDevice: !isTrusted,
            keepingDevices: policy.devicesPerAccount, at: at)
        return StaffLogin(
            token: token, expiresAt: at.addingTimeInterval(policy.sessionLifetime), identity: withPolicy(identity, user),
            device: deviceToken)
    }

    /// Whether `code` is the account's current TOTP code (not used before) or one of its unused
    /// recovery codes, which it then uses up.
    private func secondFactorAccepts(_ code: String?, of user: StaffUser, at: Date) async throws -> Bool {
        guard let code, code.utf8.count <= 64, let secret = try database.secondFactorSecret(of: user) else { return false }
        if let step = SecondFactor.matchingStep(code, secret: secret, at: at, after: user.secondFactorLastStep) {
            return try await database.useSecondFactorStep(userID: user.id, step: step)
        }
        guard let recovery = SecondFactor.canonicalRecoveryCode(code) else { return false }
        return try await database.useRecoveryCode(
            userID: user.id, username: user.username, hash: SecondFactor.hash(recoveryCode: recovery), at: at)
    }

    /// `identity` with what the policy asks of it: a second factor to set up first.
    private func withPolicy(_ identity: StaffIdentity, _ user: StaffUser) -> StaffIdentity {
        var identity = identity
        identity.hasSecondFactor = user.hasSecondFactor
        identity.mustSetUpSecondFactor = policy.requireSecondFactor && !user.hasSecondFactor
        return identity
    }

    // MARK: - The second factor

    /// Starts setting up the caller's second factor (again): a new secret, kept sealed until it
    /// is confirmed with a code. Not for an account that still has its one-time password.
    public func beginSecondFactorSetup(_ identity: StaffIdentity) async throws -> SecondFactorSetup {
        guard !identity.mustChangePassword else { throw StaffError.mustChangePasswordFirst }
        guard !identity.hasSecondFactor else { throw StaffError.secondFactorAlreadySetUp }
        let secret = SecondFactor.makeSecret()
        try await database.setPendingSecondFactor(userID: identity.userID, secret: secret)
        return SecondFactorSetup(
            typedSecret: SecondFactor.typedSecret(secret),
            authenticatorURL: SecondFactor.authenticatorURL(secret: secret, username: identity.username, issuer: policy.issuer))
    }

    /// Confirms the secret being set up with a code from the app, and returns the account's ten
    /// recovery codes, shown this once (only their hashes are kept).
    public func confirmSecondFactor(_ identity: StaffIdentity, code: String) async throws -> [String] {
        guard !identity.hasSecondFactor else { throw StaffError.secondFactorAlreadySetUp }
        guard let secret = try await database.pendingSecondFactor(userID: identity.userID) else { throw StaffError.noSecondFactorSetUp }
        let at = clock.now().instant
        guard let step = SecondFactor.matchingStep(String(code.prefix(64)), secret: secret, at: at, after: nil) else {
            throw StaffError.wrongSecondFactorCode
        }
        let codes = SecondFactor.makeRecoveryCodes()
        let hashes = codes.compactMap(SecondFactor.canonicalRecoveryCode).map(SecondFactor.hash(recoveryCode:))
        try await database.confirmSecondFactor(identity, secret: secret, step: step, recoveryCodes: hashes, at: at)
        return codes
    }

    /// How many unused recovery codes the caller has left.
    public func unusedRecoveryCodes(_ identity: StaffIdentity) async throws -> Int {
        try await database.unusedRecoveryCodes(userID: identity.userID)
    }

    /// Removes an account's second factor (it lost its phone) and ends its sessions: it sets one
    /// up again at its next login. Audited with `actor`.
    public func resetSecondFactor(_ username: String, actor: String = "cli") async throws {
        try await database.resetSecondFactor(username.lowercased(), actor: actor, at: clock.now().instant)
    }

    /// The staff member a bearer token belongs to, or `nil` when it is unknown, expired, idle
    /// too long, or its account is disabled.
    public func authenticate(token: String) async throws -> StaffIdentity? {
        guard token.utf8.count <= 128,
            let (identity, user) = try await database.staffSession(
                tokenHash: Self.hash(token), lifetime: policy.sessionLifetime, idleTimeout: policy.idleTimeout, at: clock.now().instant)
        else { return nil }
        return withPolicy(identity, user)
    }

    /// Ends one session.
    public func logOut(_ identity: StaffIdentity) async throws {
        try await database.closeStaffSession(identity, at: clock.now().instant)
    }

    /// Ends every session of the caller's account ("log out everywhere").
    public func logOutEverywhere(_ identity: StaffIdentity) async throws {
        try await database.closeStaffSessions(of: identity, at: clock.now().instant)
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
    /// The account has a second factor (TOTP).
    public internal(set) var hasSecondFactor = false
    /// The account must set up its second factor before anything else (the policy requires one).
    public internal(set) var mustSetUpSecondFactor = false

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
    /// The browser's token for the account, to keep and send with its next login.
    public let device: String
}

/// Why an account operation failed.
public enum StaffError: Error, Equatable, CustomStringConvertible {
    case invalidCredentials
    case usernameTaken(String)
    case unknownUser(String)
    case malformedUsername(String)
    case wrongCurrentPassword
    case weakPassword(minimumLength: Int)
    /// The username is being guessed at: a browser that has not logged into it must wait.
    case mustWait(seconds: Int)
    case mustChangePasswordFirst
    case secondFactorAlreadySetUp
    case noSecondFactorSetUp
    case wrongSecondFactorCode

    public var description: String {
        switch self {
        case .invalidCredentials: "Wrong username or password."
        case .usernameTaken(let name): "There is already an account called \(name)."
        case .unknownUser(let name): "There is no account called \(name). See `indgang staff list`."
        case .malformedUsername(let name): "“\(name)” is not a valid username: use 2–40 characters of a–z, 0–9, dot, dash or underscore."
        case .wrongCurrentPassword: "The current password is wrong."
        case .weakPassword(let length): "Choose a password of at least \(length) characters that is new and does not contain the username."
        case .mustWait(let seconds): "Too many wrong passwords for this username. Try again in \(seconds) seconds."
        case .mustChangePasswordFirst: "Choose your own password first."
        case .secondFactorAlreadySetUp: "Two-step verification is set up already. An administrator can reset it."
        case .noSecondFactorSetUp: "Start setting up two-step verification first."
        case .wrongSecondFactorCode: "The code does not fit. Type the six digits your app shows now."
        }
    }
}
