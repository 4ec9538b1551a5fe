import Foundation

/// A versioned self-assessment: its items in steps, and the formulas that turn answers into
/// composites. Loaded from a definition file (`asi-sr-1.json`); nothing of its content is code.
public struct Questionnaire: Sendable {
    /// The version id, e.g. `asi-sr-1`. Stored with every case.
    public let version: String
    /// The questionnaire's title.
    public let title: LocalizedText
    /// The label of the "I'd rather not say" answer that every item offers.
    public let skipLabel: LocalizedText
    /// The steps in the order they are asked.
    public let sections: [Section]
    /// One formula per domain.
    public let composites: [CompositeFormula]

    /// Every item, in the order asked.
    public let items: [Item]

    private let itemsByID: [String: Item]

    /// The item with `id`, if the questionnaire has one.
    public func item(_ id: String) -> Item? { itemsByID[id] }

    /// The string every item accepts in place of an answer.
    public static let skip = "skip"

    init(version: String, title: LocalizedText, skipLabel: LocalizedText, sections: [Section], composites: [CompositeFormula]) throws {
        self.version = version
        self.title = title
        self.skipLabel = skipLabel
        self.sections = sections
        self.composites = composites
        items = sections.flatMap(\.items)
        var itemsByID: [String: Item] = [:]
        for item in items {
            guard itemsByID.updateValue(item, forKey: item.id) == nil else {
                throw QuestionnaireError.invalid("\(version): the item id \(item.id) is used twice")
            }
        }
        self.itemsByID = itemsByID
        try checkFormulas()
    }

    /// Every formula must name known items of a kind it can score, and cover each domain once.
    private func checkFormulas() throws {
        guard Set(composites.map(\.domain)) == Set(Domain.allCases), composites.count == Domain.allCases.count else {
            throw QuestionnaireError.invalid("\(version): there must be exactly one composite formula per domain")
        }
        for formula in composites {
            for term in formula.terms {
                guard let item = item(term.item) else {
                    throw QuestionnaireError.invalid("\(version): the \(formula.domain) formula names the unknown item \(term.item)")
                }
                guard term.divisor > 0 else {
                    throw QuestionnaireError.invalid("\(version): \(term.item) has a divisor that is not positive")
                }
                if item.kind == .choice {
                    let scored = Set(term.scores?.keys.map { $0 } ?? [])
                    guard scored == Set(item.options.map(\.value)) else {
                        throw QuestionnaireError.invalid("\(version): \(term.item) needs a score for each of its options")
                    }
                }
            }
        }
    }
}

/// A questionnaire or rules file that cannot be used.
public enum QuestionnaireError: Error, CustomStringConvertible {
    /// A bundled file is not there.
    case missingResource(String)
    /// A file is there but breaks a rule; the text says which.
    case invalid(String)

    public var description: String {
        switch self {
        case .missingResource(let name): "The bundled file \(name) is missing; reinstall the program with its resources folder."
        case .invalid(let problem): "Invalid content file: \(problem)"
        }
    }
}
