/// Lets a few password hashes run at once and a bounded number wait; beyond that it refuses at
/// once, so a login flood cannot queue up unbounded memory (each Argon2 hash takes 19 MiB).
/// Those who go first (a counsellor's own browser) wait in a queue of their own, served before
/// the other, so a flood of guesses that fills the other queue does not keep them out.
actor HashingGate {
    private let limit: Int
    private let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var waitingFirst: [CheckedContinuation<Void, Never>] = []

    init(limit: Int, queueLimit: Int) {
        self.limit = max(1, limit)
        self.queueLimit = max(0, queueLimit)
    }

    /// Takes a permit, waiting for one if all are in use; throws `busy` when its queue is full.
    func enter(first: Bool = false) async throws(PasswordHasher.Busy) {
        if running < limit {
            running += 1
            return
        }
        guard (first ? waitingFirst : waiting).count < queueLimit else { throw PasswordHasher.Busy() }
        // The permit of the one leaving passes straight to this waiter.
        await withCheckedContinuation { continuation in
            if first { waitingFirst.append(continuation) } else { waiting.append(continuation) }
        }
    }

    /// Returns a permit, handing it to the next waiter if there is one, those who go first first.
    func leave() {
        if !waitingFirst.isEmpty {
            waitingFirst.removeFirst().resume()
        } else if !waiting.isEmpty {
            waiting.removeFirst().resume()
        } else {
            running -= 1
        }
    }

    /// How many hashes run and wait now (for tests).
    var load: (running: Int, waiting: Int) { (running, waiting.count + waitingFirst.count) }
}
