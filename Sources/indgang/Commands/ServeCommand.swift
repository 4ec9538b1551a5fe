import ArgumentParser
import Hummingbird
import IntakeServer

/// `indgang serve`: runs the citizen side until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the service.",
        discussion: "Creates the data folder, the database and the installation key on first run."
    )

    @Option(help: "The address to listen on (default: 127.0.0.1).")
    var host: String?

    @Option(help: "The port to listen on (default: 8080).")
    var port: Int?

    @OptionGroup var data: DataOptions

    @Option(name: .customLong("public-dir"), help: "The folder of static files (default: ./Public).")
    var publicDirectory: String?

    @Option(name: .customLong("time-zone"), help: "The time zone days are counted in (default: Europe/Copenhagen).")
    var timeZone: String?

    @ArgumentParser.Flag(help: "Rate-limit by the X-Forwarded-For address. Only behind a reverse proxy that sets it.")
    var trustForwardedFor = false

    @ArgumentParser.Flag(help: "People reach the service over HTTPS through a reverse proxy: Secure cookies and HSTS.")
    var behindHTTPS = false

    @Option(name: .customLong("emergency-contacts"), help: "A JSON file of emergency contacts to show instead of the bundled list.")
    var emergencyContacts: String?

    @Option(help: "The log level (default: info).")
    var logLevel: LogLevelArgument?

    func validate() throws {
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--port must be between 0 and 65535.")
        }
    }

    func run() async throws {
        var configuration = AppConfiguration()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let publicDirectory { configuration.publicDirectory = publicDirectory }
        if let timeZone { configuration.timeZone = timeZone }
        if trustForwardedFor { configuration.trustForwardedFor = true }
        if behindHTTPS { configuration.behindHTTPS = true }
        if let emergencyContacts { configuration.emergencyContactsPath = emergencyContacts }
        if let logLevel { configuration.logLevel = logLevel.value }
        data.apply(to: &configuration)
        try await buildApplication(configuration).runService()
    }
}
