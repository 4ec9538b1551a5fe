import Testing

@testable import IntakeServer

/// The body deadlines: one watcher for every body in flight, a wait that ends with its body
/// forgotten at once (no timer left behind), a wait past its deadline told so.
@Suite struct BodyDeadlineTests {
    /// Waits until `deadlines` holds `count` waits, without a timer.
    private func holding(_ count: Int, _ deadlines: BodyDeadlines) async {
        while deadlines.count != count { await Task.yield() }
    }

    @Test func aWaitWhoseBodyCameInIsForgottenAtOnce() async {
        let deadlines = BodyDeadlines(tick: .seconds(3600))
        let waits = (0..<1_000).map { _ in Task { await deadlines.passed(.now + .seconds(3600)) } }
        await holding(1_000, deadlines)
        for wait in waits { wait.cancel() }
        for wait in waits { #expect(await wait.value == false) }
        #expect(deadlines.count == 0)
    }

    @Test func aWaitCancelledBeforeItBeganEndsAtOnce() async {
        let deadlines = BodyDeadlines(tick: .seconds(3600))
        let wait = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await deadlines.passed(.now + .seconds(3600))
        }
        #expect(await wait.value == false)
        #expect(deadlines.count == 0)
    }

    @Test func aWaitPastItsDeadlineIsToldSoAndTheOthersWait() async {
        let deadlines = BodyDeadlines(tick: .milliseconds(10))
        let long = Task { await deadlines.passed(.now + .seconds(3600)) }
        #expect(await deadlines.passed(.now + .milliseconds(30)))
        // A deadline already past when the wait begins is told at the next tick.
        #expect(await deadlines.passed(.now - .seconds(1)))
        #expect(deadlines.count == 1)
        long.cancel()
        #expect(await long.value == false)
        #expect(deadlines.count == 0)
        // The watcher has ended with the last wait; a new wait starts it again.
        #expect(await deadlines.passed(.now + .milliseconds(10)))
    }
}
