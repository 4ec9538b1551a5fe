import ArgumentParser
import Intake
import IntakeServer

/// `indgang rotate-data-key`: seals every answer and message again under a new data key.
struct RotateDataKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-data-key",
        abstract: "Seal every answer and message again under a new data key.",
        discussion: """
            Writes data.key.next, reseals every value in one transaction, then makes the new key data.key and keeps the \
            old one as data.key.previous (older backups need it). Stop the service first: the rotation refuses to run \
            while a service holds the data folder. Safe to run again after an interruption. Back up the key folder afterwards.
            """
    )

    @OptionGroup var data: DataOptions

    func run() async throws {
        var configuration = AppConfiguration()
        data.apply(to: &configuration)
        let database = try CitizenServices.openDatabase(configuration)
        let report = try await DataKeyFiles.rotate(folder: configuration.resolvedKeyDirectory, database: database)
        print(
            "Resealed \(report.valuesResealed) values: data key \(String(report.oldKeyID, radix: 16)) → \(String(report.newKeyID, radix: 16)). "
                + "Keep data.key.previous as long as backups sealed with it exist."
        )
    }
}
