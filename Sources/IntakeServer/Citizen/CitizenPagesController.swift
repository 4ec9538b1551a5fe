import Hummingbird
import Intake

/// The pages around the questionnaire: the start page, help right now, and the quick exit.
struct CitizenPagesController {
    let intake: IntakeService
    let pages: PageRenderer
    let pageGuard: PageGuard
    let cookies: SealedCookies
    let sessions: CaseSessions
    let exitURL: String
    let steps: PageSteps
    let clock: ServiceClock

    /// What this is, what anonymity means here, and one obvious Start button.
    func start(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        // The same for everyone in a language: rendered once.
        return try pages.renderOnce(
            "start", title: pages.text("page.start.title", page.language), page: page,
            values: ["howLong": pages.howLong(steps, page.language)], switchLink: "/?lang={lang}")
    }

    /// Emergency contacts, reachable from every page.
    func help(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        let values: [String: Any] = [
            "contacts": pages.contactsView(page.language, at: clock.now()), "contactHeading": 2,
            "reviewedNote": pages.text("page.help.reviewed", page.language, ["day": pages.contacts.reviewed.iso]),
        ]
        return try pages.render(
            "help", title: pages.text("page.help.title", page.language), page: page, values: values, switchLink: "/help?lang={lang}"
        )
    }

    /// `GET /exit`, "exit this page" on every page: the browser forgets the answers in
    /// progress, the receipt, the case session, the language and an assisted session's mark, and
    /// goes to a neutral site. A plain link, so it
    /// works without JavaScript; no referrer goes with it.
    func exit(request: Request, context: CitizenRequestContext) async throws -> Response {
        await forgetEverything(request, sessions: sessions, cookies: cookies, pageGuard: pageGuard, goingTo: exitURL)
    }
}

/// `303` to `location`, and the browser forgets everything of the service: the answers in
/// progress, the note, the receipt, a typed code, the case session (closed on the server too),
/// the language, an assisted session's mark and the anti-forgery value. "Exit this page" and
/// "Hand the device back" both end this way.
func forgetEverything(
    _ request: Request, sessions: CaseSessions, cookies: SealedCookies, pageGuard: PageGuard, goingTo location: String
) async -> Response {
    await sessions.close(request.cookie(pageGuard.caseCookieName))
    var response = Response.redirect(to: location, type: .normal)
    response.headers[.cacheControl] = "no-store"
    for cookie in cookies.removals + pageGuard.assistedRemovals + [pageGuard.caseCookie(nil), pageGuard.csrfRemoval] {
        response.setCookie(cookie)
    }
    return response
}

extension PageRenderer {
    /// A form post from our own pages: `handle` gets the request, its form and its page; a post
    /// from anywhere else (Fetch Metadata saying so, or no anti-forgery value matching the
    /// cookie) gets the 403 page and is not acted on.
    func formPost(
        _ request: Request, context: CitizenRequestContext, using pageGuard: PageGuard,
        _ handle: (Request, FormBody, PageRequest) async throws -> Response
    ) async throws -> Response {
        var request = request
        let form = try await request.formBody(context: context)
        let page = pageGuard.page(for: request, form: form)
        guard pageGuard.isSameOrigin(request, form: form) else { return try forbidden(page) }
        return try await handle(request, form, page)
    }

    /// The answer to a form post that did not come from our own pages.
    func forbidden(_ page: PageRequest) throws -> Response {
        try errorPage(page, title: "page.error.forbiddenTitle", message: "page.error.forbidden", status: .forbidden)
    }

    /// An error page with a way back to the start.
    func errorPage(_ page: PageRequest, title: String, message: String, status: HTTPResponse.Status) throws -> Response {
        try render(
            "error", title: text(title, page.language), page: page,
            values: ["errorTitle": text(title, page.language), "errorMessage": text(message, page.language)],
            switchLink: "/?lang={lang}", status: status
        )
    }
}
