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
        /// The account must set up two-step verification before anything else.
        let mustSetUpSecondFactor: Bool
        let hasSecondFactor: Bool
        /// What an administrator should know about the installation (two-step verification
        /// not enforced).
        let warnings: [String]
        /// The service's clock, so the console counts days as the service does.
        let clock: ClockResponse
        /// Only when the session is opened: the browser's device token for the account, to keep
        /// and send with its next login (it lets the browser past the wait while someone guesses).
        var device: String? = nil
        /// For a session in the console's cookie: the anti-forgery token to send in
        /// `X-CSRF-Token` with every state-changing request.
        var csrfToken: String? = nil
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

    /// What the person needs to set up their authenticator app.
    struct SecondFactorSetupResponse: ResponseEncodable {
        /// The secret to type into the app, in groups of four.
        let secret: String
        /// The `otpauth://` address the QR code holds.
        let otpauthURL: String
        /// The QR code, an SVG image drawn on the server.
        let qrSVG: String?
    }

    /// The recovery codes, shown once.
    struct RecoveryCodesResponse: ResponseEncodable {
        let recoveryCodes: [String]
        let message: String
    }

    private func response(
        _ identity: StaffIdentity, login: StaffLogin? = nil, cookieToken: String? = nil, language: Language
    ) async -> SessionResponse {
        SessionResponse(
            token: cookieToken == nil ? login?.token : nil, expiresAt: login?.expiresAt, username: identity.username,
            role: identity.role, mustChangePassword: identity.mustChangePassword, mustSetUpSecondFactor: identity.mustSetUpSecondFactor,
            hasSecondFactor: identity.hasSecondFactor, warnings: await services.warnings(language),
            clock: ClockResponse(services.clock.now()), device: login?.device,
            csrfToken: cookieToken.map(StaffCookieSession.csrfToken(for:)))
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
        let code = fields.string("code")
        // The console asks for its session in an HttpOnly cookie instead of a bearer token.
        let inCookie = fields.parsed("session") { ["cookie", "bearer"].contains($0) ? $0 : nil } == "cookie"
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
                username: String(username.prefix(100)), password: String(password.prefix(1_000)), code: code, device: device)
            guard inCookie else {
                return EditedResponse(status: .created, response: await response(session.identity, login: session, language: language))
            }
            var headers = HTTPFields()
            headers[.setCookie] = services.cookieSession.cookie(session.token).description
            return EditedResponse(
                status: .created, headers: headers,
                response: await response(session.identity, login: session, cookieToken: session.token, language: language))
        } catch StaffError.invalidCredentials {
            // A wrong guess slows the client down; the answer is the same for every failure.
            await limit.recordFailure()
            throw StaffError.invalidCredentials
        }
    }

    func current(request: Request, context: StaffRequestContext) async throws -> SessionResponse {
        let identity = try context.requireIdentity()
        return await response(identity, cookieToken: context.cookieSessionToken, language: request.preferredLanguage)
    }

    /// `POST session/second-factor`: a new secret for the caller's authenticator app, as text,
    /// as an `otpauth://` address and as a QR code. Only for an account without one.
    func beginSecondFactor(request: Request, context: StaffRequestContext) async throws -> SecondFactorSetupResponse {
        let setup = try await services.directory.beginSecondFactorSetup(try context.requireIdentity())
        let label = services.texts.text("staff.secondFactorQRLabel", request.preferredLanguage)
        return SecondFactorSetupResponse(
            secret: setup.typedSecret, otpauthURL: setup.authenticatorURL, qrSVG: QRCodeSVG.svg(setup.authenticatorURL, label: label))
    }

    /// `POST session/second-factor/confirm {"code"}`: confirms the app with its current code and
    /// answers the ten recovery codes, shown this once. A wrong code is a guess, limited and
    /// counted like a password.
    func confirmSecondFactor(request: Request, context: StaffRequestContext) async throws -> RecoveryCodesResponse {
        var request = request
        let identity = try context.requireIdentity()
        let language = request.preferredLanguage
        let limit = try context.requireLimit()
        let body = try await request.jsonObject(context: context, texts: services.texts, language: language)
        guard case .string(let code) = body["code"] else {
            var error = services.texts.apiError(.unprocessableContent, "invalidRequest", language)
            error.items = [.init(item: "code", message: services.texts.message(for: .required, language))]
            throw error
        }
        try await limit.take(texts: services.texts, language: language)
        do {
            let codes = try await services.directory.confirmSecondFactor(identity, code: code)
            return RecoveryCodesResponse(recoveryCodes: codes, message: services.texts.text("staff.secondFactorEnabled", language))
        } catch StaffError.wrongSecondFactorCode {
            await limit.recordFailure()
            throw StaffError.wrongSecondFactorCode
        }
    }

    /// `DELETE session`: ends this session (and removes the console's cookie).
    func logOut(request: Request, context: StaffRequestContext) async throws -> Response {
        try await services.directory.logOut(try context.requireIdentity())
        var response = Response(status: .noContent)
        response.setCookie(services.cookieSession.removal)
        return response
    }

    /// `DELETE sessions`: ends every session of the caller's account, on every device.
    func logOutEverywhere(request: Request, context: StaffRequestContext) async throws -> Response {
        try await services.directory.logOutEverywhere(try context.requireIdentity())
        var response = Response(status: .noContent)
        response.setCookie(services.cookieSession.removal)
        return response
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
