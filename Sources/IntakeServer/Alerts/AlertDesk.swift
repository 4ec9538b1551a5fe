import Foundation
import Intake
import Logging
import ServiceLifecycle

/// Tells the team what arrived, through the configured channels: a crisis case at once, the
/// rest as a digest every `digestInterval`, and promises that end today or have passed. Each
/// alert is stored per channel before it is sent and retried with backoff until it arrives or
/// its attempts run out; administrators see every delivery (`GET /staff/v1/alerts`).
struct AlertDesk: Sendable {
    let database: AppDatabase
    let promise: ResponsePromise
    let channels: [any AlertChannel]
    let settings: AlertSettings
    let texts: TextCatalog
    let logger: Logger

    /// Queues a crisis alert if a crisis case is not yet announced.
    func checkCrisis(at moment: Moment) async throws {
        if let counts = try await database.queueCrisisAlert(channels: channels.map(\.name), at: moment.instant) {
            logger.info("Alert queued", metadata: ["kind": "crisis", "cases": "\(counts.newCases.reduce(0, +))"])
        }
    }

    /// Queues a digest if anything is new since the last one.
    func digest(at moment: Moment) async throws {
        if try await database.queueDigest(promise: promise, on: moment.day, channels: channels.map(\.name), at: moment.instant) != nil {
            logger.info("Alert queued", metadata: ["kind": "digest"])
        }
    }

    /// Makes every attempt that is due: one at a time, each recorded.
    func deliverDue(at moment: Moment) async throws {
        for delivery in try await database.dueAlertDeliveries(at: moment.instant) {
            let message = AlertMessage(delivery.kind, delivery.counts, texts: texts, language: settings.language)
            var failure: String?
            if let channel = channels.first(where: { $0.name == delivery.channel }) {
                do {
                    try await channel.deliver(message, id: delivery.id, at: moment.instant)
                } catch {
                    failure = (error as? AlertChannelError)?.description ?? "\(type(of: error))"
                }
            } else {
                failure = "The \(delivery.channel) channel is no longer configured."
            }
            try await database.recordAlertAttempt(delivery.id, error: failure, retry: settings.retry, at: moment.instant)
            if failure == nil {
                logger.info("Alert delivered", metadata: ["channel": "\(delivery.channel)", "kind": "\(delivery.kind.rawValue)"])
            } else {
                logger.warning(
                    "Alert delivery failed", metadata: ["channel": "\(delivery.channel)", "attempt": "\(delivery.attempts + 1)"])
            }
        }
    }
}

/// Runs the desk until the service stops: every `checkInterval` it looks for crisis cases and
/// due deliveries, every `digestInterval` it sums up, and once a day it forgets deliveries older
/// than 30 days.
struct AlertJob: Service {
    let desk: AlertDesk
    let clock: ServiceClock
    /// Called once the loop has ended, to close the channels' connections.
    let shutdown: @Sendable () async -> Void

    func run() async {
        let settings = desk.settings
        await cancelWhenGracefulShutdown {
            var nextDigest = clock.now().instant.addingTimeInterval(settings.digestInterval)
            var nextPurge = clock.now().instant
            while !Task.isCancelled {
                let moment = clock.now()
                do {
                    try await desk.checkCrisis(at: moment)
                    if moment.instant >= nextDigest {
                        try await desk.digest(at: moment)
                        nextDigest = moment.instant.addingTimeInterval(settings.digestInterval)
                    }
                    try await desk.deliverDue(at: moment)
                    if moment.instant >= nextPurge {
                        try await desk.database.purgeAlertDeliveries(before: moment.instant.addingTimeInterval(-30 * 24 * 3600))
                        nextPurge = moment.instant.addingTimeInterval(24 * 3600)
                    }
                } catch {
                    desk.logger.error("Alerts failed", metadata: ["error.type": "\(type(of: error))"])
                }
                try? await Task.sleep(for: .milliseconds(Int64(settings.checkInterval * 1000)))
            }
        }
        await shutdown()
    }
}
