import Intake

/// The one way a request reaches the person's case: the token they typed or sent, the route's
/// limit, and the throttle's count when the token is unknown. The case is opened once per
/// request; the JSON API and the pages differ only in how they show a refusal.
struct CaseAccess {
    let intake: IntakeService

    /// Why the case was not opened.
    enum Refusal: Error, Equatable {
        /// No token was sent (or, on a page, only white space).
        case missingToken
        /// The client must wait this many seconds (the route's limit, or the throttle).
        case mustWait(seconds: Int)
        /// The token is not well formed (a wrong character or check symbol).
        case malformed
        /// No case has this token; counted as a failure of the client.
        case unknown
    }

    /// Opens the case of `token`. The route's budget is charged here, once the request is known
    /// to carry a token (a body that is only noise costs nobody a token).
    func open(token: String?, limit: RequestLimit) async throws -> IntakeCase {
        guard let token else { throw Refusal.missingToken }
        if let seconds = await limit.secondsToWait() { throw Refusal.mustWait(seconds: seconds) }
        do {
            return try await intake.findCase(token: token)
        } catch TokenLookupError.malformed {
            throw Refusal.malformed
        } catch TokenLookupError.unknown {
            await limit.recordFailure()
            throw Refusal.unknown
        }
    }
}
