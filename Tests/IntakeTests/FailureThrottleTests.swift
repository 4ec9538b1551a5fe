import Foundation
import Synchronization
import Testing

@testable import Intake

/// A monotonic instant a test moves by hand.
private final class HandClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)
    func read() -> ContinuousClock.Instant { instant.withLock { $0 } }
    func advance(_ duration: Duration) { instant.withLock { $0 += duration } }
}

/// A throttle that remembers at most 8 keys, on a clock the test moves.
private func smallThrottle() -> (FailureThrottle, FailureThrottle.Policy, HandClock) {
    let clock = HandClock()
    var policy = FailureThrottle.Policy()
    policy.capacity = 8
    policy.now = clock.read
    return (FailureThrottle(policy: policy), policy, clock)
}

@Test func aFloodOfNewKeysKeepsTheThrottleBoundedAndTheNewestFailuresRemembered() async {
    let (throttle, _, clock) = smallThrottle()
    let keys = (0..<40).map { Data("client \($0)".utf8) }
    // Each key fails past its free failures, a millisecond after the one before.
    for key in keys {
        for _ in 0..<6 { await throttle.recordFailure(key) }
        #expect(await throttle.requiredWait(key) != nil)
        #expect(await throttle.remembered <= 8)
        clock.advance(.milliseconds(1))
    }
    // Past the bound the oldest were forgotten, down to the newest half: the newest keys are
    // still held back, the oldest may try again.
    #expect(await throttle.requiredWait(keys[39]) != nil)
    #expect(await throttle.requiredWait(keys[36]) != nil)
    #expect(await throttle.requiredWait(keys[0]) == nil)
}

@Test func forgettingLeavesRoomForAQuarterOfTheCapacityEvenWhenOnlyOneRecordHasExpired() async {
    let (throttle, policy, clock) = smallThrottle()
    let started = clock.read()
    for index in 0..<8 {
        await throttle.recordFailure(Data("client \(index)".utf8))
        clock.advance(.milliseconds(1))
    }
    // Just past the first failure's memory: that one has expired, the seven others have not.
    clock.advance(policy.memory + .microseconds(500) - (clock.read() - started))
    await throttle.recordFailure(Data("a new client".utf8))
    // Not 8 again (seven kept and the new one), which would send the next new key through all
    // of them once more: the newest half and the new one.
    #expect(await throttle.remembered == 5)
}
