import Foundation
import HTTPTypes
import Hummingbird
import Intake
import Mustache

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

    /// Renders `template` as an HTML answer that no one caches.
    ///
    /// - Parameter switchLink: where the header's language link goes; `nil` on pages whose
    ///   language is switched with a button inside their form (the answers travel with it).
    func render(
        _ template: String, title: String, page: PageRequest, values: [String: Any] = [:],
        switchLink: String? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
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
        var response = Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .contentSecurityPolicy: Self.contentSecurityPolicy,
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
        for cookie in page.cookies { response.setCookie(cookie) }
        if let csrf = page.csrfCookie, html.contains(page.csrfToken) { response.setCookie(csrf) }
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
