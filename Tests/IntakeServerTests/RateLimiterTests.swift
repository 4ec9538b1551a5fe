import Foundation
import Intake
import Synchronization
import Testing

@testable import IntakeServer

private let keys = ClientKeys(clock: testClock)

/// A writer that commits in 2 ms, 500 a second: the general share of submissions is 50 a second.
/// A limiter whose clock stands still, so the counts below do not depend on how fast a loaded
/// machine runs the loops (no bucket refills while they count).
private func limiter(commit: Duration = .milliseconds(2), ceiling: Double? = nil, scale: Double = 1) -> RateLimiter {
    let start = ContinuousClock.now
    return RateLimiter(
        capacities: [.writes: gauge(commit), .reads: gauge(.microseconds(100)), .hashes: gauge(.milliseconds(50))],
        ceilings: ceiling.map { [.writes: $0] } ?? [:], scale: scale, now: { start })
}

private func gauge(_ unit: Duration, parallelism: Int = 1) -> CapacityGauge {
    let gauge = CapacityGauge(parallelism: parallelism, assumed: .seconds(1))
    for _ in 0..<CapacityGauge.window { gauge.record(unit) }
    return gauge
}

@Test func everyoneTogetherIsLimitedToo() async {
    let limiter = limiter()
    // 100 different clients may submit at once (twice the general share's 50 a second); the next one waits.
    var admitted = 0
    for client in 0..<101 where limiter.admit(.submission, client: keys.key(for: "10.0.0.\(client)")) == nil {
        admitted += 1
    }
    #expect(admitted == 100)
    #expect(limiter.admit(.submission, client: keys.key(for: "10.0.1.1")) != nil)
}

