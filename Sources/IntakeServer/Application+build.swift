import AsyncHTTPClient
import Foundation
import Hummingbird
import Intake
import Logging
import ServiceLifecycle

/// Runs the service: the citizen side and the staff API on their own listeners, until SIGTERM
/// or SIGINT, when requests in flight finish first.
public func runServer(_ configuration: AppConfiguration) async throws {
    var logger = Logger(label: "indgang")
    logger.logLevel = configuration.logLevel
    let citizen = try CitizenServices.open(configuration)
    guard let lock = try ServiceLock.acquire(folder: configuration.resolvedKeyDirectory) else {
        throw StartupError(
            "Another indgang process holds \(configuration.resolvedKeyDirectory) (a service, or a data key rotation). "
                + "Stop it first, or give this service its own --data-dir and --key-dir.")
    }
    defer { withExtendedLifetime(lock) {} }
    let staff = try StaffServices(citizen: citizen, hashing: configuration.passwordHashing, configuration: configuration)
    logger.info(
        "Data folder opened",
        metadata: ["database": "\(configuration.databasePath)", "durability": "\(configuration.durability.rawValue)"]
    )
    for gap in try await citizen.database.anonymousProviderGaps() {
        logger.warning("Provider register: \(gap) Add them with `indgang provider add`.")
    }
    let citizenSide = Application(
        router: buildCitizenRouter(citizen, publicDirectory: configuration.publicDirectory, logger: logger),
        server: configuration.server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        logger: logger
    )
    let staffSide = buildStaffApplication(staff, configuration: configuration, logger: logger)
    let retention = RetentionJob(
        database: citizen.database, policy: configuration.retention, clock: citizen.clock,
        sessionLifetime: StaffDirectory.Policy().sessionLifetime, interval: .seconds(24 * 3600), logger: logger
    )
    var services: [any Service] = [citizenSide, staffSide, retention]
    if let alerts = try alertJob(configuration, citizen: citizen, logger: logger) { services.append(alerts) }
    let group = ServiceGroup(
        configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    )
    try await group.run()
    try citizen.database.close()
    logger.info("Stopped: requests finished, database closed")
}

/// The alert job over the configured channels, or `nil` when none is configured (then the staff
/// port's `/health` warns that nobody is told of a crisis case).
private func alertJob(_ configuration: AppConfiguration, citizen: CitizenServices, logger: Logger) throws -> AlertJob? {
    let settings = configuration.alerts
    var made: HTTPClient?
    let channels = try settings.makeChannels {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        made = client
        return client
    }
    let client = made
    guard !channels.isEmpty else {
        logger.warning("No alert channel configured: nobody is told when a crisis case comes in (--alert-webhook-url, --alert-mail-to).")
        return nil
    }
    logger.info("Alerts on", metadata: ["channels": "\(channels.map(\.name).joined(separator: ","))"])
    let desk = AlertDesk(
        database: citizen.database, promise: citizen.pages.promise, channels: channels, settings: settings, texts: citizen.texts,
        logger: logger)
    return AlertJob(desk: desk, clock: citizen.clock) {
        try? await client?.shutdown()
    }
}
