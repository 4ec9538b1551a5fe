import Synchronization
import Testing

@testable import IntakeServer

/// The body deadlines: one watcher for every body in flight, a body that came in forgotten at
/// once (no timer left behind), a deadline that passed told once, and only that one.
@Suite struct BodyDeadlineTests {
    /// The expiries that ran, by name, and a way to wait for the next one without a timer.
    private final class Expiries: Sendable {
        private let ran = Mutex<[String]>([])
        /// Each expiry's name as it runs.
        let stream: AsyncStream<String>
        private let continuation: AsyncStream<String>.Continuation

        init() {
            (stream, continuation) = AsyncStream.makeStream()
        }

        func expiry(_ name: String) -> @Sendable () -> Void {
            { [self] in
                ran.withLock { $0.append(name) }
                continuation.yield(name)
            }
        }

        var names: [String] { ran.withLock { $0 } }
    }

    @Test func aBodyThatCameInIsForgottenAtOnce() {
        let deadlines = BodyDeadlines(tick: .seconds(3600))
        let expiries = Expiries()
        let waits = (0..<1_000).map { deadlines.begin(.now + .seconds(3600), onExpiry: expiries.expiry("\($0)")) }
        #expect(deadlines.count == 1_000)
        for wait in waits { #expect(deadlines.end(wait) == false) }
        #expect(deadlines.count == 0)
        #expect(expiries.names.isEmpty)
    }

    @Test func aDeadlineThatPassedIsToldOnceAndTheOthersWait() async {
        let deadlines = BodyDeadlines(tick: .milliseconds(10))
        let expiries = Expiries()
        var told = expiries.stream.makeAsyncIterator()
        let long = deadlines.begin(.now + .seconds(3600), onExpiry: expiries.expiry("long"))
        let short = deadlines.begin(.now + .milliseconds(30), onExpiry: expiries.expiry("short"))
        #expect(await told.next() == "short")
        #expect(deadlines.end(short) == true)
        // A deadline already past when it begins is told at the next tick.
        let past = deadlines.begin(.now - .seconds(1), onExpiry: expiries.expiry("past"))
        #expect(await told.next() == "past")
        #expect(deadlines.end(past) == true)
        #expect(deadlines.count == 1)
        #expect(deadlines.end(long) == false)
        #expect(deadlines.count == 0)
        #expect(expiries.names == ["short", "past"])
        // The watcher has ended with the last body; a new one starts it again.
        let again = deadlines.begin(.now + .milliseconds(10), onExpiry: expiries.expiry("again"))
        #expect(await told.next() == "again")
        #expect(deadlines.end(again) == true)
    }
}
