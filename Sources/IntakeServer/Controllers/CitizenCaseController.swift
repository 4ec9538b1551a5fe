import HTTPTypes
import Hummingbird
import Intake

/// The person's way back with their token, in JSON: see the case, write, book a time, cancel
/// it, end the case. The token travels in the body, never in the URL; unknown tokens from one
/// client are slowed down.
struct CitizenCaseController {
    let intake: IntakeService
    let texts: TextCatalog
    /// `200` with the case; `422` for a mistyped token, `404` for an unknown one, `429` after
    /// too many unknown ones. Showing the case marks the replies as read.
    func status(request: Request, context: AppRequestContext) async throws -> CitizenCaseJSON {
        try await withCase(request, context, .lookup) { found, _, language in
            CitizenCaseJSON(try await intake.view(of: found), language: language, texts: texts)
        }
    }

    /// `POST messages {"token", "body"}`: a message to the counsellor.
    func write(request: Request, context: AppRequestContext) async throws -> EditedResponse<CitizenCaseJSON> {
        try await withCase(request, context, .message) { found, body, language in
            guard case .string(let text) = body["body"] else { throw CaseWorkError.invalid([FieldProblem("body", .required)]) }
            _ = try await intake.sendMessage(token: try token(body), body: text)
            return EditedResponse(
                status: .created, response: CitizenCaseJSON(try await intake.view(of: found), language: language, texts: texts))
        }
    }

    /// `POST bookings {"token", "slot"}`: books a time, or moves the booking to another.
    func book(request: Request, context: AppRequestContext) async throws -> EditedResponse<CitizenCaseJSON> {
        try await withCase(request, context, .message) { found, body, language in
            guard case .integer(let slot) = body["slot"] else { throw CaseWorkError.invalid([FieldProblem("slot", .required)]) }
            _ = try await intake.book(token: try token(body), slotID: Int64(slot))
            let current = try await intake.findCase(token: try token(body))
            return EditedResponse(
                status: .created, response: CitizenCaseJSON(try await intake.view(of: current), language: language, texts: texts))
        }
    }

    /// `POST bookings/cancel {"token"}`.
    func cancelBooking(request: Request, context: AppRequestContext) async throws -> CitizenCaseJSON {
        try await withCase(request, context, .message) { _, body, language in
            let current = try await intake.cancelBooking(token: try token(body))
            return CitizenCaseJSON(try await intake.view(of: current), language: language, texts: texts)
        }
    }

    /// `POST withdrawal {"token"}`: ends the case.
    func withdraw(request: Request, context: AppRequestContext) async throws -> CitizenCaseJSON {
        try await withCase(request, context, .message) { _, body, language in
            let current = try await intake.withdraw(token: try token(body))
            return CitizenCaseJSON(try await intake.view(of: current), language: language, texts: texts)
        }
    }

    // MARK: - Shared

    /// Reads the body, checks the throttle, opens the case of the token and runs `work`;
    /// refusals become 4xx answers in the person's language.
    private func withCase<Result>(
        _ request: Request, _ context: AppRequestContext, _ activity: RateLimiter.Activity,
        _ work: (IntakeCase, [String: JSONValue], Language) async throws -> Result
    ) async throws -> Result {
        var request = request
        let language = request.preferredLanguage
        let limit = try context.requireLimit()
        let body = try await request.jsonObject(context: context, texts: texts, language: language)
        guard case .string(let token) = body["token"] else {
            var error = texts.apiError(.unprocessableContent, "missingToken", language)
            error.items = [.init(item: "token", message: error.message)]
            throw error
        }
        do {
            return try await work(try await intake.findCase(token: token), body, language)
        } catch TokenLookupError.malformed {
            var error = texts.apiError(.unprocessableContent, "tokenMalformed", language)
            error.items = [.init(item: "token", message: error.message)]
            throw error
        } catch TokenLookupError.unknown {
            await limit.recordFailure()
            throw texts.apiError(.notFound, "tokenUnknown", language)
        } catch let error as CaseWorkError {
            throw texts.apiError(for: error, language, offering: [.book, .cancelBooking, .withdraw])
        }
    }

    private func token(_ body: [String: JSONValue]) throws -> String {
        guard case .string(let token) = body["token"] else { throw TokenLookupError.malformed }
        return token
    }
}
