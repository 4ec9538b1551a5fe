import ArgumentParser
import Foundation
import Intake
import IntakeServer

/// `indgang purge`: deletes what the retention periods no longer allow to keep.
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Delete expired cases, receipts and audit entries now (the service also does it daily).",
        discussion: "With --dry-run, only counts what would go. The counts are written to the audit log; content never is."
    )

    @ArgumentParser.Flag(help: "Count what would be deleted, delete nothing.")
    var dryRun = false

    @OptionGroup var data: DataOptions
    @OptionGroup var retention: RetentionOptions

    func run() async throws {
        var configuration = AppConfiguration()
        data.apply(to: &configuration)
        retention.apply(to: &configuration)
        let (database, clock) = try data.open()
        let report = try await database.purge(
            configuration.retention, at: clock.now(), sessionLifetime: StaffDirectory.Policy().sessionLifetime, dryRun: dryRun
        )
        print((dryRun ? "Would delete: " : "Deleted: ") + report.description)
    }
}
