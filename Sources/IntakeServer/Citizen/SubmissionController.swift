import HTTPTypes
import Hummingbird
import Intake

/// `POST /api/v1/submissions`: a complete self-assessment in, a token and a suggested track out.
struct SubmissionController {
    let intake: IntakeService
    let texts: TextCatalog
    /// The answer to a stored submission: the only time the token is shown.
    struct Receipt: ResponseEncodable {
        let token: String
        let caseReference: CaseReference
        let createdOn: Day
        let language: Language
        let assessment: AssessmentResponse

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(token, forKey: .token)
            try container.encode(caseReference, forKey: .caseReference)
            try container.encode(createdOn, forKey: .createdOn)
            try container.encode(language, forKey: .language)
            try assessment.encode(to: encoder)
        }

        private enum CodingKeys: String, CodingKey {
            case token, caseReference, createdOn, language
        }
    }

    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!

    /// Validates, scores and stores; `201` with the receipt, `422` listing every problem.
    func create(request: Request, context: CitizenRequestContext) async throws -> EditedResponse<Receipt> {
        var request = request
        let fallback = request.preferredLanguage
        let limit = try context.requireLimit()
        let body = try await request.jsonObject(context: context, texts: texts, language: fallback)
        let submission = Submission(body: body, fallbackLanguage: fallback)
        let language = submission.language ?? fallback
        do {
            let issued = try await intake.submit(
                submission, idempotencyKey: request.headers[Self.idempotencyKey], client: limit.client.value,
                admit: { [texts] in try await limit.take(texts: texts, language: language) })
            let stored = issued.storedCase
            let receipt = Receipt(
                token: issued.token.formatted, caseReference: stored.reference, createdOn: stored.createdOn,
                language: stored.language, assessment: AssessmentResponse(stored.assessment, language: stored.language, texts: texts)
            )
            let headers: HTTPFields = issued.isReplay ? [Self.idempotentReplayed: "true"] : [:]
            return EditedResponse(status: .created, headers: headers, response: receipt)
        } catch let error as SubmissionError {
            // Told in the language the person answered in, not the browser's.
            throw InLanguage(error: error, language: language)
        }
    }
}

extension Submission {
    /// Reads the envelope leniently: a field of the wrong type becomes a problem the service
    /// reports with the others, not a failure of the whole request.
    init(body: [String: JSONValue], fallbackLanguage: Language) {
        func string(_ key: String) -> String? {
            switch body[key] {
            case .string(let text): text
            case nil, .null: nil
            default: ""
            }
        }
        let language: Language? = string("language").map { Language(rawValue: $0) } ?? fallbackLanguage
        let answers: [String: JSONValue]? = if case .object(let answers) = body["answers"] { answers } else { nil }
        self.init(questionnaire: string("questionnaire"), language: language, answers: answers, partner: string("partner"))
    }
}
