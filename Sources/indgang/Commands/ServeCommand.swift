import ArgumentParser
import IntakeServer

/// `indgang serve`: runs the citizen side until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the service.",
        discussion: """
            Serves the citizen side on --host/--port and the staff API on --staff-host/--staff-port. \
            Creates the data folder, the database and the installation key on first run.
            """
    )

    @Option(help: "The address to listen on (default: 127.0.0.1).")
    var host: String?

    @Option(help: "The port to listen on (default: 8080).")
    var port: Int?

    @Option(help: "The address the staff API listens on (default: 127.0.0.1; keep it internal).")
    var staffHost: String?

    @Option(help: "The port of the staff API (default: 8081).")
    var staffPort: Int?

    @OptionGroup var data: DataOptions
    @OptionGroup var retention: RetentionOptions
    @OptionGroup(title: "Alerts to the team") var alerts: AlertOptions

    @Option(name: .customLong("public-dir"), help: "The folder of static files (default: ./Public).")
    var publicDirectory: String?

    @Option(
        name: .customLong("public-url"),
        help: "The address people use to reach the citizen side, for partner links (default: http://<host>:<port>).")
    var publicURL: String?

    @ArgumentParser.Flag(help: "Rate-limit by the X-Forwarded-For address. Only behind a reverse proxy that sets it.")
    var trustForwardedFor = false

    @ArgumentParser.Flag(help: "People reach the service over HTTPS through a reverse proxy: Secure cookies and HSTS.")
    var behindHTTPS = false

    @ArgumentParser.Flag(
        help:
            "Let staff log in with a password alone until they set up two-step verification. Not for health data: the console and the staff port's /health warn."
    )
    var allowStaffLoginWithoutSecondFactor = false

    @Option(name: .customLong("emergency-contacts"), help: "A JSON file of emergency contacts to show instead of the bundled list.")
    var emergencyContacts: String?

    @Option(
        help:
            "Multiply every rate limit and the wrong tokens and passwords allowed before waiting by this (default: 1). Raise it for load and fuzz tests only."
    )
    var rateLimitScale: Double?

    @Option(
        help:
            "The most commits a second the rate limits assume the database can do (default: as measured while running). Lower it to keep room on a shared disk."
    )
    var writeCapacity: Double?

    @Option(
        help:
            "Seconds a questionnaire must have been open for its submission to draw on the share of the budget a flood cannot reach (default: 30)."
    )
    var formMinimumSeconds: Int?

    @Option(
        help:
            "The promise the person is given: a first reply from a counsellor within this many working days, holidays not counted (default: 2)."
    )
    var replyWithinWorkingDays: Int?

    @Option(
        name: .customLong("exit-url"),
        help: "Where \"exit this page\" goes: a neutral https site (default: https://www.dmi.dk/).")
    var exitURL: String?

    @Option(help: "Close a connection that stays silent this many seconds, before its request or between requests (default: 30).")
    var idleTimeout: Int?

    @Option(help: "Answer 408 and close the connection when a request body takes longer than this many seconds (default: 20).")
    var bodyTimeout: Int?

    @Option(help: "The log level (default: info).")
    var logLevel: LogLevelArgument?

    func validate() throws {
        if let idleTimeout, !(1...3600).contains(idleTimeout) {
            throw ValidationError("--idle-timeout must be between 1 and 3600 seconds.")
        }
        if let bodyTimeout, !(1...3600).contains(bodyTimeout) {
            throw ValidationError("--body-timeout must be between 1 and 3600 seconds.")
        }
        if let rateLimitScale, !(rateLimitScale > 0) {
            throw ValidationError("--rate-limit-scale must be above 0.")
        }
        if let writeCapacity, !(writeCapacity >= 1 && writeCapacity <= 1_000_000) {
            throw ValidationError("--write-capacity must be between 1 and 1000000 commits a second.")
        }
        if let exitURL, !(exitURL.hasPrefix("https://") || exitURL.hasPrefix("http://")) || exitURL.contains(where: { $0.isWhitespace }) {
            throw ValidationError("--exit-url must be an http or https address, such as https://www.dmi.dk/.")
        }
        if let formMinimumSeconds, !(0...3600).contains(formMinimumSeconds) {
            throw ValidationError("--form-minimum-seconds must be between 0 and 3600.")
        }
        if let replyWithinWorkingDays, !(1...30).contains(replyWithinWorkingDays) {
            throw ValidationError("--reply-within-working-days must be between 1 and 30.")
        }
        for (flag, value) in [("--port", port), ("--staff-port", staffPort)] {
            if let value, !(0...65535).contains(value) {
                throw ValidationError("\(flag) must be between 0 and 65535.")
            }
        }
        if let port, let staffPort, port == staffPort, port != 0 {
            throw ValidationError("--port and --staff-port must differ: the staff API has its own listener.")
        }
    }

    func run() async throws {
        var configuration = AppConfiguration()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let staffHost { configuration.staffHost = staffHost }
        if let staffPort { configuration.staffPort = staffPort }
        if let publicDirectory { configuration.publicDirectory = publicDirectory }
        if let publicURL { configuration.publicURL = publicURL }
        if trustForwardedFor { configuration.trustForwardedFor = true }
        if behindHTTPS { configuration.behindHTTPS = true }
        if allowStaffLoginWithoutSecondFactor { configuration.allowsStaffLoginWithoutSecondFactor = true }
        if let emergencyContacts { configuration.emergencyContactsPath = emergencyContacts }
        if let logLevel { configuration.logLevel = logLevel.value }
        if let rateLimitScale { configuration.rateLimitScale = rateLimitScale }
        if let writeCapacity { configuration.writeCapacity = writeCapacity }
        if let exitURL { configuration.exitURL = exitURL }
        if let formMinimumSeconds { configuration.formMinimumSeconds = formMinimumSeconds }
        if let replyWithinWorkingDays { configuration.replyWithinWorkingDays = replyWithinWorkingDays }
        if let idleTimeout { configuration.idleTimeoutSeconds = idleTimeout }
        if let bodyTimeout { configuration.bodyTimeoutSeconds = bodyTimeout }
        data.apply(to: &configuration)
        retention.apply(to: &configuration)
        alerts.apply(to: &configuration)
        try await runServer(configuration)
    }
}
