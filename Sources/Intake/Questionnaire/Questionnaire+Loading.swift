import Foundation

extension Questionnaire {
    /// The questionnaire version this build asks.
    public static let currentVersion = "asi-sr-1"

    /// Loads a bundled questionnaire definition by version.
    public static func load(version: String = currentVersion) throws -> Questionnaire {
        guard let url = Bundle.module.url(forResource: version, withExtension: "json") else {
            throw QuestionnaireError.missingResource("\(version).json")
        }
        let file: DefinitionFile
        do {
            file = try JSONDecoder().decode(DefinitionFile.self, from: Data(contentsOf: url))
        } catch let error as DecodingError {
            throw QuestionnaireError.invalid("\(version).json: \(error)")
        }
        let municipalities = try Municipality.loadAll().sorted { $0.danishSortKey < $1.danishSortKey }
        let sections = try file.sections.map { section in
            Section(
                id: section.id, title: section.title, intro: section.intro,
                items: try section.items.map { try $0.resolved(scales: file.scales, municipalities: municipalities) }
            )
        }
        return try Questionnaire(
            version: file.version, title: file.title, skipLabel: file.skipLabel,
            sections: sections, composites: file.composites
        )
    }
}

/// The layout of a questionnaire definition file.
private struct DefinitionFile: Decodable {
    struct Scales: Decodable {
        struct Days: Decodable {
            let minimum: Int
            let maximum: Int
        }

        let rating: [Item.Option]
        let days: Days
    }

    struct SectionEntry: Decodable {
        let id: String
        let title: LocalizedText
        let intro: LocalizedText?
        let items: [ItemEntry]
    }

    struct ItemEntry: Decodable {
        let id: String
        let type: Item.Kind
        let text: LocalizedText
        let help: LocalizedText?
        let options: [Item.Option]?
        let optionSource: String?

        func resolved(scales: Scales, municipalities: [Municipality]) throws -> Item {
            var options = options ?? []
            switch optionSource {
            case nil: break
            case "municipalities":
                options += municipalities.map { Item.Option(value: $0.code, label: LocalizedText(da: $0.name, en: $0.name)) }
            case let source?:
                throw QuestionnaireError.invalid("\(id): unknown option source \(source)")
            }
            let range: ClosedRange<Int>?
            switch type {
            case .days:
                range = scales.days.minimum...scales.days.maximum
            case .rating:
                options = scales.rating
                range = try Self.numericRange(of: options, item: id)
            case .scale:
                range = try Self.numericRange(of: options, item: id)
            case .choice, .set:
                guard !options.isEmpty else { throw QuestionnaireError.invalid("\(id): a \(type) item needs options") }
                guard !options.contains(where: { $0.value == Questionnaire.skip }) else {
                    throw QuestionnaireError.invalid("\(id): “skip” is implied and must not be an option")
                }
                range = nil
            }
            guard Set(options.map(\.value)).count == options.count else {
                throw QuestionnaireError.invalid("\(id): an option value is repeated")
            }
            return Item(id: id, kind: type, text: text, help: help, options: options, range: range)
        }

        /// A numeric scale's options must be the whole numbers 0, 1, … n in order.
        static func numericRange(of options: [Item.Option], item: String) throws -> ClosedRange<Int> {
            guard !options.isEmpty, options.map(\.value) == options.indices.map(String.init) else {
                throw QuestionnaireError.invalid("\(item): scale options must be 0, 1, … in order")
            }
            return 0...(options.count - 1)
        }
    }

    let version: String
    let title: LocalizedText
    let skipLabel: LocalizedText
    let scales: Scales
    let sections: [SectionEntry]
    let composites: [CompositeFormula]
}
