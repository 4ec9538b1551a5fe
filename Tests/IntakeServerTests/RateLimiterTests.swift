import Foundation
import Testing

@testable import IntakeServer

@Test func everyoneTogetherIsLimitedToo() async {
    let limiter = RateLimiter(clock: testClock)
    // 100 different clients may submit at once (twice the global rate of 50 a second); the next one waits.
    var admitted = 0
    for client in 0..<101 where await limiter.admit(.submission, address: "10.0.0.\(client)") == nil {
        admitted += 1
    }
    #expect(admitted == 100)
    #expect(await limiter.admit(.submission, address: "10.0.1.1") != nil)
}

@Test func eachActivityHasItsOwnBuckets() async {
    let limiter = RateLimiter(clock: testClock)
    for _ in 0..<5 { #expect(await limiter.admit(.submission, address: "10.0.0.1") == nil) }
    #expect(await limiter.admit(.submission, address: "10.0.0.1") != nil)
    #expect(await limiter.admit(.lookup, address: "10.0.0.1") == nil)
    #expect(await limiter.admit(.submission, address: "10.0.0.2") == nil)
}

@Test func theScaleRaisesEveryLimit() async {
    let limiter = RateLimiter(scale: 10, clock: testClock)
    for _ in 0..<50 { #expect(await limiter.admit(.submission, address: "10.0.0.1") == nil) }
    #expect(await limiter.admit(.submission, address: "10.0.0.1") != nil)
}

@Test func theDailySaltTurnsOverAtMidnightInCopenhagenNotInUTC() async {
    // 23:30 UTC on 30 November is already 00:30 on 1 December in Copenhagen.
    let time = MovableClock(at: utc("2026-11-30T23:30:00Z"))
    let limiter = RateLimiter(clock: time.serviceClock)
    for _ in 0..<5 { #expect(await limiter.admit(.submission, address: "10.0.0.1") == nil) }
    #expect(await limiter.admit(.submission, address: "10.0.0.1") != nil)

    // Midnight UTC passes, but it is still 1 December in Copenhagen: same salt, still waiting.
    time.set(utc("2026-12-01T00:30:00Z"))
    #expect(await limiter.admit(.submission, address: "10.0.0.1") != nil)

    // Midnight in Copenhagen (23:00 UTC in winter): a new salt, and the old buckets are gone.
    time.set(utc("2026-12-01T23:00:30Z"))
    #expect(await limiter.admit(.submission, address: "10.0.0.1") == nil)
}
