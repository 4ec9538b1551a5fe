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
    private let gate: HashingGate
    private let threadPool: NIOThreadPool

    /// Creates a hasher. The defaults suit a 2-core machine: two hashes at once, 16 waiting.
    public init(
        parameters: Argon2.Parameters = .recommended, concurrency: Int = 2, queueLimit: Int = 16,
        threadPool: NIOThreadPool = .singleton
    ) {
        self.parameters = parameters
        gate = HashingGate(limit: concurrency, queueLimit: queueLimit)
        self.threadPool = threadPool
    }

    /// A new PHC string for `password`.
    public func hash(_ password: String) async throws -> String {
        let parameters = parameters
        return try await gated { try Argon2.hash(password, parameters: parameters) }
    }

    /// Whether `password` matches `encodedHash`.
    public func verify(_ password: String, against encodedHash: String) async throws -> Bool {
        try await gated { Argon2.verify(password, encodedHash: encodedHash) }
    }

    /// How many hashes run and wait now.
    public func load() async -> (running: Int, waiting: Int) { await gate.load }

    private func gated<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await gate.enter()
        do {
            let result = try await threadPool.runIfActive(work)
            await gate.leave()
            return result
        } catch {
            await gate.leave()
            throw error
        }
    }
}
