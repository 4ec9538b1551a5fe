/// Why one answer (or one field) of a submission cannot be accepted.
public struct AnswerProblem: Sendable, Equatable {
    /// The kinds of problem, each with what the person needs to fix it.
    public enum Kind: Sendable, Equatable {
        /// The questionnaire has no item with this id.
        case unknownItem
        /// The item has no answer; every item must be answered or skipped.
        case missing
        /// A whole number in `range` was expected.
        case expectedNumber(ClosedRange<Int>)
        /// One of the item's options was expected.
        case expectedChoice
        /// The value is not one of the item's options.
        case unknownChoice(String)
        /// An array of the item's options was expected.
        case expectedSelection
        /// An array element is not one of the item's options.
        case unknownSelectionMember(String)
        /// An option was given twice in the same array.
        case repeatedSelectionMember(String)
        /// The submission names a questionnaire version this service does not ask.
        case unsupportedQuestionnaire(String)
        /// The answers are missing or not a JSON object.
        case expectedAnswers
        /// The submission names a language this service does not speak.
        case unsupportedLanguage
    }

    /// The item id or field name, as sent.
    public let item: String
    /// What is wrong.
    public let kind: Kind

    /// Creates a problem report.
    public init(item: String, kind: Kind) {
        self.item = item
        self.kind = kind
    }
}
