import Hummingbird
import Intake

/// `GET /api/v1/questionnaire?lang=da|en`: the questionnaire in one language, for clients that
/// build their own form.
struct QuestionnaireController {
    let questionnaire: Questionnaire
    let texts: TextCatalog
    let passes: FormPasses

    /// The questionnaire with every text in the requested language, and a fresh `submissionKey`
    /// (a `FormPasses` pass) to send as the submission's `Idempotency-Key`.
    func show(request: Request, context: CitizenRequestContext) async throws -> QuestionnaireDocument {
        let explicit = request.uri.queryParameters.get("lang")
        guard let language = Language.negotiate(explicit: explicit, acceptLanguage: request.headers[.acceptLanguage]) else {
            throw texts.apiError(.badRequest, "unsupportedLanguage", request.preferredLanguage)
        }
        return QuestionnaireDocument(questionnaire, language: language, submissionKey: passes.issue())
    }
}

/// The JSON form of a questionnaire in one language.
struct QuestionnaireDocument: ResponseEncodable {
    /// An answer value: a whole number for numeric items, a string otherwise.
    enum Value: Encodable {
        case number(Int)
        case text(String)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }

    struct Option: Encodable {
        let value: Value
        let label: String
    }

    struct ItemEntry: Encodable {
        let id: String
        let type: Item.Kind
        let text: String
        let help: String?
        let minimum: Int?
        let maximum: Int?
        let options: [Option]?
    }

    struct SectionEntry: Encodable {
        let id: String
        let title: String
        let intro: String?
        let items: [ItemEntry]
    }

    struct Skip: Encodable {
        let value: String
        let label: String
    }

    let version: String
    let language: Language
    let title: String
    /// What every item also accepts: `"skip"`, "I'd rather not say".
    let skip: Skip
    let sections: [SectionEntry]
    /// On the citizen side: the key to send with the submission; the person's time on the
    /// questionnaire counts from here.
    let submissionKey: String?

    init(_ questionnaire: Questionnaire, language: Language, submissionKey: String? = nil) {
        self.submissionKey = submissionKey
        version = questionnaire.version
        self.language = language
        title = questionnaire.title[language]
        skip = Skip(value: Questionnaire.skip, label: questionnaire.skipLabel[language])
        sections = questionnaire.sections.map { section in
            SectionEntry(
                id: section.id, title: section.title[language], intro: section.intro?[language],
                items: section.items.map { item in
                    ItemEntry(
                        id: item.id, type: item.kind, text: item.text[language], help: item.help?[language],
                        minimum: item.range?.lowerBound, maximum: item.range?.upperBound,
                        options: item.options.isEmpty
                            ? nil
                            : item.options.map { option in
                                Option(
                                    value: item.kind.isNumeric ? .number(Int(option.value) ?? 0) : .text(option.value),
                                    label: option.label[language]
                                )
                            }
                    )
                }
            )
        }
    }
}
