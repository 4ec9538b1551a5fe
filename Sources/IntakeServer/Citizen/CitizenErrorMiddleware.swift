import Hummingbird
import Intake
import Logging
import NIOHTTP1

/// Turns every error into an answer a person can act on, in their language: JSON under `/api/`,
/// an HTML page everywhere else. Unexpected errors become a `500` whose log line names the
/// error's type only: never a token, an answer, an address, nor the path or the request: a line
/// with a time and a page would say when someone used the service. It is written to the
/// service's logger, not the request's, which would add the request's id and endpoint.
/// A request the client broke off (a phone losing signal mid-body) is no error of the service:
/// it gets a `400` and no log line.
struct CitizenErrorMiddleware: RouterMiddleware {
    typealias Context = CitizenRequestContext

    let texts: TextCatalog
    /// The questionnaire version the service asks, for an answer to a submission of another.
    let currentQuestionnaire: String
    let pages: PageRenderer
    let pageGuard: PageGuard
    let routeMethods: RouteMethods
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any AnsweredError {
            return try answer(error, request).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            if error.status == .notFound, let allow = routeMethods.methodNotAllowed(request) {
                var response = try respond(to: request, status: .methodNotAllowed, context: context)
                response.headers.append(contentsOf: allow)
                return response
            }
            return try respond(to: request, status: error.status, context: context)
        } catch is HTTPParserError {
            return try respond(to: request, status: .badRequest, context: context)
        } catch let failure as DataCipher.Failure {
            // The person's case is stored but does not open (a damaged row, a missing key): they
            // are told that it is kept and their code still works, not the generic "not stored";
            // staff see the case in their queue as unreadable, with who restores it.
            logger.error("A sealed value did not open on the citizen side", metadata: ["failure": "\(failure.logName)"])
            return try respond(to: request, status: .internalServerError, context: context, unreadableCase: true)
        } catch {
            logger.error("Unexpected error on the citizen side", metadata: ["error.type": "\(type(of: error))"])
            return try respond(to: request, status: .internalServerError, context: context)
        }
    }

    /// The answer for an error of the domain or of reading the request, in the request's language;
    /// a case's actions are named only as far as the person can take them.
    private func answer(_ error: any AnsweredError, _ request: Request) -> APIError {
        error.answer(
            in: AnswerContext(
                texts: texts, language: request.preferredLanguage, actions: [.book, .cancelBooking, .withdraw],
                currentQuestionnaire: currentQuestionnaire))
    }

    /// The error's page or JSON; `unreadableCase` for a case that is stored but does not open.
    private func respond(
        to request: Request, status: HTTPResponse.Status, context: Context, unreadableCase: Bool = false
    ) throws -> Response {
        if request.uri.path.hasPrefix("/api/") {
            let answer =
                unreadableCase
                ? texts.apiError(status, "caseUnreadable", request.preferredLanguage)
                : texts.apiError(for: status, request.preferredLanguage, uploadLimit: context.maxUploadSize)
            return try answer.response(from: request, context: context)
        }
        let page = pageGuard.page(for: request)
        let (title, message): (String, String) =
            switch status {
            case _ where unreadableCase: ("page.error.caseUnreadableTitle", "page.error.caseUnreadable")
            case .notFound: ("page.error.notFoundTitle", "page.error.notFound")
            case .methodNotAllowed: ("page.error.methodNotAllowedTitle", "page.error.methodNotAllowed")
            case .contentTooLarge: ("page.error.tooLargeTitle", "page.error.tooLarge")
            case .requestTimeout: ("page.error.timeoutTitle", "page.error.timeout")
            case .unsupportedMediaType, .forbidden: ("page.error.forbiddenTitle", "page.error.forbidden")
            default: ("page.error.internalTitle", "page.error.internal")
            }
        return try pages.errorPage(page, title: title, message: message, status: status)
    }
}
