import Foundation
import HTTPTypes
import Intake
import Synchronization

/// Limits how often clients may do the expensive or sensitive things: per client (a `ClientKey`,
/// the daily-salted hash of the address, in memory only) and for everyone together, with a token
/// bucket each.
///
/// Everyone together may use a share of what the resource behind the activity can do, as
/// measured while the service runs (`CapacityGauge`): the writer's commits for submissions and
/// messages, the readers for token look-ups, the password hasher for logins. An activity can
/// have two shares, two lanes: requests that have shown they come from a person (a questionnaire
/// opened a while ago, a counsellor's own browser) draw on the `proven` share, all others on the
/// `general` one, so a flood of the general lane leaves the proven lane open.
/// The staff side has its own limiter, so a flood of the citizen side leaves it answering.
///
/// Its buckets are behind a lock, not an actor: every submission and look-up asks it twice, and
/// each question to an actor is a hop to the actor's executor and back, where the lock is held
/// for a few hundred instructions.
final class RateLimiter: Sendable {
    /// What is limited.
    enum Activity: String, CaseIterable, Sendable {
        case submission
        case lookup
        case message
        case login
    }

    /// Which share of the capacity a request draws on.
    enum Lane: String, CaseIterable, Sendable {
        /// Shown to come from a person: a questionnaire's pass old enough, a trusted device.
        case proven
        /// Everything else.
        case general
    }

    /// A resource whose capacity is measured.
    enum Resource: String, Sendable {
        case writes
        case reads
        case hashes
    }

    /// A bucket size and refill rate per client, and the shares of the resource for everyone.
    struct Limit: Sendable {
        /// Requests a client may make at once.
        var clientBurst: Double
        /// Requests a client may make per minute, on average.
        var clientPerMinute: Double
        /// The resource the work uses.
        var resource: Resource
        /// The share of the resource's capacity all general requests together may use.
        var general: Double
        /// The share all proven requests together may use; 0: they draw on the general share.
        var proven: Double = 0

        func share(_ lane: Lane) -> Double { lane == .proven && proven > 0 ? proven : general }
    }

    /// The limits, chosen so that a person (or a shelter's shared connection) never meets them
    /// and a flood does: see Docs/privacy-and-security.md. The writer's shares add up to 0.7,
    /// leaving the rest for the staff side, retention and backups.
    static let standard: [Activity: Limit] = [
        .submission: Limit(clientBurst: 5, clientPerMinute: 5, resource: .writes, general: 0.1, proven: 0.4),
        .message: Limit(clientBurst: 10, clientPerMinute: 20, resource: .writes, general: 0.2),
        .lookup: Limit(clientBurst: 20, clientPerMinute: 60, resource: .reads, general: 0.5),
        .login: Limit(clientBurst: 5, clientPerMinute: 10, resource: .hashes, general: 0.5, proven: 0.5),
    ]

    /// However slow a resource measures, everyone together may still do this many a second.
    static let leastPerSecond = 2.0

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
    private let capacities: [Resource: CapacityGauge]
    private let ceilings: [Resource: Double]
    private let scale: Double
    /// Measures the buckets' refill: the monotonic clock, which never goes back when the wall
    /// clock does (tests that count admissions hold it still).
    private let now: @Sendable () -> ContinuousClock.Instant
    /// The buckets.
    private struct State {
        /// The day of the client keys in `clients`: keys of another day are another salt's.
        var day: Day?
        var clients: [Activity: [Data: Bucket]] = [:]
        var global: [Activity: [Lane: Bucket]] = [:]
    }

    private let state = Mutex(State())
    /// The most clients an activity keeps buckets for; past it, the buckets are pruned.
    private let clientCapacity: Int

    /// A limiter over the measured `capacities` (an activity whose resource is not given has no
    /// limit for everyone), never assuming more than `ceilings` (`--write-capacity`), with every
    /// limit multiplied by `scale` (raise it for load tests only).
    init(
        capacities: [Resource: CapacityGauge], ceilings: [Resource: Double] = [:], scale: Double = 1, clientCapacity: Int = 100_000,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.now = now
        self.clientCapacity = clientCapacity
        limits = Self.standard
        self.capacities = capacities
        self.ceilings = ceilings
        self.scale = scale
    }

    /// What `resource` is taken to do a second: as measured, at most its ceiling.
    func capacity(of resource: Resource) -> Double? {
        capacities[resource].map { min($0.perSecond, ceilings[resource] ?? .infinity) }
    }

    /// How many requests a second everyone together may make in `lane` now; `nil`: no limit.
    func globalPerSecond(_ activity: Activity, lane: Lane) -> Double? {
        guard let limit = limits[activity], let capacity = capacity(of: limit.resource) else { return nil }
        return max(Self.leastPerSecond, limit.share(lane) * capacity) * scale
    }

    /// What each resource does a second, as measured, and what the limits take it to do.
    func resources() -> [ResourceReading] {
        capacities.sorted { $0.key.rawValue < $1.key.rawValue }.map { resource, gauge in
            ResourceReading(
                resource: resource, isMeasured: gauge.isMeasured, measuredPerSecond: gauge.perSecond,
                assumedPerSecond: capacity(of: resource) ?? gauge.perSecond, parallelism: gauge.parallelism)
        }
    }

