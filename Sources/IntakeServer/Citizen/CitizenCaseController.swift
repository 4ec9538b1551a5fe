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
    func status(request: Request, context: CitizenRequestContext) async throws -> CitizenCaseResponse {
        try await withCase(request, context) { found, _, language in
            CitizenCaseResponse(try await intake.show(found), language: language, texts: texts)
        }
    }

    /// `POST messages {"token", "body"}`: a message to the counsellor.
    func write(request: Request, context: CitizenRequestContext) async throws -> EditedResponse<CitizenCaseResponse> {
        try await withCase(request, context) { found, body, language in
            guard case .string(let text) = body["body"] else { throw InvalidFields([FieldProblem("body", .required)]) }
            _ = try await intake.sendMessage(found, body: text)
            return EditedResponse(
                status: .created, response: CitizenCaseResponse(try await intake.show(found), language: language, texts: texts))
        }
    }

    /// `POST bookings {"token", "slot"}`: books a time, or moves the booking to another.
    func book(request: Request, context: CitizenRequestContext) async throws -> EditedResponse<CitizenCaseResponse> {
        try await withCase(request, context) { found, body, language in
            guard case .integer(let slot) = body["slot"] else { throw InvalidFields([FieldProblem("slot", .required)]) }
            let current = try await intake.book(found, slotID: Int64(slot))
            return EditedResponse(
                status: .created, response: CitizenCaseResponse(try await intake.show(current), language: language, texts: texts))
        }
    }

    /// `POST bookings/cancel {"token"}`.
    func cancelBooking(request: Request, context: CitizenRequestContext) async throws -> CitizenCaseResponse {
        try await withCase(request, context) { found, _, language in
            CitizenCaseResponse(try await intake.show(try await intake.cancelBooking(found)), language: language, texts: texts)
        }
    }

    /// `POST withdrawal {"token"}`: ends the case.
    func withdraw(request: Request, context: CitizenRequestContext) async throws -> CitizenCaseResponse {
        try await withCase(request, context) { found, _, language in
            CitizenCaseResponse(try await intake.show(try await intake.withdraw(found)), language: language, texts: texts)
        }
    }

    struct ReplacedCodeResponse: ResponseEncodable {
        let token: String
        let message: String
    }

    /// `POST token/replace {"token"}` → `201` with the person's own code, in place of one a
    /// counsellor handed out (read out on the phone, printed on a card); from then on only the new
    /// code opens the case. `409` when the code is already the person's own.
    func replaceCode(request: Request, context: CitizenRequestContext) async throws -> EditedResponse<ReplacedCodeResponse> {
        try await withCase(request, context, allowingStaffCode: true) { found, _, language in
            guard let own = try await intake.replaceStaffCode(found) else { throw texts.apiError(.conflict, "codeAlreadyOwn", language) }
            return EditedResponse(
                status: .created, response: ReplacedCodeResponse(token: own.formatted, message: texts.text("codeReplaced", language)))
        }
    }

    // MARK: - Shared

    /// Reads the body, opens the case of its token (`CaseAccess`) and runs `work`. Refusals are
    /// answered by `CitizenErrorMiddleware`, in the person's language. A code handed out by staff
    /// opens nothing but its own replacement (`409` elsewhere, saying how).
    private func withCase<Result>(
        _ request: Request, _ context: CitizenRequestContext, allowingStaffCode: Bool = false,
        _ work: (IntakeCase, [String: JSONValue], Language) async throws -> Result
    ) async throws -> Result {
        var request = request
        let language = request.preferredLanguage
        let body = try await request.jsonObject(context: context, texts: texts, language: language)
        let token: String? = if case .string(let token) = body["token"] { token } else { nil }
        let found = try await CaseAccess(intake: intake).open(token: token, limit: try context.requireLimit())
        if found.codeFromStaff, !allowingStaffCode { throw texts.apiError(.conflict, "codeFromStaff", language) }
        return try await work(found, body, language)
    }
}
