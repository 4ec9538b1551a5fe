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
        subcommands: [Add.self, List.self, ResetPassword.self, ResetSecondFactor.self, Disable.self]
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
            discussion:
                "The person logs in with it once, chooses their own password, and sets up two-step verification with an authenticator app."
        )

        @Argument(help: "The login name: 2–40 characters of a–z, 0–9, dot, dash, underscore.")
        var username: String

        @ArgumentParser.Flag(help: "An administrator, who can also read the audit log.")
        var admin = false

        @OptionGroup var data: DataOptions

        func run() async throws {
            let password = try await StaffCommand.directory(data).addUser(username, role: admin ? .admin : .staff)
            print(
                """
                Created \(username.lowercased()) (\(admin ? "admin" : "staff")). The first login goes like this:
                  1. Log in to the staff console with the username and the one-time password below.
                  2. Choose your own password (at least 12 characters); you are logged out, log in with it.
                  3. Set up two-step verification: scan the QR code with an authenticator app (any app for
                     TOTP codes, such as FreeOTP, Aegis, Microsoft or Google Authenticator) or type the secret
                     shown beside it, and type the six digits the app shows.
                  4. Keep the ten recovery codes you are then shown somewhere safe: each opens the account
                     once without the phone. Lost the phone and the codes? `indgang staff reset-second-factor`.
                Hand the one-time password over in person or by phone, not by e-mail. Shown once:

                    \(password)

                """)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        @OptionGroup var data: DataOptions

        func run() async throws {
            let users = try await StaffCommand.directory(data).users()
            if users.isEmpty { print("No accounts yet. Create one with `indgang staff add <username>`.") }
            for user in users {
                let status =
                    user.isDisabled
                    ? "disabled"
                    : user.mustChangePassword
                        ? "one-time password" : user.hasSecondFactor ? "active" : "active, no two-step verification yet"
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

    struct ResetSecondFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-second-factor",
            abstract: "Remove an account's two-step verification (a lost phone) and end its sessions.",
            discussion: "At the next login the person sets it up again with a new QR code. Audited."
        )

        @Argument var username: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await StaffCommand.directory(data).resetSecondFactor(username)
            print("Removed two-step verification from \(username.lowercased()). They set it up again at their next login.")
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
