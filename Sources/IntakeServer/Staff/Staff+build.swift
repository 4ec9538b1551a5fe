import Hummingbird
import HummingbirdAuth
import Intake
import Logging

/// The staff API: its own listener (`--staff-host`, `--staff-port`), everything under `/staff/v1`.
public func buildStaffApplication(_ services: StaffServices, configuration: AppConfiguration, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildStaffRouter(services, consoleDirectory: "\(configuration.publicDirectory)/staff", logger: logger),
        server: configuration.server,
        configuration: .init(address: .hostname(configuration.staffHost, port: configuration.staffPort), serverName: nil),
        logger: logger
    )
}

/// The whole URL map of the staff API (Docs/staff-api.yaml), and the console at `/` when
/// `consoleDirectory` is given: which routes need a session, which an administrator, which are
/// limited.
public func buildStaffRouter(
    _ services: StaffServices, consoleDirectory: String? = nil, logger: Logger = Logger(label: "indgang")
) -> Router<StaffRequestContext> {
    let router = Router(context: StaffRequestContext.self)
    let routeMethods = RouteMethods()
    router.addMiddleware {
        SecurityHeadersMiddleware(behindHTTPS: services.behindHTTPS)
        StaffErrorMiddleware(texts: services.texts, currentQuestionnaire: services.questionnaire.version, routeMethods: routeMethods)
        BodyDeadlineMiddleware(timeout: services.bodyTimeout)
        if let consoleDirectory {
            StaffConsoleMiddleware(directory: consoleDirectory, logger: logger)
        }
        StaffAuthenticator(directory: services.directory, cookies: services.cookieSession)
        StaffForgeryMiddleware(texts: services.texts)
    }
    router.get("/health") { _, _ in
        let warnings = await services.warnings(.en)
        return HealthStatus(status: warnings.isEmpty ? "ok" : "warning", warnings: warnings.isEmpty ? nil : warnings)
    }
    let api = router.group("staff/v1")
    // A password guess, from the login form or as the current password: limited per client,
    // every wrong one slows the client down, and one at a time per client (the Argon2 gate is
    // shared by every login).
    let passwordGuess = LimitMiddleware<StaffRequestContext>(
        activity: .login, limiter: services.limiter, throttle: services.loginThrottle, keys: services.clientKeys, texts: services.texts)
    let oneAtATime = OneAtATimeMiddleware<StaffRequestContext>(inFlight: services.passwordChecks, texts: services.texts)
    let sessions = StaffSessionController(services: services)

    // Anyone.
    api.group().add(middleware: passwordGuess).add(middleware: oneAtATime).post("session", use: sessions.logIn)

    // A session, even one whose one-time password is still to be changed.
    let pending = api.group().add(middleware: RequireStaffMiddleware(texts: services.texts, allowsPasswordPending: true))
    pending.get("session", use: sessions.current)
    pending.delete("session", use: sessions.logOut)
    pending.delete("sessions", use: sessions.logOutEverywhere)
    pending.group().add(middleware: passwordGuess).add(middleware: oneAtATime).post("password", use: sessions.changePassword)
    pending.post("session/second-factor", use: sessions.beginSecondFactor)
    pending.group().add(middleware: passwordGuess).post("session/second-factor/confirm", use: sessions.confirmSecondFactor)

    // Every staff member.
    let staff = api.group().add(middleware: RequireStaffMiddleware(texts: services.texts))
    let cases = StaffCaseController(services: services)
    staff.get("cases", use: cases.queue)
    staff.post("cases", use: cases.open)
    staff.post("cases/lookup", use: cases.lookUp)
    staff.post("cases/lookup/new-code", use: cases.newCodeByPhone)
    staff.get("cases/:reference", use: cases.show)
    staff.post("cases/:reference/claim", use: cases.claim)
    staff.post("cases/:reference/release", use: cases.release)
    staff.post("cases/:reference/handover", use: cases.handOver)
    staff.post("cases/:reference/messages", use: cases.write)
    staff.post("cases/:reference/decision", use: cases.decide)
    staff.post("cases/:reference/decision/preview", use: cases.previewDecision)
    staff.post("cases/:reference/close", use: cases.close)
    staff.delete("cases/:reference/booking", use: cases.cancelBooking)
    let slots = StaffSlotController(services: services)
    staff.get("slots", use: slots.list)
    staff.post("slots", use: slots.create)
    staff.post("cases/:reference/offers", use: slots.offer)
    staff.delete("slots/:id", use: slots.delete)
    let admin = StaffAdminController(services: services)
    let records = StaffRecordsController(services: services)
    staff.get("questionnaire", use: admin.questionnaire)
    staff.get("staff", use: admin.accounts)
    staff.get("providers", use: records.providers)

    // Administrators only.
    let administrators = staff.group().add(middleware: RequireAdministratorMiddleware(texts: services.texts))
    administrators.post("staff", use: admin.addAccount)
    administrators.post("staff/:username/reset-password", use: admin.resetPassword)
    administrators.post("staff/:username/reset-second-factor", use: admin.resetSecondFactor)
    administrators.post("staff/:username/disable", use: admin.disableAccount)
    administrators.post("providers", use: admin.addProvider)
    administrators.post("providers/:slug/disable", use: admin.disableProvider)
    administrators.get("partners", use: admin.partners)
    administrators.post("partners", use: admin.addPartner)
    administrators.post("partners/:slug/rotate-key", use: admin.rotatePartnerKey)
    administrators.post("partners/:slug/disable", use: admin.disablePartner)
    administrators.get("audit", use: records.audit)
    administrators.get("stats", use: records.statistics)
    administrators.get("limits", use: records.limits)
    administrators.post("cases/spam", use: cases.markSpam)
    let alerts = StaffAlertController(services: services)
    administrators.get("alerts", use: alerts.overview)
    administrators.post("alerts/test", use: alerts.test)

    routeMethods.record(router)
    return router
}
