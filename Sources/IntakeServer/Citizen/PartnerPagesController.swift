import Hummingbird
import Intake

/// What partner sites use: a link that opens the start page in their context, a tiny start card
/// they may frame (and only they), and a guide with copy-paste HTML.
struct PartnerPagesController {
    let database: AppDatabase
    let pages: PageRenderer
    let pageGuard: PageGuard
    let publicURL: String
    let steps: PageSteps

    /// The start page in a partner's context: the slug goes with the Start link into the form.
    /// An unknown or disabled slug gives the plain start page, without an error.
    func start(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        let partner = try await database.activePartner(context.parameters.get("slug"))
        var values: [String: Any] = ["howLong": pages.howLong(steps, page.language)]
        if let partner {
            values["partner"] = partner.slug
            if partner.showsName { values["cameFrom"] = pages.text("page.start.cameFrom", page.language, ["name": partner.name]) }
        }
        return try pages.render(
            "start", title: pages.text("page.start.title", page.language), page: page, values: values,
            switchLink: partner.map { "/p/\($0.slug)?lang={lang}" } ?? "/?lang={lang}"
        )
    }

    /// The start card: a sentence and a button that opens the form in a new top-level tab. Only
    /// the partner's registered origin may frame it; no cookie is set and nothing runs.
    func card(request: Request, context: CitizenRequestContext) async throws -> Response {
        let slug = context.parameters.get("slug")
        let partner = try await database.activePartner(slug)
        let language =
            Language.negotiate(explicit: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage])
            ?? .default
        let page = PageRequest(language: language, csrfToken: "", cookies: [])
        var response = try pages.render(
            "embed", title: pages.text("page.embed.title", language), page: page,
            values: ["startLink": "\(publicURL)/\(partner.map { "p/\($0.slug)" } ?? "")?lang=\(language.rawValue)"]
        )
        let ancestors = partner?.origin ?? "'none'"
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors \(ancestors); base-uri 'none'; form-action 'none'"
        return response
    }

    /// The guide for partner sites: the HTML to copy, and the rules for the page it goes on.
    func guide(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        let values: [String: Any] = [
            "linkSnippet": "<a href=\"\(publicURL)/p/your-slug\" rel=\"noreferrer\">\(pages.text("page.embed.button", page.language))</a>",
            "cardSnippet":
                "<iframe src=\"\(publicURL)/embed/your-slug?lang=\(page.language.rawValue)\" title=\"\(pages.text("page.embed.title", page.language))\" "
                + "width=\"320\" height=\"200\" referrerpolicy=\"no-referrer\" loading=\"lazy\" "
                + "sandbox=\"allow-popups allow-popups-to-escape-sandbox\"></iframe>",
            "headerSnippet": "Referrer-Policy: no-referrer",
        ]
        return try pages.render(
            "partners", title: pages.text("page.partners.title", page.language), page: page, values: values,
            switchLink: "/partners?lang={lang}"
        )
    }
}
