import Hummingbird
import Intake
import Logging

/// Turns every error into a JSON answer a person can act on, in the request's language.
/// Unexpected errors become a `500` whose log line names the error's type only: never a
/// token, an answer or an address.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let texts: TextCatalog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            let language = request.preferredLanguage
            let translated: APIError =
                switch error.status {
                case .notFound: texts.apiError(.notFound, "notFound", language)
                case .methodNotAllowed: texts.apiError(.methodNotAllowed, "methodNotAllowed", language)
                case .contentTooLarge:
                    texts.apiError(.contentTooLarge, "bodyTooLarge", language, ["limit": "\(context.maxUploadSize / 1024)"])
                case let status where status.code >= 500: texts.apiError(status, "internal", language)
                case let status: APIError(status: status, message: status.reasonPhrase)
                }
            return try translated.response(from: request, context: context)
        } catch {
            context.logger.error(
                "Unexpected error", metadata: ["error.type": "\(type(of: error))", "endpoint": "\(context.endpointPath ?? "-")"])
            return try texts.apiError(.internalServerError, "internal", request.preferredLanguage).response(from: request, context: context)
        }
    }
}
