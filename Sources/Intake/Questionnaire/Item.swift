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

    /// The fields but the id (read most, kept beside it), in one shared object: an item is
    /// copied wherever a step, a page or the validation of a submission goes through the
    /// questionnaire, and copying six texts and a list was 5 % of a questionnaire step's
    /// instructions. Nothing in an item ever changes.
    private final class Storage: Sendable {
        let kind: Kind
        let text: LocalizedText
        let help: LocalizedText?
        let options: [Option]
        let range: ClosedRange<Int>?

        init(kind: Kind, text: LocalizedText, help: LocalizedText?, options: [Option], range: ClosedRange<Int>?) {
            self.kind = kind
            self.text = text
            self.help = help
            self.options = options
            self.range = range
        }
    }

    /// The item id of the contract, e.g. `med.days`.
    public let id: String
    private let storage: Storage

    /// What kind of answer the item takes.
    public var kind: Kind { storage.kind }
    /// The question.
    public var text: LocalizedText { storage.text }
    /// A short help text under the question, if any.
    public var help: LocalizedText? { storage.help }
    /// The labelled answers, for every kind but `days`.
    public var options: [Option] { storage.options }
    /// The allowed whole numbers, for numeric kinds.
    public var range: ClosedRange<Int>? { storage.range }

    /// An item that is not read from the definition file: a question the pages ask to decide
    /// which items to ask (`PageSteps`).
    public init(id: String, kind: Kind, text: LocalizedText, help: LocalizedText?, options: [Option], range: ClosedRange<Int>?) {
        self.id = id
        storage = Storage(kind: kind, text: text, help: help, options: options, range: range)
    }

    public static func == (lhs: Item, rhs: Item) -> Bool {
        lhs.id == rhs.id && lhs.storage === rhs.storage
            || (lhs.id == rhs.id && lhs.kind == rhs.kind && lhs.text == rhs.text && lhs.help == rhs.help && lhs.options == rhs.options
                && lhs.range == rhs.range)
    }

    /// Whether `value` is one of the item's options.
    public func hasOption(_ value: String) -> Bool {
        options.contains { $0.value == value }
    }
}
