import ArgumentParser
import Foundation

/// Runs the `indgang` command line. Every failure, a wrong flag included, prints what to do
/// and exits with status 2.
///
/// `main` is synchronous and waits for the command on a semaphore, instead of being `async`: an
/// async `main` parks the main thread in `dispatch_main`, which valgrind 3.19 (Debian 12's)
/// cannot run, and `make bench` counts instructions under valgrind. Nothing in the service runs
/// on the main actor, so the blocked main thread is never needed.
@main
enum Entrypoint {
    static func main() {
        // Everything the service writes (database, key, backups) is for its own user only.
        umask(0o077)
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            await run()
            finished.signal()
        }
        finished.wait()
    }

    private static func run() async {
        do {
            var command = try Indgang.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let exitCode = Indgang.exitCode(for: error)
            if exitCode == .success {
                Indgang.exit(withError: error)
            }
            FileHandle.standardError.write(Data((Indgang.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// The `indgang` command and its subcommands.
struct Indgang: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indgang",
        abstract: "Anonymous self-assessment and triage for drug treatment.",
        discussion: """
            Indgang serves a questionnaire that a person can answer without giving their identity. \
            The answers are scored as an ASI-like profile, the person gets a pseudonymous token and a \
            suggested track (anonymous § 101a, ambulant § 101 or outreach), and can come back with the token.
            """,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, ScoreCommand.self, StaffCommand.self, ProviderCommand.self, PartnerCommand.self,
            PurgeCommand.self, BackupCommand.self, RotateDataKeyCommand.self,
        ]
    )
}
