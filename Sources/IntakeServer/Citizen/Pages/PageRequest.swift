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
    var csrfToken: String
    /// Cookies to set with the answer: the language the person chose.
    var cookies: [Cookie]
    /// A new anti-forgery cookie, when the request had none: set only with a page that has a
    /// form, so a page without one (the start page, help, "the code is no longer shown") leaves no
    /// cookie in the browser.
    var csrfCookie: Cookie? = nil
    /// Whether this is an assisted session on a device that is not the person's (the street
    /// team's tablet): nothing is remembered beyond the session.
    var isAssisted = false
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
    /// The mark of an assisted session (`AssistedPagesController`): a session cookie that holds
    /// only the page language, in place of the language cookie that would outlive the session.
    var assistedCookieName: String { isSecure ? "__Host-indgang_assisted" : "indgang_assisted" }
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!

    /// The page context of a request, and, for a form post, its form.
    ///
    /// In an assisted session the language is kept in the session's own cookie, never in the
    /// language cookie that lasts a year: the next person on the device finds nothing of it.
    func page(for request: Request, form: FormBody? = nil) -> PageRequest {
        var cookies: [Cookie] = []
        let assisted = request.cookie(assistedCookieName).flatMap(Language.init(rawValue:))
        func remember(_ language: Language) {
            cookies.append(
                assisted == nil ? makeCookie(languageCookieName, language.rawValue, maxAge: 365 * 86_400) : assistedCookie(language))
        }
        let chosen =
            form?["switch_lang"].flatMap(Language.init(rawValue:))
            ?? request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:))
        let remembered = assisted ?? request.cookie(languageCookieName).flatMap(Language.init(rawValue:))
        let language: Language
        if let chosen {
            language = chosen
            if chosen != remembered || assisted == nil { remember(chosen) }
        } else if let posted = form?["lang"].flatMap(Language.init(rawValue:)) {
            // The language of the page the form was on; remembered, so the page after the
            // redirect speaks it too.
            language = posted
            if remembered != posted { remember(posted) }
        } else if let remembered {
            language = remembered
        } else {
            language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
        }
        var page = PageRequest(language: language, csrfToken: "", cookies: cookies, isAssisted: assisted != nil)
        if let existing = request.cookie(csrfCookieName), Self.isWellFormedToken(existing) {
            page.csrfToken = existing
        } else {
            page.csrfToken = Self.makeToken()
            page.csrfCookie = makeCookie(csrfCookieName, page.csrfToken, maxAge: nil)
        }
        return page
    }

    /// Whether a form post may be acted on.
    func isSameOrigin(_ request: Request, form: FormBody) -> Bool {
        if let site = request.headers[Self.secFetchSite] {
            return site == "same-origin" || site == "none"
        }
        guard let cookie = request.cookie(csrfCookieName), let field = form["csrf"], Self.isWellFormedToken(cookie) else {
            return false
        }
        return constantTimeEquals(Data(cookie.utf8), Data(field.utf8))
    }

    /// The cookie of a case page session, or the one that ends it (`id` nil).
    func caseCookie(_ id: String?) -> Cookie {
        makeCookie(caseCookieName, id ?? "", maxAge: id == nil ? 0 : nil)
    }

    /// The cookie that marks an assisted session and keeps its language: a session cookie, gone
    /// when the browser closes or the device is handed back.
    func assistedCookie(_ language: Language) -> Cookie {
        makeCookie(assistedCookieName, language.rawValue, maxAge: nil)
    }

    /// The cookie that makes the browser forget the anti-forgery value.
    var csrfRemoval: Cookie { makeCookie(csrfCookieName, "", maxAge: 0) }

    /// The cookies that make the browser forget an assisted session's mark and the language.
    var assistedRemovals: [Cookie] { [makeCookie(assistedCookieName, "", maxAge: 0), languageRemoval] }

    /// The cookie that makes the browser forget the language.
    var languageRemoval: Cookie { makeCookie(languageCookieName, "", maxAge: 0) }

    private func makeCookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: isSecure, httpOnly: true, sameSite: .strict)
    }

    /// A new anti-forgery value: 128 random bits in lowercase hex.
    static func makeToken() -> String {
        let digits = Array("0123456789abcdef".utf8)
        return SymmetricKey(size: .bits128).withUnsafeBytes { bytes in
            String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
        }
    }

    static func isWellFormedToken(_ value: String) -> Bool {
        value.utf8.count == 32 && value.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
