import Foundation
import Intake
import Logging
import ServiceLifecycle

/// Runs the retention purge when the service starts and then once a day, until the service
/// stops. It logs counts only.
struct RetentionJob: Service {
    let database: AppDatabase
    let policy: RetentionPolicy
    let clock: ServiceClock
    let sessionLifetime: TimeInterval
    let interval: Duration
    let logger: Logger

    /// Stops quietly on graceful shutdown: the sleep between purges is cancelled, not failed.
    func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let report = try await database.purge(
                        policy, at: clock.now(), sessionLifetime: sessionLifetime, dryRun: false
                    )
                    logger.info("Retention purge", metadata: ["deleted": "\(report)"])
                } catch {
                    logger.error("Retention purge failed", metadata: ["error.type": "\(type(of: error))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
