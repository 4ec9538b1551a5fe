import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Intake

/// The console's session: the same random session token as a bearer token, but in an HttpOnly,
/// SameSite=Strict cookie (`Secure` and `__Host-` behind HTTPS), so no script on the page can
/// read it. Every state-changing request made with the cookie must also carry the session's
/// anti-forgery token in `X-CSRF-Token` (derived from the session token, so nothing more is
/// stored), and a browser's `Sec-Fetch-Site` must say the request came from this origin. Bearer
/// tokens stay for API clients and need neither.
struct StaffCookieSession: Sendable {
    let isSecure: Bool

    /// The header the console sends the anti-forgery token in.
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    var cookieName: String { isSecure ? "__Host-indgang_staff" : "indgang_staff" }

    /// The cookie that holds `token` for the console.
    func cookie(_ token: String) -> Cookie {
        Cookie(name: cookieName, value: token, path: "/", secure: isSecure, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that removes the session from the browser.
    var removal: Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: isSecure, httpOnly: true, sameSite: .strict)
    }

    /// The session token the request's cookie holds, if any.
    func token(in request: Request) -> String? {
        guard let value = request.cookie(cookieName), !value.isEmpty, value.utf8.count <= 128 else { return nil }
        return value
    }

    /// The anti-forgery token of the session with `token`: a keyed digest of it, so it proves
    /// the page that sends it was given it by a login or `GET session`, and says nothing of the
    /// session token itself.
    static func csrfToken(for token: String) -> String {
        let digest = HMAC<SHA256>.authenticationCode(for: Data("indgang staff csrf".utf8), using: SymmetricKey(data: Data(token.utf8)))
        return Base64URL.encode(Data(digest))
    }

    /// Whether `sent` is the anti-forgery token of the session with `token`, compared in constant time.
    static func isCSRFToken(_ sent: String?, for token: String) -> Bool {
        guard let sent else { return false }
        let expected = Array(csrfToken(for: token).utf8)
        let given = Array(sent.utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Refuses what a forged cross-site request could do: any state-changing request a browser says
/// comes from another site (`Sec-Fetch-Site: cross-site` or `same-site`), and, for a request
/// authenticated by the console's cookie, one without the session's anti-forgery token. `403`
/// with a message that says what to do.
struct StaffForgeryMiddleware: RouterMiddleware {
    typealias Context = StaffRequestContext

    let texts: TextCatalog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        let language = request.preferredLanguage
        if let site = request.headers[.init("Sec-Fetch-Site")!], !["same-origin", "none"].contains(site) {
            throw texts.apiError(.forbidden, "staffCrossSite", language)
        }
        if let token = context.cookieSessionToken,
            !StaffCookieSession.isCSRFToken(request.headers[StaffCookieSession.csrfHeader], for: token)
        {
            throw texts.apiError(.forbidden, "staffCSRF", language)
        }
        return try await next(request, context)
    }
}
