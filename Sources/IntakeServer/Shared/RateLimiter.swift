import Foundation
import HTTPTypes
import Intake

/// Limits how often clients may do the expensive or sensitive things: per client (a `ClientKey`,
/// the daily-salted hash of the address, in memory only) and for everyone together, with a token
/// bucket each.
/// The staff side has its own limiter, so a flood of the citizen side leaves it answering.
actor RateLimiter {
    /// What is limited.
    enum Activity: String, CaseIterable, Sendable {
        case submission
        case lookup
        case message
        case login
    }

    /// A bucket size and refill rate.
    struct Limit: Sendable {
        /// Requests a client may make at once.
        var clientBurst: Double
        /// Requests a client may make per minute, on average.
        var clientPerMinute: Double
        /// Requests everyone together may make per second, on average.
        var globalPerSecond: Double
    }

    /// The limits, chosen so that a person (or a shelter's shared connection) never meets them
    /// and a flood does: see Docs/privacy-and-security.md.
    static let standard: [Activity: Limit] = [
        .submission: Limit(clientBurst: 5, clientPerMinute: 5, globalPerSecond: 50),
        .lookup: Limit(clientBurst: 20, clientPerMinute: 60, globalPerSecond: 200),
        .message: Limit(clientBurst: 10, clientPerMinute: 20, globalPerSecond: 50),
        .login: Limit(clientBurst: 5, clientPerMinute: 10, globalPerSecond: 20),
    ]

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant

        /// Takes one token if there is one; otherwise says how long until there is.
        mutating func take(capacity: Double, perSecond: Double, now: ContinuousClock.Instant) -> Duration? {
            let wait = peek(capacity: capacity, perSecond: perSecond, now: now)
            tokens = min(capacity, tokens + perSecond * Self.seconds(now - updated))
            updated = now
            if wait == nil { tokens -= 1 }
            return wait
        }

        /// How long until there is a token, without taking one; `nil` when there is one now.
        func peek(capacity: Double, perSecond: Double, now: ContinuousClock.Instant) -> Duration? {
            let available = min(capacity, tokens + perSecond * Self.seconds(now - updated))
            return available >= 1 ? nil : .milliseconds(Int(((1 - available) / perSecond * 1000).rounded(.up)))
        }

        private static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }

    private let limits: [Activity: Limit]
    /// Measures the buckets' refill; it never goes back when the wall clock does.
    private let elapsed = ContinuousClock()
    /// The day of the client keys in `clients`: keys of another day are another salt's.
    private var day: Day?
    private var clients: [Activity: [Data: Bucket]] = [:]
    private var global: [Activity: Bucket] = [:]
    private let capacity = 100_000

    /// A limiter with the standard limits multiplied by `scale` (raise it for load tests only).
    init(scale: Double = 1) {
        limits = Self.standard.mapValues { limit in
            Limit(
                clientBurst: limit.clientBurst * scale, clientPerMinute: limit.clientPerMinute * scale,
                globalPerSecond: limit.globalPerSecond * scale)
        }
    }

    /// `nil` when `client` may go ahead; otherwise how long it must wait.
    func admit(_ activity: Activity, client: ClientKey) -> Duration? {
        guard let limit = limits[activity] else { return nil }
        let now = elapsed.now
        if client.day != day {
            clients.removeAll()
            day = client.day
        }
        let key = client.value
        var buckets = clients[activity] ?? [:]
        if buckets.count >= capacity, buckets[key] == nil {
            // Full buckets hold no state worth keeping: drop those, then the older half.
            buckets = buckets.filter { now - $0.value.updated < .seconds(60 * limit.clientBurst / max(limit.clientPerMinute, 1)) }
            if buckets.count >= capacity {
                buckets = Dictionary(
                    uniqueKeysWithValues: buckets.sorted { $0.value.updated > $1.value.updated }.prefix(capacity / 2).map {
                        ($0.key, $0.value)
                    })
            }
        }
        var bucket = buckets[key] ?? Bucket(tokens: limit.clientBurst, updated: now)
        let clientWait = bucket.take(capacity: limit.clientBurst, perSecond: limit.clientPerMinute / 60, now: now)
        buckets[key] = bucket
        clients[activity] = buckets
        if let clientWait { return clientWait }
        var everyone = global[activity] ?? Bucket(tokens: limit.globalPerSecond * 2, updated: now)
        let globalWait = everyone.take(capacity: limit.globalPerSecond * 2, perSecond: limit.globalPerSecond, now: now)
        global[activity] = everyone
        return globalWait
    }

    /// How long `client` would have to wait for `activity`, taking nothing: a request is turned
    /// away before its body is read only when it could not go ahead anyway.
    func wouldWait(_ activity: Activity, client: ClientKey) -> Duration? {
        guard let limit = limits[activity] else { return nil }
        let now = elapsed.now
        if client.day == day, let bucket = clients[activity]?[client.value],
            let wait = bucket.peek(capacity: limit.clientBurst, perSecond: limit.clientPerMinute / 60, now: now)
        {
            return wait
        }
        return global[activity]?.peek(capacity: limit.globalPerSecond * 2, perSecond: limit.globalPerSecond, now: now)
    }

    /// Whole seconds to wait (at least 1), or `nil`.
    func secondsToWait(_ activity: Activity, client: ClientKey) -> Int? {
        admit(activity, client: client).map { max(1, Int($0.components.seconds) + ($0.components.attoseconds > 0 ? 1 : 0)) }
    }

    /// Throws `429 Too Many Requests` with `Retry-After` when the client must wait.
    func enforce(_ activity: Activity, client: ClientKey, texts: TextCatalog, language: Language) throws {
        guard let seconds = secondsToWait(activity, client: client) else { return }
        throw texts.mustWait("rateLimited", seconds: seconds, language)
    }
}
