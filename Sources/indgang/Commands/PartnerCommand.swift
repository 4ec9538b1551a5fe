import ArgumentParser
import Foundation
import Intake
import IntakeServer

/// `indgang partner …`: the sites that link to the form.
struct PartnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner",
        abstract: "Register partner sites that link to the form, and manage their API keys.",
        subcommands: [Add.self, List.self, Disable.self, RotateKey.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a partner and print its API key (shown once).",
            discussion: "Its link is /p/<slug>; its start card /embed/<slug> may be framed only by --origin."
        )

        @Argument(help: "A short name: 1–40 characters of a–z, 0–9 and dashes.")
        var slug: String

        @Option(help: "The partner's name.")
        var name: String

        @Option(help: "The https origin allowed to frame the start card, e.g. https://cafe.example.")
        var origin: String?

        @ArgumentParser.Flag(help: "Say \"You came from <name>\" on the start page (off by default).")
        var showName = false

        @OptionGroup var data: DataOptions

        private var input: PartnerInput { PartnerInput(slug: slug, name: name, origin: origin, showsName: showName) }

        func validate() throws { try CommandFailure.check(input.problems) }

        func run() async throws {
            let (database, clock) = try data.open()
            let (partner, key) = try await database.addPartner(input, at: clock.now().instant)
            print("Registered \(partner.slug). API key for GET /api/v1/partner/stats, shown once:\n\n    \(key)\n")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the partners.")

        @OptionGroup var data: DataOptions

        func run() async throws {
            let partners = try await data.open().database.partners()
            if partners.isEmpty { print("No partners yet. Register one with `indgang partner add <slug> --name …`.") }
            for partner in partners {
                print("\(partner.slug)\t\(partner.name)\t\(partner.origin ?? "-")\t\(partner.isActive ? "active" : "disabled")")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a partner: its link, card and key stop working.")

        @Argument var slug: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            let (database, clock) = try data.open()
            try await database.disablePartner(slug, at: clock.now().instant)
            print("Disabled \(slug).")
        }
    }

    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rotate-key", abstract: "Give a partner a new API key (shown once).")

        @Argument var slug: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            let (database, clock) = try data.open()
            let key = try await database.rotatePartnerKey(slug, at: clock.now().instant)
            print("New API key for \(slug), shown once; the old one no longer works:\n\n    \(key)\n")
        }
    }
}
