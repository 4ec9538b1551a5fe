import Crypto
import Foundation
import HTTPTypes
import Intake

/// Slows down a client that keeps failing (token guessing): after a few free failures each
/// further attempt must wait twice as long as the last, up to a cap.
///
/// Clients are told apart only by their `ClientKey`, a salted hash of their address held in
/// memory. The salt is random, never written anywhere, and replaced every day, so yesterday's
/// keys cannot be linked to today's and nothing here can be turned back into an address.
actor FailureThrottle {
    /// How lenient the throttle is.
    struct Policy: Sendable {
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

        /// The default policy with `scale` times as many free failures (`--rate-limit-scale`,
        /// for load and fuzz tests that send many wrong tokens from one address).
        init(scale: Double = 1) {
            freeFailures = Int(min(Double(freeFailures) * max(scale, 1), 1_000_000_000))
        }
    }

    private struct Record {
        var failures: Int
        var lastFailure: ContinuousClock.Instant
    }

    private let policy: Policy
    /// Measures the waits; it never goes back when the wall clock does.
    private let clock = ContinuousClock()
    private var records: [Data: Record] = [:]
    /// The day of the client keys in `records`.
    private var day: Day?

    init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// How long `client` must still wait, or `nil` if it may try now.
    func requiredWait(client: ClientKey) -> Duration? {
        let key = clientKey(client)
        guard let record = records[key], record.failures >= policy.freeFailures else { return nil }
        let wait = min(policy.firstWait * (1 << min(record.failures - policy.freeFailures, 20)), policy.longestWait)
        let remaining = record.lastFailure + wait - clock.now
        return remaining > .zero ? remaining : nil
    }

    /// Whole seconds `client` must still wait (at least 1), or `nil` if it may try now.
    func secondsToWait(client: ClientKey) -> Int? {
        requiredWait(client: client).map { max(1, Int($0.components.seconds) + 1) }
    }

    /// Throws `429 Too Many Requests` with `Retry-After` when `client` must wait.
    func admit(client: ClientKey, texts: TextCatalog, language: Language) throws {
        guard let seconds = secondsToWait(client: client) else { return }
        var error = texts.apiError(.tooManyRequests, "tooManyAttempts", language, ["seconds": "\(seconds)"])
        error.headers = [.retryAfter: "\(seconds)"]
        throw error
    }

    /// Counts a failed attempt by `client`.
    func recordFailure(client: ClientKey) {
        let key = clientKey(client)
        let now = clock.now
        if records.count >= policy.capacity, records[key] == nil { forgetOldest(now: now) }
        var record = records[key] ?? Record(failures: 0, lastFailure: now)
        if now - record.lastFailure > policy.memory { record.failures = 0 }
        record.failures += 1
        record.lastFailure = now
        records[key] = record
    }

    /// The key of `client` in `records`, dropping the records of another day's keys.
    private func clientKey(_ client: ClientKey) -> Data {
        if client.day != day {
            records.removeAll()
            day = client.day
        }
        return client.value
    }

    /// Drops expired records, or the older half when none has expired.
    private func forgetOldest(now: ContinuousClock.Instant) {
        records = records.filter { now - $0.value.lastFailure <= policy.memory }
        if records.count >= policy.capacity {
            let cutoff = records.values.map(\.lastFailure).sorted()[records.count / 2]
            records = records.filter { $0.value.lastFailure > cutoff }
        }
    }
}
