import ArgumentParser
import Foundation
import Intake

/// `indgang score <answers.json>`: scores and triages answers without storing anything.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score and triage a file of answers, without storing anything.",
        discussion: """
            The file holds either a submission ({"questionnaire": …, "answers": {…}}) or just the answers \
            object ({"med.days": 3, …}). Prints the composites, the track, the flags and the reasons, \
            for checking the rules by hand.
            """
    )

    @Argument(help: "A JSON file of answers.", completion: .file(extensions: ["json"]))
    var file: String

    @Option(help: "The language of the explanations: da or en (default: da).")
    var lang: Language = .default

    @ArgumentParser.Flag(help: "Print the assessment as JSON instead of text.")
    var json = false

    func run() throws {
        let questionnaire = try Questionnaire.load()
        let rules = try TriageRules.load()
        let texts = try TextCatalog.load()
        let answers = try readAnswers()
        let sheet: AnswerSheet
        switch questionnaire.validate(answers) {
        case .success(let valid): sheet = valid
        case .failure(let failure):
            let lines = failure.problems.map {
                "  \($0.item): \(texts.message(for: $0.kind, lang, currentQuestionnaire: questionnaire.version))"
            }
            throw CommandFailure("The answers in \(file) cannot be scored:\n" + lines.joined(separator: "\n"))
        }
        let assessment = rules.assess(sheet, composites: questionnaire.composites(for: sheet), questionnaireVersion: questionnaire.version)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(assessment), as: UTF8.self))
        } else {
            print(report(assessment, texts: texts))
        }
    }

    private func readAnswers() throws -> [String: JSONValue] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure("Cannot read \(file). Check the path and that the file is readable.")
        }
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw CommandFailure("\(file) is not a JSON object. Give a submission or an answers object.")
        }
        if case .object(let answers)? = object["answers"] { return answers }
        return object
    }

    private func report(_ assessment: Assessment, texts: TextCatalog) -> String {
        var lines = ["Composites (\(assessment.questionnaireVersion)):"]
        for domain in Domain.allCases {
            let value = assessment.composites.rounded[domain].map { String(format: "%.3f", $0) } ?? "not enough answers"
            lines.append("  \(domain.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(value)")
        }
        lines.append(
            "Track (\(assessment.rulesVersion)): \(assessment.track.rawValue) – \(texts.text("track.\(assessment.track.rawValue)", lang))")
        lines.append("Flags: \(assessment.flags.isEmpty ? "none" : assessment.flags.map(\.rawValue).joined(separator: ", "))")
        lines.append("Priority: \(assessment.priority)")
        lines.append("Reasons:")
        lines += assessment.reasons.map { "  \($0.rule): \(texts.explain($0, lang))" }
        return lines.joined(separator: "\n")
    }
}
