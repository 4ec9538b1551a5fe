import Argon2
import Foundation
import Hummingbird
import HummingbirdAuth
import Intake

/// Logging in and out, and choosing one's own password.
struct StaffSessionController {
    let services: StaffServices

    /// Who is logged in; the token only when the session is opened.
    struct SessionResponse: ResponseEncodable {
        let token: String?
        let expiresAt: Date?
        let username: String
        let role: StaffRole
        let mustChangePassword: Bool
        /// The service's clock, so the console counts days as the service does.
        let clock: ClockResponse
        /// Only when the session is opened: the browser's device token for the account, to keep
        /// and send with its next login (it lets the browser past the wait while someone guesses).
        var device: String? = nil
    }

    /// The service's time: the instant, and today and the time zone it counts days in.
    struct ClockResponse: Encodable {
        let now: Date
        let today: Day
        let timeZone: String

        init(_ moment: Moment) {
            now = moment.instant
            today = moment.day
            timeZone = moment.timeZone.identifier
        }
    }

    struct Notice: ResponseEncodable {
        let message: String
    }

    /// `POST session {"username", "password", "device"}`: `201` with a bearer token and the
    /// browser's device token. Every failure is the same `401`; a client that keeps failing must
    /// wait (`429`), so must a browser without a device token of the account while its username is
    /// being guessed at, and a flood of logins is refused with `503` before it can queue up.
    func logIn(request: Request, context: StaffRequestContext) async throws -> EditedResponse<SessionResponse> {
        var request = request
        let language = request.preferredLanguage
        let limit = try context.requireLimit()
        let body = try await request.jsonObject(context: context, texts: services.texts, language: language)
        var fields = JSONFields(body)
        let device = fields.string("device")
        guard case .string(let username) = body["username"], case .string(let password) = body["password"] else {
            var error = services.texts.apiError(.unprocessableContent, "invalidRequest", language)
            error.items = ["username", "password"].filter { if case .string = body[$0] { false } else { true } }
                .map { .init(item: $0, message: services.texts.message(for: .required, language)) }
            throw error
        }
        try fields.validate()
        // A complete login costs a token of the client's budget; a broken body did not. A counsellor's
        // own browser (its device token) draws on the share a flood of guesses cannot reach.
        let trusted = try await services.directory.isTrustedDevice(device, username: username)
        try await limit.take(lane: trusted ? .proven : .general, texts: services.texts, language: language)
        do {
            let session = try await services.directory.logIn(
                username: String(username.prefix(100)), password: String(password.prefix(1_000)), device: device)
            let identity = session.identity
            return EditedResponse(
                status: .created,
                response: SessionResponse(
                    token: session.token, expiresAt: session.expiresAt, username: identity.username, role: identity.role,
                    mustChangePassword: identity.mustChangePassword, clock: ClockResponse(services.clock.now()),
                    device: session.device
                )
            )
        } catch StaffError.invalidCredentials {
            // A wrong guess slows the client down; the answer is the same for every failure.
            await limit.recordFailure()
            throw StaffError.invalidCredentials
        }
    }

    func current(request: Request, context: StaffRequestContext) async throws -> SessionResponse {
        let identity = try context.requireIdentity()
        return SessionResponse(
            token: nil, expiresAt: nil, username: identity.username, role: identity.role, mustChangePassword: identity.mustChangePassword,
            clock: ClockResponse(services.clock.now())
        )
    }

    func logOut(request: Request, context: StaffRequestContext) async throws -> HTTPResponse.Status {
        try await services.directory.logOut(try context.requireIdentity())
        return .noContent
    }

    /// Sets a new password and ends every session of the account: log in again. Limited and
    /// counted like a login: the current password is a password guess too.
    func changePassword(request: Request, context: StaffRequestContext) async throws -> Notice {
        var request = request
        let identity = try context.requireIdentity()
        let language = request.preferredLanguage
        let limit = try context.requireLimit()
        let body = try await request.jsonObject(context: context, texts: services.texts, language: language)
        guard case .string(let current) = body["currentPassword"], case .string(let new) = body["newPassword"] else {
            var error = services.texts.apiError(.unprocessableContent, "invalidRequest", language)
            error.items = ["currentPassword", "newPassword"].filter { if case .string = body[$0] { false } else { true } }
                .map { .init(item: $0, message: services.texts.message(for: .required, language)) }
            throw error
        }
        try await limit.take(texts: services.texts, language: language)
        do {
            try await services.directory.changePassword(identity, current: String(current.prefix(1_000)), new: new)
        } catch StaffError.wrongCurrentPassword {
            // The current password is a password guess too.
            await limit.recordFailure()
            throw StaffError.wrongCurrentPassword
        }
        return Notice(message: services.texts.text("staff.passwordChanged", language))
    }
}
