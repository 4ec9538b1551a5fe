import HTTPTypes
import Hummingbird
import Intake

/// `POST /api/v1/submissions`: a complete self-assessment in, a token and a suggested track out.
struct SubmissionController {
    let intake: IntakeService
    let texts: TextCatalog
    let passes: FormPasses
    /// The answer to a stored submission: the only time the token is shown.
    ///
    /// Its JSON is written by `JSONWriter`, byte for byte what `CitizenRequestContext`'s
    /// encoder writes of its `Encodable` conformance (`ReceiptJSONTests` holds the two
    /// together): the encoder took an eighth of a submission's instructions.
    struct Receipt: Encodable, ResponseGenerator {
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

        /// The receipt as JSON, its keys sorted as `.sortedKeys` sorts them: written in that
        /// order (`ReceiptJSONTests` holds it to the encoder's bytes), not sorted per receipt.
        var json: [UInt8] {
            get throws {
                var writer = JSONWriter(capacity: 2_048)
                writer.openObject()
                writer.key("caseReference")
                writer.string(caseReference.value)
                writer.key("composites")
                try assessment.composites.write(to: &writer)
                writer.key("createdOn")
                writer.string(createdOn.iso)
                writer.key("flags")
                writer.strings(assessment.flags.map(\.rawValue))
                writer.key("language")
                writer.string(language.rawValue)
                writer.key("priority")
                writer.integer(assessment.priority)
                writer.key("questionnaireVersion")
                writer.string(assessment.questionnaireVersion)
                writer.key("reasons")
                try assessment.writeReasons(to: &writer)
                writer.key("rulesVersion")
                writer.string(assessment.rulesVersion)
                writer.key("token")
                writer.string(token)
                writer.key("track")
                writer.string(assessment.track.rawValue)
                writer.key("trackText")
                writer.string(assessment.trackText)
                writer.close()
                return writer.bytes
            }
        }

        func response(from request: Request, context: some RequestContext) throws -> Response {
            let bytes = try json
            return Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(bytes.count)],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes))
            )
        }
    }

    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!

    /// Validates, scores and stores; `201` with the receipt, `422` listing every problem. The
    /// budget is charged only once the body is complete and valid.
    func create(request: Request, context: CitizenRequestContext) async throws -> EditedResponse<Receipt> {
        var request = request
        let fallback = request.preferredLanguage
        let limit = try context.requireLimit()
        let body = try await request.jsonObject(context: context, texts: texts, language: fallback)
        let submission = Submission(body: body, fallbackLanguage: fallback)
        let language = submission.language ?? fallback
        let key = request.headers[Self.idempotencyKey]
        do {
            // A key handed out with the questionnaire a while ago draws on the share a flood cannot reach.
            let issued = try await passes.withLane(for: key, intake: intake) { [intake, texts] lane in
                try await intake.submit(
                    submission, idempotencyKey: key, client: limit.client.value,
                    admit: { try await limit.take(lane: lane, texts: texts, language: language) })
            }
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
