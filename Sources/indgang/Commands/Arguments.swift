import ArgumentParser
import Intake
import Logging

/// `--durability full|normal`.
struct DurabilityArgument: ExpressibleByArgument {
    let value: AppDatabase.Durability

    init?(argument: String) {
        guard let value = AppDatabase.Durability(rawValue: argument) else { return nil }
        self.value = value
    }

    static var allValueStrings: [String] { AppDatabase.Durability.allCases.map(\.rawValue) }
}

/// `--log-level trace|debug|info|notice|warning|error|critical`.
struct LogLevelArgument: ExpressibleByArgument {
    let value: Logger.Level

    init?(argument: String) {
        guard let value = Logger.Level(rawValue: argument) else { return nil }
        self.value = value
    }

    static var allValueStrings: [String] { Logger.Level.allCases.map(\.rawValue) }
}

/// `--lang da|en`.
extension Language: ExpressibleByArgument {}