    /// What everyone together may do a second now, per activity and lane.
    func budgets() -> [Budget] {
        Activity.allCases.flatMap { activity -> [Budget] in
            guard let limit = limits[activity] else { return [] }
            let lanes: [Lane] = limit.proven > 0 ? [.general, .proven] : [.general]
            return lanes.compactMap { lane in
                globalPerSecond(activity, lane: lane).map {
                    Budget(
                        activity: activity, lane: lane, perSecond: $0, clientBurst: limit.clientBurst * scale,
                        clientPerMinute: limit.clientPerMinute * scale)
                }
            }
        }
    }

    /// `nil` when `client` may go ahead in `lane`; otherwise how long it must wait.
    func admit(_ activity: Activity, client: ClientKey, lane: Lane = .general) -> Duration? {
        guard let limit = limits[activity] else { return nil }
        let now = self.now()
        let lane = limit.proven > 0 ? lane : .general
        let perSecond = globalPerSecond(activity, lane: lane)
        return state.withLock { state in
            if client.day != state.day {
                state.clients.removeAll()
                state.day = client.day
            }
            let key = client.value
            let burst = limit.clientBurst * scale
            let perMinute = limit.clientPerMinute * scale
            // The buckets are changed where they are: a copy of the client buckets taken out and
            // put back made every request copy all of them (100,000 in a flood from many addresses).
            if state.clients[activity, default: [:]].count >= clientCapacity, state.clients[activity]?[key] == nil {
                state.clients[activity] = Self.pruned(
                    state.clients[activity] ?? [:], to: clientCapacity / 2, now: now, refill: 60 * burst / max(perMinute, 1))
            }
            let clientWait = state.clients[activity, default: [:]][key, default: Bucket(tokens: burst, updated: now)]
                .take(capacity: burst, perSecond: perMinute / 60, now: now)
            if let clientWait { return clientWait }
            guard let perSecond else { return nil }
            return state.global[activity, default: [:]][lane, default: Bucket(tokens: perSecond * 2, updated: now)]
                .take(capacity: perSecond * 2, perSecond: perSecond, now: now)
        }
    }

    /// At most `count` buckets: full buckets hold no state worth keeping, so those go first
    /// (`refill` seconds untouched), then the least recently used. Never more than half the
    /// bound is kept, so the next pruning is half the bound's new clients away, not one.
    private static func pruned(_ buckets: [Data: Bucket], to count: Int, now: ContinuousClock.Instant, refill: Double) -> [Data: Bucket] {
        let kept = buckets.filter { now - $0.value.updated < .seconds(refill) }
        guard kept.count > count else { return kept }
        return Dictionary(
            uniqueKeysWithValues: kept.sorted { $0.value.updated > $1.value.updated }.prefix(count).map { ($0.key, $0.value) })
    }

    /// The client buckets kept for `activity`, for tests.
    func clientBuckets(_ activity: Activity) -> Int {
        state.withLock { $0.clients[activity]?.count ?? 0 }
    }

    /// How long `client` would have to wait for `activity`, taking nothing: a request is turned
    /// away before its body is read only when it could not go ahead anyway, in any lane.
    func wouldWait(_ activity: Activity, client: ClientKey) -> Duration? {
        guard let limit = limits[activity] else { return nil }
        let now = self.now()
        let lanes: [Lane] = limit.proven > 0 ? [.general, .proven] : [.general]
        let perSecond = lanes.map { globalPerSecond(activity, lane: $0) }
        return state.withLock { state in
            if client.day == state.day, let bucket = state.clients[activity]?[client.value],
                let wait = bucket.peek(capacity: limit.clientBurst * scale, perSecond: limit.clientPerMinute * scale / 60, now: now)
            {
                return wait
            }
            let waits = zip(lanes, perSecond).map { lane, perSecond -> Duration? in
                guard let perSecond, let bucket = state.global[activity]?[lane] else { return nil }
                return bucket.peek(capacity: perSecond * 2, perSecond: perSecond, now: now)
            }
            return waits.contains { $0 == nil } ? nil : waits.compactMap { $0 }.min()
        }
    }

    /// Whole seconds to wait (at least 1), or `nil`.
    func secondsToWait(_ activity: Activity, client: ClientKey, lane: Lane = .general) -> Int? {
        admit(activity, client: client, lane: lane).map { max(1, Int($0.components.seconds) + ($0.components.attoseconds > 0 ? 1 : 0)) }
    }

    /// Throws `429 Too Many Requests` with `Retry-After` when the client must wait.
    func enforce(_ activity: Activity, client: ClientKey, lane: Lane = .general, texts: TextCatalog, language: Language) throws {
        guard let seconds = secondsToWait(activity, client: client, lane: lane) else { return }
        throw texts.mustWait("rateLimited", seconds: seconds, language)
    }
}

extension RateLimiter {
    /// A resource's capacity, for the operator.
    struct ResourceReading: Sendable {
        let resource: Resource
        let isMeasured: Bool
        let measuredPerSecond: Double
        let assumedPerSecond: Double
        let parallelism: Int
    }

    /// A budget for everyone together, and the limit of each client, for the operator.
    struct Budget: Sendable {
        let activity: Activity
        let lane: Lane
        let perSecond: Double
        let clientBurst: Double
        let clientPerMinute: Double
    }
}
