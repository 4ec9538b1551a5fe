import NIOPosix

/// Hashes and checks passwords with Argon2id on `NIOThreadPool`, behind a gate: at most
/// `concurrency` hashes at once and `queueLimit` waiting. The permit is held for as long as the
/// hashing work runs, whatever happens to the request that asked for it.
public struct PasswordHasher: Sendable {
    /// All permits are taken and the queue is full: answer "try again shortly".
    public struct Busy: Error {
        public init() {}
    }

    /// The cost of each hash; stored in every PHC string, so it can be raised later.
    public let parameters: Argon2.Parameters
    /// How many hashes run at once.
    public let concurrency: Int
    private let gate: HashingGate
    private let threadPool: NIOThreadPool
    private let timing: @Sendable (Duration) -> Void

    /// Creates a hasher. The defaults suit a 2-core machine: two hashes at once, 16 waiting (and
    /// as many again for those who go first). `timing` is told how long each hash took, the wait
    /// for a permit left out.
    public init(
        parameters: Argon2.Parameters = .recommended, concurrency: Int = 2, queueLimit: Int = 16,
        threadPool: NIOThreadPool = .singleton, timing: @escaping @Sendable (Duration) -> Void = { _ in }
    ) {
        self.parameters = parameters
        self.concurrency = max(1, concurrency)
        gate = HashingGate(limit: concurrency, queueLimit: queueLimit)
        self.threadPool = threadPool
        self.timing = timing
    }

    /// A new PHC string for `password`.
    public func hash(_ password: String) async throws -> String {
        let parameters = parameters
        return try await gated(first: false) { try Argon2.hash(password, parameters: parameters) }
    }

    /// Whether `password` matches `encodedHash`. With `first`, the check goes before every
    /// waiting one without it (a counsellor's own browser during a flood of guesses).
    public func verify(_ password: String, against encodedHash: String, first: Bool = false) async throws -> Bool {
        try await gated(first: first) { Argon2.verify(password, encodedHash: encodedHash) }
    }

    /// How many hashes run and wait now.
    public func load() async -> (running: Int, waiting: Int) { await gate.load }

    private func gated<T: Sendable>(first: Bool, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await gate.enter(first: first)
        let started = ContinuousClock.now
        do {
            let result = try await threadPool.runIfActive(work)
            timing(ContinuousClock.now - started)
            await gate.leave()
            return result
        } catch {
            await gate.leave()
            throw error
        }
    }
}
