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

/// The whole URL map of the staff API, and the console at `/` when `consoleDirectory` is given.
public func buildStaffRouter(
    _ services: StaffServices, consoleDirectory: String? = nil, logger: Logger = Logger(label: "indgang")
) -> Router<StaffRequestContext> {
    let router = Router(context: StaffRequestContext.self)
    let routeMethods = RouteMethods()
    router.addMiddleware {
        SecurityHeadersMiddleware(behindHTTPS: services.behindHTTPS)
        JSONErrorMiddleware(texts: services.texts, routeMethods: routeMethods)
        if let consoleDirectory {
            StaffConsoleMiddleware(directory: consoleDirectory, logger: logger)
        }
        StaffAuthenticator(directory: services.directory)
    }
    let api = router.group("staff/v1")
    let pending = api.group().add(middleware: RequireStaffMiddleware(texts: services.texts, allowsPasswordPending: true))
    let staff = api.group().add(middleware: RequireStaffMiddleware(texts: services.texts))
    StaffSessionController(services: services).addRoutes(open: api, pending: pending)
    StaffCaseController(services: services).addRoutes(to: staff)
    StaffSlotController(services: services).addRoutes(to: staff)
    StaffRecordsController(services: services).addRoutes(to: staff)
    StaffAdminController(services: services).addRoutes(to: staff)
    routeMethods.record(router)
    return router
}
