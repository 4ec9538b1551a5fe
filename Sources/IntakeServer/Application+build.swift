import Hummingbird
import Intake
import Logging

/// Builds the service from its configuration: opens the data folder, then the router.
public func buildApplication(_ configuration: AppConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "indgang")
    logger.logLevel = configuration.logLevel
    let services = try CitizenServices.open(configuration)
    logger.info(
        "Data folder opened",
        metadata: ["database": "\(configuration.databasePath)", "durability": "\(configuration.durability.rawValue)"]
    )
    return Application(
        router: buildRouter(services, publicDirectory: configuration.publicDirectory, logger: logger),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        logger: logger
    )
}

/// The whole URL map of the citizen side.
///
/// Requests are not logged: a log line with a time and a path would say when someone used the
/// service. Only start-up, shutdown and unexpected errors are.
public func buildRouter(
    _ services: CitizenServices, publicDirectory: String? = nil, logger: Logger = Logger(label: "indgang")
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware {
        SecurityHeadersMiddleware(behindHTTPS: services.behindHTTPS)
        ErrorMiddleware(texts: services.texts, pages: services.pages, pageGuard: services.pageGuard)
        if let publicDirectory {
            FileMiddleware(publicDirectory, cacheControl: staticCaching, searchForIndexHtml: false, logger: logger)
                .withAdditionalMediaType(MediaType(type: .application, subType: "yaml"), mappedToFileExtension: "yaml")
        }
    }
    router.get("/health") { _, _ in HealthStatus(status: "ok") }
    CitizenPagesController(
        intake: services.intake, pages: services.pages, pageGuard: services.pageGuard, throttle: services.throttle,
        trustForwardedFor: services.trustForwardedFor
    ).addRoutes(to: router)
    router.addRoutes(
        QuestionnairePagesController(intake: services.intake, pages: services.pages, pageGuard: services.pageGuard).endpoints,
        atPath: "/questionnaire"
    )
    router.addRoutes(
        QuestionnaireController(questionnaire: services.intake.questionnaire, texts: services.texts).endpoints,
        atPath: "/api/v1/questionnaire"
    )
    router.addRoutes(SubmissionController(intake: services.intake, texts: services.texts).endpoints, atPath: "/api/v1/submissions")
    router.addRoutes(
        StatusController(
            intake: services.intake, texts: services.texts, throttle: services.throttle,
            trustForwardedFor: services.trustForwardedFor
        ).endpoints,
        atPath: "/api/v1/status"
    )
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
