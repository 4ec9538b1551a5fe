import ArgumentParser
import Foundation
import Intake
import IntakeServer

/// `indgang provider …`: the register of treatment providers cases are referred to.
struct ProviderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider",
        abstract: "Add, list and disable treatment providers.",
        discussion: "§ 101a needs at least two providers of anonymous treatment, at least one outside the municipality.",
        subcommands: [Add.self, List.self, Disable.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a provider to the register.")

        @Argument(help: "A short name: 1–40 characters of a–z, 0–9 and dashes.")
        var slug: String

        @Option(help: "The provider's name, as the person reads it.")
        var name: String

        @Option(help: "How the person gets in touch: address, phone, opening hours.")
        var contact: String = ""

        @ArgumentParser.Flag(help: "Offers anonymous treatment (§ 101a).")
        var anonymous = false

        @ArgumentParser.Flag(help: "Lies outside the municipality.")
        var outsideMunicipality = false

        @OptionGroup var data: DataOptions

        private var input: ProviderInput {
            ProviderInput(slug: slug, name: name, contact: contact, isAnonymous: anonymous, isOutsideMunicipality: outsideMunicipality)
        }

        func validate() throws { try CommandFailure.check(input.problems) }

        func run() async throws {
            let (database, clock) = try data.open()
            _ = try await database.addProvider(input, at: clock.now().instant)
            print("Added \(slug).")
            for gap in try await database.anonymousProviderGaps() { print("Note: \(gap)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the providers.")

        @OptionGroup var data: DataOptions

        func run() async throws {
            let database = try data.open().database
            for provider in try await database.providers(includingInactive: true) {
                let kinds = [
                    provider.isAnonymous ? "anonymous" : nil, provider.isOutsideMunicipality ? "outside" : nil,
                    provider.isActive ? nil : "disabled",
                ]
                print("\(provider.slug)\t\(provider.name)\t\(kinds.compactMap { $0 }.joined(separator: ","))")
            }
            for gap in try await database.anonymousProviderGaps() { print("Note: \(gap)") }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a provider out of use.")

        @Argument var slug: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            let (database, clock) = try data.open()
            try await database.disableProvider(slug, at: clock.now().instant)
            print("Disabled \(slug).")
        }
    }
}
