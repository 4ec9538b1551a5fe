import Hummingbird
import Intake

/// The limit one request is under: which budget it draws on, and the throttle that counts its
/// client's failures (unknown tokens, wrong passwords). Put on the request by `LimitMiddleware`.
struct RequestLimit: Sendable {
    let activity: RateLimiter.Activity
    let limiter: RateLimiter
    let throttle: FailureThrottle?
    let client: ClientKey

    /// Takes one of the client's tokens; whole seconds to wait when there was none, or while
    /// the throttle holds the client back after failures. `nil` when it may go ahead.
    func secondsToWait() async -> Int? {
        let limited = await limiter.secondsToWait(activity, client: client)
        return await throttle?.secondsToWait(client.value, day: client.day) ?? limited
    }

    /// Throws `429` with `Retry-After` when the client must wait.
    func enforce(texts: TextCatalog, language: Language) async throws {
        try await limiter.enforce(activity, client: client, texts: texts, language: language)
        if let seconds = await throttle?.secondsToWait(client.value, day: client.day) {
            var error = texts.apiError(.tooManyRequests, "tooManyAttempts", language, ["seconds": "\(seconds)"])
            error.headers = [.retryAfter: "\(seconds)"]
            throw error
        }
    }

    /// Counts a failed attempt of the client: after a few, it must wait longer each time.
    func recordFailure() async {
        await throttle?.recordFailure(client.value, day: client.day)
    }
}

/// Puts a route group under a limit. The router functions say which routes are limited, by
/// which budget, and when a refusal is given:
/// - `.beforeHandler`: refused with `429` before the body is read (the JSON APIs);
/// - `.byThePage`: the page takes the token when the form is complete, and shows a refusal with
///   what the person typed, so nothing is lost (the case pages, the questionnaire's last step).
struct LimitMiddleware<Context: LimitedRequestContext>: RouterMiddleware {
    enum Refusal: Sendable {
        case beforeHandler
        case byThePage
    }

    let activity: RateLimiter.Activity
    let limiter: RateLimiter
    var throttle: FailureThrottle? = nil
    let keys: ClientKeys
    let texts: TextCatalog
    var refusal = Refusal.beforeHandler

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let limit = RequestLimit(activity: activity, limiter: limiter, throttle: throttle, client: keys.key(for: request, context: context))
        context.limit = limit
        if refusal == .beforeHandler { try await limit.enforce(texts: texts, language: request.preferredLanguage) }
        return try await next(request, context)
    }
}
