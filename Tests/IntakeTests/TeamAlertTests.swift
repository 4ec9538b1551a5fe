import Foundation
import Testing

@testable import Intake

/// The alerts' bookkeeping: what is new, what has been told, what is due or late, and how a
/// delivery is retried. The days come from the tests' clock (Sunday 2026-11-22).
@Suite struct TeamAlertTests {
    let place: Workplace
    let promise = ResponsePromise(workingDays: 2)
    let channels = ["webhook", "mail"]

    init() throws { place = try Workplace() }

    func crisisCase() async throws -> (token: String, reference: String) {
        try await place.submit(["crisis.now": .string("yes")])
    }

    @Test func aCrisisCaseIsAnnouncedOnceAndOthersWaitForTheDigest() async throws {
        _ = try await place.submit()
        #expect(try await place.database.queueCrisisAlert(channels: channels, at: place.clock.now) == nil)
        _ = try await crisisCase()
        let counts = try #require(try await place.database.queueCrisisAlert(channels: channels, at: place.clock.now))
        #expect(counts.newCases.reduce(0, +) == 1 && counts.waiting == 2)
        #expect(try await place.database.queueCrisisAlert(channels: channels, at: place.clock.now) == nil)
        // One delivery per channel, due at once.
        let due = try await place.database.dueAlertDeliveries(at: place.clock.now)
        #expect(due.map(\.channel).sorted() == ["mail", "webhook"] && due.allSatisfy { $0.kind == .crisis && $0.status == .pending })
        // The digest tells the other case only: the crisis case was told already.
        let digest = try #require(
            try await place.database.queueDigest(promise: promise, on: place.clock.today, channels: channels, at: place.clock.now))
        #expect(digest.newCases.reduce(0, +) == 1 && digest.waiting == 2 && digest.newMessages == 0)
        #expect(
            try await place.database.queueDigest(promise: promise, on: place.clock.today, channels: channels, at: place.clock.now) == nil)
    }

    @Test func theDigestCountsCasesByPriorityAndThePeoplesMessages() async throws {
        let first = try await place.submit()
        _ = try await place.submit(["drug.injected": .string("yes")])
        let found = try await place.intake.findCase(token: first.token)
        _ = try await place.intake.sendMessage(found, body: "Hej, jeg vil gerne tale med nogen.")
        let digest = try #require(
            try await place.database.queueDigest(promise: promise, on: place.clock.today, channels: ["mail"], at: place.clock.now))
        #expect(digest.newCases.reduce(0, +) == 2 && digest.newMessages == 1)
        #expect(digest.newCases == (try await priorities()))
        // A counsellor's reply is no news to the team, and the person's next message is.
        let admin = try await place.staff("mette")
        _ = try await place.desk.claim(first.reference, by: admin)
        _ = try await place.desk.write(first.reference, body: "Hej, tak for din besked.", isInternal: false, by: admin)
        #expect(
            try await place.database.queueDigest(promise: promise, on: place.clock.today, channels: ["mail"], at: place.clock.now) == nil)
        _ = try await place.intake.sendMessage(try await place.intake.findCase(token: first.token), body: "Tak.")
        let next = try #require(
            try await place.database.queueDigest(promise: promise, on: place.clock.today, channels: ["mail"], at: place.clock.now))
        #expect(next.newMessages == 1 && next.newCases == [0, 0, 0] && next.waiting == 1)
    }

    private func priorities() async throws -> [Int] {
        var counts = [0, 0, 0]
        for item in try await place.database.queue(QueueFilter()) { counts[item.intakeCase.priority - 1] += 1 }
        return counts
    }

    @Test func aPromiseIsToldOnItsLastDayAndOnceMoreWhenItHasPassed() async throws {
        let created = place.clock.today
        let unanswered = try await place.submit()
        let answered = try await place.submit()
        let admin = try await place.staff("mette")
        _ = try await place.desk.claim(answered.reference, by: admin)
        _ = try await place.desk.write(answered.reference, body: "Hej, vi ringer i morgen.", isInternal: false, by: admin)
        _ = try await place.database.queueDigest(promise: promise, on: created, channels: ["mail"], at: place.clock.now)
        let lastDay = promise.replyBy(try await place.intake.findCase(token: unanswered.token))
        // Every day before the last is quiet; the last day tells one case due, the next one passed.
        var day = created.adding(days: 1)
        while day < lastDay {
            #expect(try await place.database.queueDigest(promise: promise, on: day, channels: ["mail"], at: place.clock.now) == nil)
            day = day.adding(days: 1)
        }
        let due = try #require(try await place.database.queueDigest(promise: promise, on: lastDay, channels: ["mail"], at: place.clock.now))
        #expect(due.dueToday == 1 && due.passed == 0 && due.waiting == 1)
        #expect(try await place.database.queueDigest(promise: promise, on: lastDay, channels: ["mail"], at: place.clock.now) == nil)
        let after = lastDay.adding(days: 1)
        let passed = try #require(
            try await place.database.queueDigest(promise: promise, on: after, channels: ["mail"], at: place.clock.now))
        #expect(passed.passed == 1 && passed.dueToday == 0)
        #expect(
            try await place.database.queueDigest(promise: promise, on: after.adding(days: 3), channels: ["mail"], at: place.clock.now)
                == nil)
    }

    @Test func aCaseFirstSeenLateIsToldAsPassedOnly() async throws {
        _ = try await place.submit()
        let later = place.clock.today.adding(days: 10)
        let digest = try #require(
            try await place.database.queueDigest(promise: promise, on: later, channels: ["mail"], at: place.clock.now))
        #expect(digest.passed == 1 && digest.dueToday == 0 && digest.newCases.reduce(0, +) == 1)
    }

    @Test func aFailedDeliveryIsRetriedWithBackoffThenGivenUp() async throws {
        _ = try await crisisCase()
        _ = try await place.database.queueCrisisAlert(channels: ["webhook"], at: place.clock.now)
        let retry = AlertRetry(base: 30, attempts: 3)
        var now = place.clock.now
        let id = try #require(try await place.database.dueAlertDeliveries(at: now).first?.id)
        for (attempt, wait) in [(1, 30.0), (2, 60.0)] {
            try await place.database.recordAlertAttempt(id, error: "The webhook answered HTTP 503.", retry: retry, at: now)
            let delivery = try #require(try await place.database.alertDeliveries().first)
            #expect(delivery.status == .retrying && delivery.attempts == attempt && delivery.nextAttemptAt == now.addingTimeInterval(wait))
            #expect(try await place.database.dueAlertDeliveries(at: now.addingTimeInterval(wait - 1)).isEmpty)
            now.addTimeInterval(wait)
            #expect(try await place.database.dueAlertDeliveries(at: now).map(\.id) == [id])
        }
        try await place.database.recordAlertAttempt(id, error: "The webhook answered HTTP 503.", retry: retry, at: now)
        let given = try #require(try await place.database.alertDeliveries().first)
        #expect(given.status == .failed && given.failedAt == now && given.lastError == "The webhook answered HTTP 503.")
        #expect(try await place.database.dueAlertDeliveries(at: now.addingTimeInterval(86_400)).isEmpty)
        #expect(try await place.database.latestAlertOutcomes().map(\.status) == [.failed])
        // Forgotten after 30 days.
        try await place.database.purgeAlertDeliveries(before: now.addingTimeInterval(1))
        #expect(try await place.database.alertDeliveries().isEmpty)
    }

    @Test func aDeliveredAlertIsNotSentAgain() async throws {
        _ = try await crisisCase()
        _ = try await place.database.queueCrisisAlert(channels: ["mail"], at: place.clock.now)
        let id = try #require(try await place.database.dueAlertDeliveries(at: place.clock.now).first?.id)
        try await place.database.recordAlertAttempt(id, error: nil, retry: AlertRetry(), at: place.clock.now)
        #expect(try await place.database.dueAlertDeliveries(at: place.clock.now.addingTimeInterval(3600)).isEmpty)
        #expect(try await place.database.alertDeliveries().first?.status == .delivered)
    }

    @Test func theBackoffDoublesAndIsCappedAtADay() {
        let retry = AlertRetry(base: 30, attempts: 6)
        #expect((1...5).map(retry.wait(after:)) == [30, 60, 120, 240, 480])
        #expect(AlertRetry(base: 3600, attempts: 10).wait(after: 9) == 86_400)
        #expect(AlertRetry(attempts: 0).attempts == 1)
    }

    @Test func aTestAlertIsAudited() async throws {
        let admin = try await place.staff("mette", role: .admin)
        try await place.database.queueTestAlert(channels: channels, by: admin, at: place.clock.now)
        #expect(try await place.database.dueAlertDeliveries(at: place.clock.now).map(\.kind) == [.test, .test])
        #expect(try await place.database.auditEntries(AuditFilter()).first?.action == .alertTest)
    }
}
