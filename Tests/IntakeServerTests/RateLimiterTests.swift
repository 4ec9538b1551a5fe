import Foundation
import Testing

@testable import IntakeServer

private let keys = ClientKeys(clock: testClock)

@Test func everyoneTogetherIsLimitedToo() async {
    let limiter = RateLimiter()
    // 100 different clients may submit at once (twice the global rate of 50 a second); the next one waits.
    var admitted = 0
    for client in 0..<101 where await limiter.admit(.submission, client: keys.key(for: "10.0.0.\(client)")) == nil {
        admitted += 1
    }
    #expect(admitted == 100)
    #expect(await limiter.admit(.submission, client: keys.key(for: "10.0.1.1")) != nil)
}

@Test func eachActivityHasItsOwnBuckets() async {
    let limiter = RateLimiter()
    let client = keys.key(for: "10.0.0.1")
    for _ in 0..<5 { #expect(await limiter.admit(.submission, client: client) == nil) }
    #expect(await limiter.admit(.submission, client: client) != nil)
    #expect(await limiter.admit(.lookup, client: client) == nil)
    #expect(await limiter.admit(.submission, client: keys.key(for: "10.0.0.2")) == nil)
}

@Test func theScaleRaisesEveryLimit() async {
    let limiter = RateLimiter(scale: 10)
    for _ in 0..<50 { #expect(await limiter.admit(.submission, client: keys.key(for: "10.0.0.1")) == nil) }
    #expect(await limiter.admit(.submission, client: keys.key(for: "10.0.0.1")) != nil)
}

@Test func theDailySaltTurnsOverAtMidnightInCopenhagenNotInUTC() async {
    // 23:30 UTC on 30 November is already 00:30 on 1 December in Copenhagen.
    let time = MovableClock(at: utc("2026-11-30T23:30:00Z"))
    let keys = ClientKeys(clock: time.serviceClock)
    let limiter = RateLimiter()
    let first = keys.key(for: "10.0.0.1")
    for _ in 0..<5 { #expect(await limiter.admit(.submission, client: first) == nil) }
    #expect(await limiter.admit(.submission, client: keys.key(for: "10.0.0.1")) != nil)

    // Midnight UTC passes, but it is still 1 December in Copenhagen: same salt, still waiting.
    time.set(utc("2026-12-01T00:30:00Z"))
    #expect(keys.key(for: "10.0.0.1") == first)
    #expect(await limiter.admit(.submission, client: keys.key(for: "10.0.0.1")) != nil)

    // Midnight in Copenhagen (23:00 UTC in winter): a new salt, and the old buckets are gone.
    time.set(utc("2026-12-01T23:00:30Z"))
    let next = keys.key(for: "10.0.0.1")
    #expect(next.value != first.value && next.day != first.day)
    #expect(await limiter.admit(.submission, client: next) == nil)
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
    let limiter = RateLimiter()
    for host in 1...5 { #expect(await limiter.admit(.submission, client: keys.key(for: "2001:db8:1:2::\(host)")) == nil) }
    #expect(await limiter.admit(.submission, client: keys.key(for: "2001:db8:1:2::abcd")) != nil)
    #expect(await limiter.admit(.submission, client: keys.key(for: "2001:db8:1:3::1")) == nil)
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
    let limiter = RateLimiter()
    let client = keys.key(for: "10.0.0.9")
    for _ in 0..<50 { #expect(await limiter.wouldWait(.submission, client: client) == nil) }
    for _ in 0..<5 { #expect(await limiter.admit(.submission, client: client) == nil) }
    #expect(await limiter.wouldWait(.submission, client: client) != nil)
    #expect(await limiter.admit(.submission, client: client) != nil)
}
