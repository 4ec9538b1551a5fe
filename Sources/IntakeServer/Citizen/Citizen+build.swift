import Hummingbird
import Intake
import Logging

/// The whole URL map of the citizen side, with the limit each route is under.
///
/// Requests are not logged: a log line with a time and a path would say when someone used the
/// service. Only start-up, shutdown and unexpected errors are.
public func buildCitizenRouter(
    _ services: CitizenServices, publicDirectory: String? = nil, logger: Logger = Logger(label: "indgang")
) -> Router<CitizenRequestContext> {
    let router = Router(context: CitizenRequestContext.self)
    let routeMethods = RouteMethods()
    router.addMiddleware {
        SecurityHeadersMiddleware(behindHTTPS: services.behindHTTPS)
        CitizenErrorMiddleware(
            texts: services.texts, currentQuestionnaire: services.intake.questionnaire.version, pages: services.pages,
            pageGuard: services.pageGuard, routeMethods: routeMethods, logger: logger)
        BodyDeadlineMiddleware(timeout: services.bodyTimeout)
        if let publicDirectory {
            HideStaffConsoleMiddleware()
            FileMiddleware(publicDirectory, cacheControl: staticCaching, searchForIndexHtml: false, logger: logger)
                .withAdditionalMediaType(MediaType(type: .application, subType: "yaml"), mappedToFileExtension: "yaml")
        }
    }
    /// A route group under one of the citizen side's budgets; token routes also count failures.
    func limited(_ activity: RateLimiter.Activity, countingFailures: Bool = false, refusal: LimitMiddleware<CitizenRequestContext>.Refusal)
        -> RouterGroup<CitizenRequestContext>
    {
        router.group().add(
            middleware: LimitMiddleware(
                activity: activity, limiter: services.limiter, throttle: countingFailures ? services.throttle : nil,
                keys: services.clientKeys, texts: services.texts, refusal: refusal))
    }

    router.get("/health") { _, _ in HealthStatus(status: "ok") }

    // The pages, for a browser with or without JavaScript. Every form post answers with a
    // redirect to a page (post, redirect, get).
    let citizenPages = CitizenPagesController(
        intake: services.intake, pages: services.pages, pageGuard: services.pageGuard, cookies: services.cookies,
        sessions: services.sessions, exitURL: services.exitURL, steps: services.steps, clock: services.clock)
    router.get("/", use: citizenPages.start)
    router.get("/help", use: citizenPages.help)
    router.get("/exit", use: citizenPages.exit)
    let questionnaire = QuestionnairePagesController(
        intake: services.intake, pages: services.pages, pageGuard: services.pageGuard, passes: services.passes,
        cookies: services.cookies, sessions: services.sessions, clock: services.clock, steps: services.steps,
        stepPages: services.stepPages)
    router.get("/questionnaire", use: questionnaire.start)
    router.get("/questionnaire/check", use: questionnaire.check)
    limited(.submission, refusal: .byThePage).post("/questionnaire/send", use: questionnaire.send)
    router.get("/questionnaire/receipt", use: questionnaire.receipt)
    router.get("/questionnaire/receipt/code.txt", use: questionnaire.codeFile)
    router.get("/questionnaire/receipt/print", use: questionnaire.printView)
    router.post("/questionnaire/receipt/open", use: questionnaire.openCase)
    router.get("/questionnaire/:step", use: questionnaire.show)
    router.post("/questionnaire/:step", use: questionnaire.save)
    let assisted = AssistedPagesController(
        intake: services.intake, pages: services.pages, pageGuard: services.pageGuard, passes: services.passes,
        cookies: services.cookies, sessions: services.sessions, steps: services.steps)
    router.get("/assisted", use: assisted.start)
    router.post("/assisted/start", use: assisted.begin)
    router.post("/assisted/end", use: assisted.end)
    router.get("/assisted/ended", use: assisted.ended)
    let casePages = CasePagesController(
        intake: services.intake, pages: services.pages, pageGuard: services.pageGuard, sessions: services.sessions,
        cookies: services.cookies, clock: services.clock)
    router.get("/token", use: casePages.tokenForm)
    limited(.lookup, countingFailures: true, refusal: .byThePage).post("/token", use: casePages.open)
    router.get("/case", use: casePages.show)
    router.get("/case/withdraw", use: casePages.confirmWithdrawal)
    router.post("/case/logout", use: casePages.logOut)
    router.post("/case/code-kept", use: casePages.keptCode)
    limited(.message, refusal: .byThePage)
        .post("/case/message", use: casePages.write)
        .post("/case/book", use: casePages.book)
        .post("/case/cancel-booking", use: casePages.cancelBooking)
        .post("/case/withdraw", use: casePages.withdraw)
    let partnerPages = PartnerPagesController(
        database: services.database, pages: services.pages, pageGuard: services.pageGuard, publicURL: services.publicURL,
        steps: services.steps)
    router.get("/p/:slug", use: partnerPages.start)
    router.get("/embed/:slug", use: partnerPages.card)
    router.get("/partners", use: partnerPages.guide)

    // The JSON API (Docs/api.md): refused with 429 before the body is read.
    router.get(
        "/api/v1/questionnaire",
        use: QuestionnaireController(questionnaire: services.intake.questionnaire, texts: services.texts, passes: services.passes).show)
    let submissions = SubmissionController(intake: services.intake, texts: services.texts, passes: services.passes)
    limited(.submission, refusal: .beforeHandler).post("/api/v1/submissions", use: submissions.create)
    let citizenCase = CitizenCaseController(intake: services.intake, texts: services.texts)
    limited(.lookup, countingFailures: true, refusal: .beforeHandler).post("/api/v1/status", use: citizenCase.status)
    limited(.lookup, countingFailures: true, refusal: .beforeHandler).post("/api/v1/token/replace", use: citizenCase.replaceCode)
    limited(.message, countingFailures: true, refusal: .beforeHandler)
        .post("/api/v1/messages", use: citizenCase.write)
        .post("/api/v1/bookings", use: citizenCase.book)
        .post("/api/v1/bookings/cancel", use: citizenCase.cancelBooking)
        .post("/api/v1/withdrawal", use: citizenCase.withdraw)
    let partnerStats = PartnerStatsController(database: services.database, texts: services.texts, clock: services.clock)
    limited(.lookup, countingFailures: true, refusal: .beforeHandler).get("/api/v1/partner/stats", use: partnerStats.statistics)

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
    /// On the staff port: what an administrator should know (two-step verification off).
    var warnings: [String]? = nil
}
