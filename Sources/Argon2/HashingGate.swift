/// Lets a few password hashes run at once and a bounded number wait; beyond that it refuses at
/// once, so a login flood cannot queue up unbounded memory (each Argon2 hash takes 19 MiB).
actor HashingGate {
    private let limit: Int
    private let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int, queueLimit: Int) {
        self.limit = max(1, limit)
        self.queueLimit = max(0, queueLimit)
    }

    /// Takes a permit, waiting for one if all are in use; throws `busy` when the queue is full.
    func enter() async throws(PasswordHasher.Busy) {
        if running < limit {
            running += 1
            return
        }
        guard waiting.count < queueLimit else { throw PasswordHasher.Busy() }
        // The permit of the one leaving passes straight to this waiter.
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Returns a permit, handing it to the next waiter if there is one.
    func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// How many hashes run and wait now (for tests).
    var load: (running: Int, waiting: Int) { (running, waiting.count) }
}