@Test func eachActivityHasItsOwnBuckets() async {
    let limiter = limiter()
    let client = keys.key(for: "10.0.0.1")
    for _ in 0..<5 { #expect(limiter.admit(.submission, client: client) == nil) }
    #expect(limiter.admit(.submission, client: client) != nil)
    #expect(limiter.admit(.lookup, client: client) == nil)
    #expect(limiter.admit(.submission, client: keys.key(for: "10.0.0.2")) == nil)
}

@Test func theScaleRaisesEveryLimit() async {
    let limiter = limiter(scale: 10)
    for _ in 0..<50 { #expect(limiter.admit(.submission, client: keys.key(for: "10.0.0.1")) == nil) }
    #expect(limiter.admit(.submission, client: keys.key(for: "10.0.0.1")) != nil)
}

@Test func theDailySaltTurnsOverAtMidnightInCopenhagenNotInUTC() async {
    // 23:30 UTC on 30 November is already 00:30 on 1 December in Copenhagen.
    let time = MovableClock(at: utc("2026-11-30T23:30:00Z"))
    let keys = ClientKeys(clock: time.serviceClock)
    let limiter = limiter()
    let first = keys.key(for: "10.0.0.1")
    for _ in 0..<5 { #expect(limiter.admit(.submission, client: first) == nil) }
    #expect(limiter.admit(.submission, client: keys.key(for: "10.0.0.1")) != nil)

    // Midnight UTC passes, but it is still 1 December in Copenhagen: same salt, still waiting.
    time.set(utc("2026-12-01T00:30:00Z"))
    #expect(keys.key(for: "10.0.0.1") == first)
    #expect(limiter.admit(.submission, client: keys.key(for: "10.0.0.1")) != nil)

    // Midnight in Copenhagen (23:00 UTC in winter): a new salt, and the old buckets are gone.
    time.set(utc("2026-12-01T23:00:30Z"))
    let next = keys.key(for: "10.0.0.1")
    #expect(next.value != first.value && next.day != first.day)
    #expect(limiter.admit(.submission, client: next) == nil)
}

@Test(arguments: [
    // address → the network it is limited as
    ("192.0.2.7", "192.0.2.7"),
    ("2001:db8:1:2:3:4:5:6", "20010db800010002::/64"),
    ("2001:db8:1:2:ffff:ffff:ffff:ffff", "20010db800010002::/64"),
    ("2001:db8:1:3::1", "20010db800010003::/64"),
    ("::ffff:192.0.2.7", "192.0.2.7"),
    ("::1", "0000000000000000::/64"),
    ("unknown", "unknown"),
    ("not:an:address", "not:an:address"),
])
func anIPv6ClientIsLimitedByItsSlash64(address: String, network: String) {
    #expect(ClientKeys.network(of: address) == network)
}

@Test func walkingThroughTheAddressesOfOneSlash64IsStillOneClient() async {
    let limiter = limiter()
    for host in 1...5 { #expect(limiter.admit(.submission, client: keys.key(for: "2001:db8:1:2::\(host)")) == nil) }
    #expect(limiter.admit(.submission, client: keys.key(for: "2001:db8:1:2::abcd")) != nil)
    #expect(limiter.admit(.submission, client: keys.key(for: "2001:db8:1:3::1")) == nil)
}

@Test func onlyOnePasswordCheckAtATimePerClient() {
    let flights = InFlight()
    let keys = ClientKeys(clock: testClock)
    #expect(flights.enter(keys.key(for: "192.0.2.1")))
    #expect(!flights.enter(keys.key(for: "192.0.2.1")))
    #expect(flights.enter(keys.key(for: "192.0.2.2")))
    flights.leave(keys.key(for: "192.0.2.1"))
    #expect(flights.enter(keys.key(for: "192.0.2.1")))
}

@Test func askingWhetherAClientWouldWaitTakesNothing() async {
    let limiter = limiter()
    let client = keys.key(for: "10.0.0.9")
    for _ in 0..<50 { #expect(limiter.wouldWait(.submission, client: client) == nil) }
    for _ in 0..<5 { #expect(limiter.admit(.submission, client: client) == nil) }
    #expect(limiter.wouldWait(.submission, client: client) != nil)
    #expect(limiter.admit(.submission, client: client) != nil)
}

@Test func theBudgetForEveryoneIsAShareOfTheMeasuredCapacity() async {
    let writes = gauge(.milliseconds(10))
    let limiter = RateLimiter(capacities: [.writes: writes, .reads: gauge(.microseconds(100), parallelism: 2)])
    // 10 ms a commit: 100 a second, of which submissions get 10 % generally and 40 % when proven.
    #expect(limiter.globalPerSecond(.submission, lane: .general) == 10)
    #expect(limiter.globalPerSecond(.submission, lane: .proven) == 40)
    #expect(limiter.globalPerSecond(.message, lane: .proven) == 20)  // one lane only
    #expect(limiter.globalPerSecond(.lookup, lane: .general) == 10_000)
    #expect(limiter.globalPerSecond(.login, lane: .general) == nil)  // no hasher on this side
    // The disk gets faster (1 ms): the budget follows.
    for _ in 0..<CapacityGauge.window { writes.record(.milliseconds(1)) }
    #expect(limiter.globalPerSecond(.submission, lane: .general) == 100)
    // However slow the disk, a few a second still go through.
    for _ in 0..<CapacityGauge.window { writes.record(.seconds(10)) }
    #expect(limiter.globalPerSecond(.submission, lane: .general) == RateLimiter.leastPerSecond)
}

@Test func aCeilingCapsWhatTheDiskIsAssumedToDo() async {
    let limiter = limiter(commit: .milliseconds(1), ceiling: 200)
    #expect(limiter.capacity(of: .writes) == 200)
    #expect(limiter.globalPerSecond(.submission, lane: .general) == 20)
    #expect(limiter.capacity(of: .reads) == 10_000)
}

@Test func aFloodOfTheGeneralLaneLeavesTheProvenLaneOpen() async {
    let limiter = limiter()
    var client = 0
    while limiter.admit(.submission, client: keys.key(for: "10.1.\(client / 250).\(client % 250)")) == nil { client += 1 }
    #expect(client == 100)
    // A person who walked the form still gets through, and is not refused before their body is read.
    let person = keys.key(for: "192.0.2.50")
    #expect(limiter.wouldWait(.submission, client: person) == nil)
    #expect(limiter.admit(.submission, client: person, lane: .proven) == nil)
    #expect(limiter.admit(.submission, client: keys.key(for: "192.0.2.51"), lane: .general) != nil)
    // Each client's own budget is one, whichever the lane.
    for _ in 0..<4 { #expect(limiter.admit(.submission, client: person, lane: .proven) == nil) }
    #expect(limiter.admit(.submission, client: person, lane: .proven) != nil)
}

@Test func aLoginFromATrustedBrowserHasItsOwnShare() async {
    let limiter = limiter()
    // 50 ms a hash, one at a time: 20 a second, half for each lane (10 a second, 20 at once).
    var client = 0
    while limiter.admit(.login, client: keys.key(for: "10.2.0.\(client)")) == nil { client += 1 }
    #expect(client == 20)
    #expect(limiter.admit(.login, client: keys.key(for: "192.0.2.60"), lane: .proven) == nil)
}

/// A monotonic instant a test moves by hand.
private final class HandClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)
    func read() -> ContinuousClock.Instant { instant.withLock { $0 } }
    func advance(_ duration: Duration) { instant.withLock { $0 += duration } }
}

@Test func aFloodOfNewAddressesKeepsTheBucketsBoundedAndTheNewestHeldBack() {
    let clock = HandClock()
    let limiter = RateLimiter(capacities: [:], clientCapacity: 10, now: clock.read)
    let clients = (0..<40).map { keys.key(for: "10.9.0.\($0)") }
    // Each address drains its bucket (a burst of 5), a millisecond after the one before.
    for client in clients {
        for _ in 0..<5 { #expect(limiter.admit(.submission, client: client) == nil) }
        #expect(limiter.admit(.submission, client: client) != nil)
        #expect(limiter.clientBuckets(.submission) <= 10)
        clock.advance(.milliseconds(1))
    }
    // Past the bound, the least recently used went (half the bound kept, then refilled): the
    // newest addresses are still held back, the oldest start again with a full bucket.
    #expect(limiter.admit(.submission, client: clients[39]) != nil)
    #expect(limiter.admit(.submission, client: clients[35]) != nil)
    #expect(limiter.admit(.submission, client: clients[0]) == nil)
}

@Test func pruningLeavesRoomForHalfTheBoundEvenWhenOnlyOneBucketIsFullAgain() {
    let clock = HandClock()
    let limiter = RateLimiter(capacities: [:], clientCapacity: 10, now: clock.read)
    let started = clock.read()
    for client in 0..<10 {
        #expect(limiter.admit(.submission, client: keys.key(for: "10.8.0.\(client)")) == nil)
        clock.advance(.milliseconds(1))
    }
    // A submission bucket (5, refilled at 5 a minute) is surely full a minute after its last use:
    // just past that for the first client, not yet for the nine others.
    clock.advance(.seconds(60) + .microseconds(500) - (clock.read() - started))
    #expect(limiter.admit(.submission, client: keys.key(for: "10.8.1.1")) == nil)
    // Not 10 again (nine kept and the new one), which would send the next new client through all
    // of them once more: the five used last and the new one.
    #expect(limiter.clientBuckets(.submission) == 6)
}
