import Foundation
import Testing

@testable import IntakeServer

@Test func everyoneTogetherIsLimitedToo() async {
    let limiter = RateLimiter()
    // 100 different clients may submit at once (twice the global rate of 50 a second); the next one waits.
    var admitted = 0
    for client in 0..<101 where await limiter.admit(.submission, address: "10.0.0.\(client)") == nil {
        admitted += 1
    }
    #expect(admitted == 100)
    #expect(await limiter.admit(.submission, address: "10.0.1.1") != nil)
}

@Test func eachActivityHasItsOwnBuckets() async {
    let limiter = RateLimiter()
    for _ in 0..<5 { #expect(await limiter.admit(.submission, address: "10.0.0.1") == nil) }
    #expect(await limiter.admit(.submission, address: "10.0.0.1") != nil)
    #expect(await limiter.admit(.lookup, address: "10.0.0.1") == nil)
    #expect(await limiter.admit(.submission, address: "10.0.0.2") == nil)
}

@Test func theScaleRaisesEveryLimit() async {
    let limiter = RateLimiter(scale: 10)
    for _ in 0..<50 { #expect(await limiter.admit(.submission, address: "10.0.0.1") == nil) }
    #expect(await limiter.admit(.submission, address: "10.0.0.1") != nil)
}
