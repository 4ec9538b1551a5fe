import Foundation

/// Slows down whoever keeps failing: after a few free failures each further attempt must wait
/// twice as long as the last, up to a cap. Held in memory, keyed by bytes that say nothing by
/// themselves: a client's daily-salted address hash (token and password guessing from one
/// address), or the hash of a username typed at the staff login (guessing at one account from
/// anywhere). Keys of a `day` are forgotten when a key of another day comes.
public actor FailureThrottle {
    /// How lenient the throttle is.
    public struct Policy: Sendable {
        /// Failures allowed before any waiting.
        var freeFailures = 5
        /// The first wait, doubled for every further failure.
        var firstWait: Duration = .seconds(2)
        /// The longest wait.
        var longestWait: Duration = .seconds(15 * 60)
        /// How long a client's failures are remembered after the last one.
        var memory: Duration = .seconds(60 * 60)
        /// How many clients are remembered at most (bounded memory under a flood).
        var capacity = 100_000
        /// What the waits are measured by: the continuous clock, which never goes back when the
        /// wall clock does. Tests move it on instead of sleeping.
        public var now: @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }

        /// The default policy with `scale` times as many free failures (`--rate-limit-scale`,
        /// for load and fuzz tests that send many wrong tokens from one address).
        public init(scale: Double = 1) {
            freeFailures = Int(min(Double(freeFailures) * max(scale, 1), 1_000_000_000))
        }
    }

    private struct Record {
        var failures: Int
        var lastFailure: ContinuousClock.Instant
    }

    private let policy: Policy
    private var records: [Data: Record] = [:]
    /// The day of the client keys in `records`.
    private var day: Day?

    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// How long `key` must still wait, or `nil` if it may try now.
    public func requiredWait(_ key: Data, day: Day? = nil) -> Duration? {
        forgetOtherDays(day)
        guard let record = records[key], record.failures >= policy.freeFailures else { return nil }
        let wait = min(policy.firstWait * (1 << min(record.failures - policy.freeFailures, 20)), policy.longestWait)
        let remaining = record.lastFailure + wait - policy.now()
        return remaining > .zero ? remaining : nil
    }

    /// Whole seconds `key` must still wait (at least 1), or `nil` if it may try now.
    public func secondsToWait(_ key: Data, day: Day? = nil) -> Int? {
        requiredWait(key, day: day).map { max(1, Int($0.components.seconds) + 1) }
    }

    /// Counts a failed attempt by `key`.
    public func recordFailure(_ key: Data, day: Day? = nil) {
        forgetOtherDays(day)
        let now = policy.now()
        if records.count >= policy.capacity, records[key] == nil { forgetOldest(now: now) }
        var record = records[key] ?? Record(failures: 0, lastFailure: now)
        if now - record.lastFailure > policy.memory { record.failures = 0 }
        record.failures += 1
        record.lastFailure = now
        records[key] = record
    }

    /// Forgets every failure: `key` succeeded.
    public func forget(_ key: Data) {
        records[key] = nil
    }

    /// Drops the records of another day's keys.
    private func forgetOtherDays(_ day: Day?) {
        guard let day, day != self.day else { return }
        records.removeAll()
        self.day = day
    }

    /// Drops expired records, and the older ones while more than three quarters are left: the
    /// newest half is kept. So the next time is a quarter of the capacity's new keys away, not
    /// one (a few records expiring now and then would otherwise make every new key of a flood
    /// from many addresses go through all 100,000).
    private func forgetOldest(now: ContinuousClock.Instant) {
        records = records.filter { now - $0.value.lastFailure <= policy.memory }
        if records.count > policy.capacity * 3 / 4 {
            records = Dictionary(
                uniqueKeysWithValues: records.sorted { $0.value.lastFailure < $1.value.lastFailure }.suffix(policy.capacity / 2).map {
                    ($0.key, $0.value)
                })
        }
    }

    /// The clients remembered, for tests.
    var remembered: Int { records.count }
}
