import ArgumentParser
import Intake

/// A failure while a command runs (not a wrong flag), with what to do about it.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    /// Refuses the command's arguments, in English, when the shared rules find `problems`: the
    /// same rules and texts the staff API answers with.
    static func check(_ problems: [FieldProblem]) throws {
        guard !problems.isEmpty else { return }
        let texts = try TextCatalog.load()
        let lines = problems.map { problem in
            let name = problem.field == "slug" ? "<slug>" : "--\(problem.field)"
            return "\(name): \(texts.message(for: problem.kind, .en))"
        }
        throw ValidationError(lines.joined(separator: "\n"))
    }
}
