import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Intake

/// What every page needs to know about its request: the language, and the value that proves a
/// form was sent from our own pages. Also the cookies to set with the answer.
struct PageRequest: Sendable {
    /// The page's language.
    let language: Language
    /// The anti-forgery value to put in every form on the page.
    let csrfToken: String
    /// Cookies to set with the answer: the language the person chose, a new anti-forgery value.
    let cookies: [Cookie]
}

/// Reads the language and the anti-forgery cookie of page requests, and checks that a form post
/// comes from our own pages.
///
/// A post is accepted when the browser says it is same-origin (`Sec-Fetch-Site`), or, for
/// browsers that send no Fetch Metadata, when the form's `csrf` field equals the `csrf` cookie.
/// The `Origin` header is not used: with `Referrer-Policy: no-referrer` Chromium sends
/// `Origin: null` for same-origin form posts.
struct PageGuard: Sendable {
    /// Whether the service is reached over HTTPS (cookies get `Secure` and the `__Host-` prefix).
    let isSecure: Bool

    var csrfCookieName: String { isSecure ? "__Host-indgang_csrf" : "indgang_csrf" }
    /// The case page session's id (`CaseSessions`): a session cookie, gone when the browser closes.
    var caseCookieName: String { isSecure ? "__Host-indgang_case" : "indgang_case" }
    var languageCookieName: String { isSecure ? "__Host-indgang_lang" : "indgang_lang" }
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!

    /// The page context of a request, and, for a form post, its form.
    func page(for request: Request, form: FormBody? = nil) -> PageRequest {
        var cookies: [Cookie] = []
        let chosen =
            form?["switch_lang"].flatMap(Language.init(rawValue:))
            ?? request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:))
        let language: Language
        if let chosen {
            language = chosen
            cookies.append(makeCookie(languageCookieName, chosen.rawValue, maxAge: 365 * 86_400))
        } else if let posted = form?["lang"].flatMap(Language.init(rawValue:)) {
            // The language of the page the form was on; remembered, so the page after the
            // redirect speaks it too.
            language = posted
            if request.cookies[languageCookieName]?.value != posted.rawValue {
                cookies.append(makeCookie(languageCookieName, posted.rawValue, maxAge: 365 * 86_400))
            }
        } else if let remembered = request.cookies[languageCookieName].flatMap({ Language(rawValue: $0.value) }) {
            language = remembered
        } else {
            language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
        }
        let csrf: String
        if let existing = request.cookies[csrfCookieName]?.value, Self.isWellFormedToken(existing) {
            csrf = existing
        } else {
            csrf = Self.makeToken()
            cookies.append(makeCookie(csrfCookieName, csrf, maxAge: nil))
        }
        return PageRequest(language: language, csrfToken: csrf, cookies: cookies)
    }

    /// Whether a form post may be acted on.
    func isSameOrigin(_ request: Request, form: FormBody) -> Bool {
        if let site = request.headers[Self.secFetchSite] {
            return site == "same-origin" || site == "none"
        }
        guard let cookie = request.cookies[csrfCookieName]?.value, let field = form["csrf"], Self.isWellFormedToken(cookie) else {
            return false
        }
        return constantTimeEquals(Data(cookie.utf8), Data(field.utf8))
    }

    /// The cookie of a case page session, or the one that ends it (`id` nil).
    func caseCookie(_ id: String?) -> Cookie {
        makeCookie(caseCookieName, id ?? "", maxAge: id == nil ? 0 : nil)
    }

    private func makeCookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: isSecure, httpOnly: true, sameSite: .strict)
    }

    static func makeToken() -> String {
        SymmetricKey(size: .bits128).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }

    static func isWellFormedToken(_ value: String) -> Bool {
        value.utf8.count == 32 && value.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
