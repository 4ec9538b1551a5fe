import Hummingbird
import HummingbirdAuth
import Intake

/// Reads `Authorization: Bearer <token>` (API clients), or else the console's session cookie,
/// and attaches the staff member whose session it opens.
struct StaffAuthenticator: RouterMiddleware {
    typealias Context = StaffRequestContext

    let directory: StaffDirectory
    let cookies: StaffCookieSession

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let bearer = request.headers.bearer {
            context.identity = try await directory.authenticate(token: bearer.token)
        } else if let token = cookies.token(in: request), let identity = try await directory.authenticate(token: token) {
            context.identity = identity
            context.cookieSessionToken = token
        }
        return try await next(request, context)
    }
}

/// Lets only logged-in staff through: `401` without a valid session, `403` for an account that
/// still has its one-time password or has not set up its second factor (except where
/// `allowsPasswordPending`: changing the password, setting up the second factor, logging out).
struct RequireStaffMiddleware: RouterMiddleware {
    typealias Context = StaffRequestContext

    let texts: TextCatalog
    var allowsPasswordPending = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let language = request.preferredLanguage
        guard let identity = context.identity else {
            var error = texts.apiError(.unauthorized, "staffUnauthorized", language)
            error.headers = [.wwwAuthenticate: "Bearer"]
            throw error
        }
        if identity.mustChangePassword, !allowsPasswordPending {
            throw texts.apiError(.forbidden, "staffMustChangePassword", language)
        }
        if identity.mustSetUpSecondFactor, !allowsPasswordPending {
            throw texts.apiError(.forbidden, "staffMustSetUpSecondFactor", language)
        }
        return try await next(request, context)
    }
}

/// Lets only administrators through (`403` for counsellors). Goes after `RequireStaffMiddleware`.
struct RequireAdministratorMiddleware: RouterMiddleware {
    typealias Context = StaffRequestContext

    let texts: TextCatalog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.identity?.isAdmin == true else { throw texts.apiError(.forbidden, "staffAdminOnly", request.preferredLanguage) }
        return try await next(request, context)
    }
}
