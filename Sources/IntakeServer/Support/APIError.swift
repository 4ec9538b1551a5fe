import HTTPTypes
import Hummingbird
import Intake

/// An error answer of the JSON API: `{"error": {"message": "…", "items": [{"item", "message"}]}}`,
/// with a message a person can act on, in the request's language.
struct APIError: HTTPResponseError {
    /// One problem with one field or answer.
    struct ItemMessage: Codable, Equatable {
        let item: String
        let message: String
    }

    private struct Body: Encodable {
        struct Content: Encodable {
            let message: String
            let items: [ItemMessage]?
        }

        let error: Content
    }

    let status: HTTPResponse.Status
    let message: String
    var items: [ItemMessage]? = nil
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(
            Body(error: .init(message: message, items: items)), from: request, context: context
        )
        response.status = status
        response.headers.append(contentsOf: headers)
        return response
    }
}

extension TextCatalog {
    /// An API error whose message is the catalog's text for `key`.
    func apiError(
        _ status: HTTPResponse.Status, _ key: String, _ language: Language, _ values: [String: String] = [:]
    ) -> APIError {
        APIError(status: status, message: text("error.\(key)", language, values))
    }

    /// The 422 answer for a refused submission: one message per field or item.
    func apiError(for problems: [AnswerProblem], _ language: Language, currentQuestionnaire: String) -> APIError {
        var error = apiError(.unprocessableContent, "invalidSubmission", language)
        error.items = problems.map { problem in
            APIError.ItemMessage(
                item: problem.item, message: message(for: problem.kind, language, currentQuestionnaire: currentQuestionnaire))
        }
        return error
    }
}
