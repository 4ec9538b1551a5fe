import Argon2
import ArgumentParser
import Foundation
import Intake
import IntakeServer

/// `indgang staff …`: staff accounts.
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Create, list, reset and disable staff accounts.",
        subcommands: [Add.self, List.self, ResetPassword.self, Disable.self]
    )

    /// Opens the directory of the data folder in `options`.
    static func directory(_ options: DataOptions) throws -> StaffDirectory {
        let (database, clock) = try options.open()
        return try StaffDirectory(
            database: database, hasher: PasswordHasher(parameters: AppConfiguration().passwordHashing), clock: clock
        )
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account and print its one-time password.",
            discussion: "The person logs in with it once and must then choose their own password."
        )

        @Argument(help: "The login name: 2–40 characters of a–z, 0–9, dot, dash, underscore.")
        var username: String

        @ArgumentParser.Flag(help: "An administrator, who can also read the audit log.")
        var admin = false

        @OptionGroup var data: DataOptions

        func run() async throws {
            let password = try await StaffCommand.directory(data).addUser(username, role: admin ? .admin : .staff)
            print("Created \(username.lowercased()) (\(admin ? "admin" : "staff")). One-time password, shown once:\n\n    \(password)\n")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        @OptionGroup var data: DataOptions

        func run() async throws {
            let users = try await StaffCommand.directory(data).users()
            if users.isEmpty { print("No accounts yet. Create one with `indgang staff add <username>`.") }
            for user in users {
                let status = user.isDisabled ? "disabled" : user.mustChangePassword ? "one-time password" : "active"
                print("\(user.username)\t\(user.role.rawValue)\t\(status)")
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Give an account a new one-time password and end its sessions."
        )

        @Argument var username: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            let password = try await StaffCommand.directory(data).resetPassword(username)
            print("New one-time password for \(username.lowercased()), shown once:\n\n    \(password)\n")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")

        @Argument var username: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await StaffCommand.directory(data).disable(username)
            print("Disabled \(username.lowercased()).")
        }
    }
}
