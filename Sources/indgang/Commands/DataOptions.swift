import ArgumentParser
import Intake
import IntakeServer

/// Options shared by the commands that open the data folder.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "The folder for the database and the installation key (default: ./data).")
    var dataDirectory: String?

    @Option(
        name: .customLong("key-dir"),
        help: "The folder of secret.key and data.key; keep it apart from the database and its backups (default: the data folder)."
    )
    var keyDirectory: String?

    @Option(
        help: "How commits reach the disk: full (a 201 means on disk; default) or normal (faster, may lose the last commits on power loss)."
    )
    var durability: DurabilityArgument?

    @Option(name: .customLong("time-zone"), help: "The time zone days are counted in (default: Europe/Copenhagen).")
    var timeZone: String?

    /// Applies the given options onto `configuration`, keeping its defaults for the rest.
    func apply(to configuration: inout AppConfiguration) {
        if let dataDirectory { configuration.dataDirectory = dataDirectory }
        if let keyDirectory { configuration.keyDirectory = keyDirectory }
        if let durability { configuration.durability = durability.value }
        if let timeZone { configuration.timeZone = timeZone }
    }

    /// Opens the database of the data folder, with the service's clock: the command line reads
    /// the time the way the running service does.
    func open() throws -> (database: AppDatabase, clock: ServiceClock) {
        var configuration = AppConfiguration()
        apply(to: &configuration)
        let clock = try configuration.makeClock()
        return (try CitizenServices.openDatabase(configuration), clock)
    }
}
