/// One question of the questionnaire, as its definition file describes it.
public struct Item: Sendable, Equatable {
    /// What kind of answer an item takes.
    public enum Kind: String, Codable, Sendable {
        /// A count of days in the last 30 days, 0–30.
        case days
        /// A 0–4 self-rating on the shared rating scale.
        case rating
        /// A whole number from a short labelled scale (money bands, yes = 1 / no = 0).
        case scale
        /// One string from a list of options.
        case choice
        /// Any number of strings from a list of options, each at most once.
        case set

        /// Whether the answer is a whole number.
        public var isNumeric: Bool { self == .days || self == .rating || self == .scale }
    }

    /// One allowed answer with its label.
    public struct Option: Codable, Sendable, Equatable {
        /// The value sent in a submission (a digit string for numeric kinds).
        public let value: String
        /// What the person reads.
        public let label: LocalizedText

        public init(value: String, label: LocalizedText) {
            self.value = value
            self.label = label
        }
    }

    /// The item id of the contract, e.g. `med.days`.
    public let id: String
    /// What kind of answer the item takes.
    public let kind: Kind
    /// The question.
    public let text: LocalizedText
    /// A short help text under the question, if any.
    public let help: LocalizedText?
    /// The labelled answers, for every kind but `days`.
    public let options: [Option]
    /// The allowed whole numbers, for numeric kinds.
    public let range: ClosedRange<Int>?

    /// An item that is not read from the definition file: a question the pages ask to decide
    /// which items to ask (`PageSteps`).
    public init(id: String, kind: Kind, text: LocalizedText, help: LocalizedText?, options: [Option], range: ClosedRange<Int>?) {
        self.id = id
        self.kind = kind
        self.text = text
        self.help = help
        self.options = options
        self.range = range
    }

    /// Whether `value` is one of the item's options.
    public func hasOption(_ value: String) -> Bool {
        options.contains { $0.value == value }
    }
}
