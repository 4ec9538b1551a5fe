import Foundation
import HTTPTypes
import Hummingbird
import Intake
import Mustache
import Synchronization

/// Renders the citizen pages from the Mustache templates in `Templates/`, with every text from
/// the catalogs (`strings.json` of the domain, `Content/pages.json` of the pages).
struct PageRenderer: Sendable {
    /// The texts of every language, nested for templates; immutable once built.
    private final class NestedTexts: @unchecked Sendable {
        let byLanguage: [Language: [String: Any]]

        init(_ texts: TextCatalog) {
            byLanguage = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, texts.nested($0)) })
        }
    }

    let library: MustacheLibrary
    let texts: TextCatalog
    let contacts: EmergencyContacts
    /// How long cases are kept, to tell the person.
    let retention: RetentionPolicy
    /// The first reply promised to the person.
    let promise: ResponsePromise
    private let nestedTexts: NestedTexts
    /// Pages that are the same for everyone who asks in a language (`renderOnce`), as rendered.
    private let rendered = RenderedPages()

    private final class RenderedPages: Sendable {
        let pages = Mutex<[String: ByteBuffer]>([:])
    }

    /// The policy of every page: our own files only, no script at all, no framing.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'none'; object-src 'none'; style-src 'self'; img-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// Loads the templates and the page texts from the bundle.
    init(domainTexts: TextCatalog, contacts: EmergencyContacts, retention: RetentionPolicy, promise: ResponsePromise) throws {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil),
            let pages = Bundle.module.url(forResource: "pages", withExtension: "json")
        else { throw QuestionnaireError.missingResource("Templates or pages.json") }
        var templates: [String: MustacheTemplate] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            templates[String(file.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
        }
        library = MustacheLibrary(templates: templates)
        texts = domainTexts.merging(try TextCatalog.load(contentsOf: pages))
        self.contacts = contacts
        self.retention = retention
        self.promise = promise
        nestedTexts = NestedTexts(texts)
    }

    /// A text of the catalogs.
    func text(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        texts.text(key, language, values)
    }

    /// Whether the catalogs have `key`.
    func has(_ key: String) -> Bool { texts.has(key) }

    /// How long the person's case is kept, in words.
    func retentionText(_ language: Language) -> String {
        text("page.retention", language, ["closedDays": "\(retention.closedCaseDays)", "untouchedDays": "\(retention.untouchedCaseDays)"])
    }

    /// The emergency contacts as template values.
    func contactsView(_ language: Language, at moment: Moment, municipality: String? = nil) -> [[String: Any]] {
        contacts.view(language, texts: texts, at: moment, municipality: municipality)
    }

    /// `template` as `render` makes it, but rendered only the first time for a language (and
    /// whether the session is assisted): for a page that holds nothing of the request, such as
    /// the start page. The page's cookies are still set per request; a page with a form is
    /// rendered every time, as its anti-forgery value is the request's.
    func renderOnce(
        _ template: String, title: String, page: PageRequest, values: @autoclosure () -> [String: Any] = [:], switchLink: String? = nil
    ) throws -> Response {
        let key = "\(template) \(page.language.rawValue) \(page.isAssisted)"
        let body: ByteBuffer
        if let known = rendered.pages.withLock({ $0[key] }) {
            body = known
        } else {
            let html = try html(template, title: title, page: page, values: values(), switchLink: switchLink)
            // A page with a form carries the request's anti-forgery value: never kept.
            if html.contains(page.csrfToken) { return response(ByteBuffer(string: html), page: page, html: html, status: .ok) }
            body = ByteBuffer(string: html)
            rendered.pages.withLock { $0[key] = body }
        }
        return response(body, page: page, html: nil, status: .ok)
    }

    /// Renders `template` as an HTML answer that no one caches.
    ///
    /// - Parameter switchLink: where the header's language link goes; `nil` on pages whose
    ///   language is switched with a button inside their form (the answers travel with it).
    func render(
        _ template: String, title: String, page: PageRequest, values: [String: Any] = [:],
        switchLink: String? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        response(try html(template, title: title, page: page, values: values, switchLink: switchLink), page: page, status: status)
    }

    /// The page `template` makes with `values`, in the page's language.
    func html(_ template: String, title: String, page: PageRequest, values: [String: Any], switchLink: String?) throws -> String {
        let language = page.language
        let other: Language = language == .da ? .en : .da
        var context: [String: Any] = [
            "t": nestedTexts.byLanguage[language] ?? [:], "lang": language.rawValue, "otherLang": other.rawValue,
            "title": title, "csrf": page.csrfToken, "assisted": page.isAssisted,
        ]
        if let switchLink { context["switchLink"] = switchLink.replacingOccurrences(of: "{lang}", with: other.rawValue) }
        context.merge(values) { _, new in new }
        guard let html = library.render(context, withTemplate: template) else {
            throw HTTPError(.internalServerError, message: "missing template \(template)")
        }
        return html
    }

    /// `html` as the answer, with the page's cookies and the anti-forgery cookie when it has a
    /// form that needs it.
    func response(_ html: String, page: PageRequest, status: HTTPResponse.Status = .ok) -> Response {
        response(ByteBuffer(string: html), page: page, html: html, status: status)
    }

    /// `body` as the answer, with the page's cookies, and the anti-forgery cookie when `hasForm`.
    func response(_ body: ByteBuffer, page: PageRequest, hasForm: Bool) -> Response {
        var response = response(body, page: page, html: nil, status: .ok)
        if hasForm, let csrf = page.csrfCookie { response.setCookie(csrf) }
        return response
    }

    /// The answer with `body`, the page's cookies, and the anti-forgery cookie when `html` has a
    /// form that needs it.
    private func response(_ body: ByteBuffer, page: PageRequest, html: String?, status: HTTPResponse.Status) -> Response {
        var response = Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .contentSecurityPolicy: Self.contentSecurityPolicy,
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: body)
        )
        for cookie in page.cookies { response.setCookie(cookie) }
        if let csrf = page.csrfCookie, let html, html.contains(page.csrfToken) { response.setCookie(csrf) }
        return response
    }
}

extension PageRenderer {
    /// `303 See Other` to `location` (post, redirect, get: Back and Reload show a page, never
    /// "confirm form resubmission"), setting the page's cookies and `cookies`.
    func redirect(to location: String, page: PageRequest, setting cookies: [Cookie] = []) -> Response {
        var response = Response.redirect(to: location, type: .normal)
        response.headers[.cacheControl] = "no-store"
        for cookie in page.cookies + cookies { response.setCookie(cookie) }
        return response
    }
}

extension PageRenderer {
    /// The kinds of identifiers found in a text, in words: "a phone number and an e-mail address".
    func identifierKinds(_ identifiers: [Identifier], _ language: Language) -> String {
        identifiers.map { text("page.identifier.\($0.rawValue)", language) }.joined(separator: text("page.identifier.and", language))
    }
}

extension PageRenderer {
    /// What the start page says about how long the questionnaire takes: measured, not guessed.
    func howLong(_ steps: PageSteps, _ language: Language) -> String {
        let estimate = steps.estimate(language)
        return text(
            "page.start.howLong", language,
            ["minutes": "\(estimate.minutes)", "steps": "\(steps.steps.count)", "questions": "\(estimate.questions)"])
    }
}
