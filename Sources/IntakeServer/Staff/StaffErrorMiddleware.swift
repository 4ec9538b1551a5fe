import Hummingbird
import Intake
import Logging

/// Turns every error of the staff API into JSON with a message a person can act on.
/// A case whose sealed values do not open becomes a `500` that says who restores what;
/// other unexpected errors a `500` whose log line names the error's type only.
struct StaffErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let texts: TextCatalog
    /// The questionnaire version the service asks.
    let currentQuestionnaire: String
    let routeMethods: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any AnsweredError {
            // A case's actions are named only as far as staff can take them.
            let answer = error.answer(
                in: AnswerContext(
                    texts: texts, language: request.preferredLanguage, actions: CaseAction.staffActions,
                    currentQuestionnaire: currentQuestionnaire))
            return try answer.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            if error.status == .notFound, let allow = routeMethods.methodNotAllowed(request) {
                var answer = texts.apiError(for: .methodNotAllowed, request.preferredLanguage, uploadLimit: context.maxUploadSize)
                answer.headers = allow
                return try answer.response(from: request, context: context)
            }
            return try texts.apiError(for: error.status, request.preferredLanguage, uploadLimit: context.maxUploadSize)
                .response(from: request, context: context)
        } catch let failure as DataCipher.Failure {
            // A case whose sealed values do not open: for the operator to restore, said so.
            context.logger.error(
                "A sealed value did not open", metadata: ["failure": "\(failure.logName)", "endpoint": "\(context.endpointPath ?? "-")"])
            return try APIError(status: .internalServerError, message: failure.message(texts, request.preferredLanguage))
                .response(from: request, context: context)
        } catch {
            context.logger.error(
                "Unexpected error", metadata: ["error.type": "\(type(of: error))", "endpoint": "\(context.endpointPath ?? "-")"])
            return try texts.apiError(.internalServerError, "internal", request.preferredLanguage).response(from: request, context: context)
        }
    }
}
