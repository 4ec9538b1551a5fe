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
    let group = ServiceGroup(
        configuration: .init(services: [citizenSide, staffSide, retention], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    )
    try await group.run()
    try citizen.database.close()
    logger.info("Stopped: requests finished, database closed")
}
