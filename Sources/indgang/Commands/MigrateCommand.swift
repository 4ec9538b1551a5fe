import ArgumentParser
import IntakeServer

/// `indgang migrate`: brings the database schema up to date without starting the service.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create the database or bring its schema up to date, then exit."
    )

    @OptionGroup var data: DataOptions

    func run() async throws {
        var configuration = AppConfiguration()
        data.apply(to: &configuration)
        let database = try CitizenServices.openDatabase(configuration)
        let cases = try await database.caseCount()
        print("Database \(configuration.databasePath) is up to date (\(cases) cases).")
    }
}
