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
            let allowedActions: [String]?
        }

        let error: Content
    }

    let status: HTTPResponse.Status
    let message: String
    var items: [ItemMessage]? = nil
    /// For a refused state change: the actions the case allows now.
    var allowedActions: [String]? = nil
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(
            Body(error: .init(message: message, items: items, allowedActions: allowedActions)), from: request, context: context
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

    /// `429` with `Retry-After`: the text of `key` says how many `seconds` to wait.
    func mustWait(_ key: String, seconds: Int, _ language: Language) -> APIError {
        var error = apiError(.tooManyRequests, key, language, ["seconds": "\(seconds)"])
        error.headers = [.retryAfter: "\(seconds)"]
        return error
    }

    /// The JSON answer for an HTTP error status raised outside our own code (no route, body too large).
    func apiError(for status: HTTPResponse.Status, _ language: Language, uploadLimit: Int) -> APIError {
        switch status {
        case .notFound: apiError(.notFound, "notFound", language)
        case .methodNotAllowed: apiError(.methodNotAllowed, "methodNotAllowed", language)
        case .contentTooLarge: apiError(.contentTooLarge, "bodyTooLarge", language, ["limit": "\(uploadLimit / 1024)"])
        case .requestTimeout: apiError(.requestTimeout, "bodyTimeout", language)
        case .unsupportedMediaType: apiError(.unsupportedMediaType, "expectedJSON", language)
        case let status where status.code >= 500: apiError(status, "internal", language)
        case let status: APIError(status: status, message: status.reasonPhrase)
        }
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
