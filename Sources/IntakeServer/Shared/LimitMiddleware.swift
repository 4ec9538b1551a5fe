import Hummingbird
import Intake

/// The limit one request is under: which budget it draws on, and the throttle that counts its
/// client's failures (unknown tokens, wrong passwords). Put on the request by `LimitMiddleware`.
struct RequestLimit: Sendable {
    let activity: RateLimiter.Activity
    let limiter: RateLimiter
    let throttle: FailureThrottle?
    let client: ClientKey

    /// Takes one of the client's tokens (and one of everyone's, in `lane`); whole seconds to wait
    /// when there was none, or while the throttle holds the client back after failures. `nil`
    /// when it may go ahead.
    func secondsToWait(lane: RateLimiter.Lane = .general) async -> Int? {
        let limited = limiter.secondsToWait(activity, client: client, lane: lane)
        return await throttle?.secondsToWait(client.value, day: client.day) ?? limited
    }

    /// Takes one of the client's tokens, once the request has proved itself worth it (a complete,
    /// valid body); throws `429` with `Retry-After` when the client must wait.
    func take(lane: RateLimiter.Lane = .general, texts: TextCatalog, language: Language) async throws {
        try limiter.enforce(activity, client: client, lane: lane, texts: texts, language: language)
        try await refuseWhileThrottled(texts: texts, language: language)
    }

    /// Throws `429` when the client could not go ahead anyway (no token left, or held back by the
    /// throttle), taking nothing: so a flood of empty or broken requests costs nobody a token.
    func refuseIfWaiting(texts: TextCatalog, language: Language) async throws {
        if let wait = limiter.wouldWait(activity, client: client) {
            let seconds = max(1, Int(wait.components.seconds) + (wait.components.attoseconds > 0 ? 1 : 0))
            throw texts.mustWait("rateLimited", seconds: seconds, language)
        }
        try await refuseWhileThrottled(texts: texts, language: language)
    }

    private func refuseWhileThrottled(texts: TextCatalog, language: Language) async throws {
        if let seconds = await throttle?.secondsToWait(client.value, day: client.day) {
            throw texts.mustWait("tooManyAttempts", seconds: seconds, language)
        }
    }

    /// Counts a failed attempt of the client: after a few, it must wait longer each time.
    func recordFailure() async {
        await throttle?.recordFailure(client.value, day: client.day)
    }
}

/// Puts a route group under a limit. The router functions say which routes are limited, by
/// which budget, and how a refusal is given. Either way a token is taken only once the request
/// has proved itself worth it (a complete body with a token, valid answers, a username and a
/// password), so empty and broken requests drain nobody's budget:
/// - `.beforeHandler`: a client that could not go ahead anyway is refused with `429` before its
///   body is read, taking nothing; the handler takes the token (the JSON APIs);
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
        if refusal == .beforeHandler { try await limit.refuseIfWaiting(texts: texts, language: request.preferredLanguage) }
        return try await next(request, context)
    }
}
