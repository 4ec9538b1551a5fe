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
        router: buildRouter(citizen, publicDirectory: configuration.publicDirectory, logger: logger),
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

/// The whole URL map of the citizen side.
///
/// Requests are not logged: a log line with a time and a path would say when someone used the
/// service. Only start-up, shutdown and unexpected errors are.
public func buildRouter(
    _ services: CitizenServices, publicDirectory: String? = nil, logger: Logger = Logger(label: "indgang")
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let routeMethods = RouteMethods()
    router.addMiddleware {
        SecurityHeadersMiddleware(behindHTTPS: services.behindHTTPS)
        ErrorMiddleware(
            texts: services.texts, pages: services.pages, pageGuard: services.pageGuard, routeMethods: routeMethods, logger: logger)
        if let publicDirectory {
            HideStaffConsoleMiddleware()
            FileMiddleware(publicDirectory, cacheControl: staticCaching, searchForIndexHtml: false, logger: logger)
                .withAdditionalMediaType(MediaType(type: .application, subType: "yaml"), mappedToFileExtension: "yaml")
        }
    }
    router.get("/health") { _, _ in HealthStatus(status: "ok") }
    CitizenPagesController(intake: services.intake, pages: services.pages, pageGuard: services.pageGuard).addRoutes(to: router)
    CasePagesController(
        intake: services.intake, pages: services.pages, pageGuard: services.pageGuard, throttle: services.throttle,
        limiter: services.limiter,
        trustForwardedFor: services.trustForwardedFor
    ).addRoutes(to: router)
    PartnerPagesController(database: services.database, pages: services.pages, pageGuard: services.pageGuard, publicURL: services.publicURL)
        .addRoutes(to: router)
    PartnerStatsController(
        database: services.database, texts: services.texts, throttle: services.throttle, limiter: services.limiter,
        trustForwardedFor: services.trustForwardedFor, clock: services.clock
    ).addRoutes(to: router)
    router.addRoutes(
        QuestionnairePagesController(
            intake: services.intake, pages: services.pages, pageGuard: services.pageGuard, limiter: services.limiter,
            trustForwardedFor: services.trustForwardedFor
        ).endpoints,
        atPath: "/questionnaire"
    )
    router.addRoutes(
        QuestionnaireController(questionnaire: services.intake.questionnaire, texts: services.texts).endpoints,
        atPath: "/api/v1/questionnaire"
    )
    router.addRoutes(
        SubmissionController(
            intake: services.intake, texts: services.texts, limiter: services.limiter, trustForwardedFor: services.trustForwardedFor
        )
        .endpoints,
        atPath: "/api/v1/submissions"
    )
    CitizenCaseController(
        intake: services.intake, texts: services.texts, throttle: services.throttle, limiter: services.limiter,
        trustForwardedFor: services.trustForwardedFor
    ).addRoutes(to: router)
    routeMethods.record(router)
    return router
}

/// The stylesheet and icon may be cached for an hour; pages never are.
private let staticCaching = CacheControl([
    (MediaType(type: .text, subType: "css"), [.public, .maxAge(3600)]),
    (MediaType(type: .image, subType: "svg+xml"), [.public, .maxAge(3600)]),
])

/// The answer of `GET /health`.
struct HealthStatus: ResponseEncodable {
    let status: String
}
