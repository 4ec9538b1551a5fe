import Hummingbird
import Intake

/// `POST /api/v1/status`: the person comes back with their token and sees their case.
/// The token travels in the body, never in the URL.
struct StatusController {
    let intake: IntakeService
    let texts: TextCatalog
    let throttle: FailureThrottle
    let trustForwardedFor: Bool

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self).post(use: show)
    }

    /// What the person may see of their case: no answers.
    struct CaseStatus: ResponseEncodable {
        let caseReference: CaseReference
        let state: CaseState
        let stateText: String
        let createdOn: Day
        let assessment: AssessmentView

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(caseReference, forKey: .caseReference)
            try container.encode(state, forKey: .state)
            try container.encode(stateText, forKey: .stateText)
            try container.encode(createdOn, forKey: .createdOn)
            try assessment.encode(to: encoder)
        }

        private enum CodingKeys: String, CodingKey {
            case caseReference, state, stateText, createdOn
        }
    }

    /// `200` with the case; `422` for a mistyped token, `404` for an unknown one, `429` when the
    /// client has tried too many unknown tokens.
    func show(request: Request, context: AppRequestContext) async throws -> CaseStatus {
        var request = request
        let language = request.preferredLanguage
        let address = request.clientAddress(context: context, trustForwardedFor: trustForwardedFor)
        if let wait = await throttle.requiredWait(address: address) {
            let seconds = max(1, Int(wait.components.seconds) + 1)
            var error = texts.apiError(.tooManyRequests, "tooManyAttempts", language, ["seconds": "\(seconds)"])
            error.headers = [.retryAfter: "\(seconds)"]
            throw error
        }
        let body = try await request.jsonObject(context: context, texts: texts, language: language)
        guard case .string(let token) = body["token"] else {
            var error = texts.apiError(.unprocessableContent, "missingToken", language)
            error.items = [.init(item: "token", message: error.message)]
            throw error
        }
        do {
            let found = try await intake.findCase(token: token)
            return CaseStatus(
                caseReference: found.reference, state: found.state, stateText: texts.text("state.\(found.state.rawValue)", language),
                createdOn: found.createdOn, assessment: AssessmentView(found.assessment, language: language, texts: texts)
            )
        } catch TokenLookupError.malformed {
            var error = texts.apiError(.unprocessableContent, "tokenMalformed", language)
            error.items = [.init(item: "token", message: error.message)]
            throw error
        } catch TokenLookupError.unknown {
            await throttle.recordFailure(address: address)
            throw texts.apiError(.notFound, "tokenUnknown", language)
        }
    }
}
