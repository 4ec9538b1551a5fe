import ArgumentParser
import Foundation
import Intake
import IntakeServer

/// `indgang backup <file>`: a consistent copy of the database while the service runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the database while the service runs.",
        discussion: """
            The copy holds sealed answers only: it is useless without the key folder (secret.key, data.key, \
            data.key.previous). Back the keys up separately and keep them apart. See Docs/operations.md for restoring.
            """
    )

    @Argument(help: "The new file to write; it must not exist.", completion: .file())
    var file: String

    @OptionGroup var data: DataOptions

    func run() async throws {
        var configuration = AppConfiguration()
        data.apply(to: &configuration)
        let database = try CitizenServices.openDatabase(configuration)
        try await database.backup(to: file)
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0
        print("Wrote \(file) (\(size / 1024) KB, \(try await database.caseCount()) cases). Back up the key folder separately.")
    }
}
