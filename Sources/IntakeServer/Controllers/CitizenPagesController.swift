import Hummingbird
import Intake

/// The pages around the questionnaire: the start page, help right now, and the way back with a
/// token (a form post: the token never appears in a URL).
struct CitizenPagesController {
    let intake: IntakeService
    let pages: PageRenderer
    let pageGuard: PageGuard
    let throttle: FailureThrottle
    let trustForwardedFor: Bool

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: start)
        router.get("/help", use: help)
        router.get("/token", use: tokenForm)
        router.post("/token", use: openCase)
    }

    /// What this is, what anonymity means here, and one obvious Start button.
    func start(request: Request, context: AppRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        return try pages.render("start", title: pages.text("page.start.title", page.language), page: page, switchLink: "/?lang={lang}")
    }

    /// Emergency contacts, reachable from every page.
    func help(request: Request, context: AppRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        let values: [String: Any] = [
            "contacts": pages.contactsView(page.language), "contactHeading": 2,
            "reviewedNote": pages.text("page.help.reviewed", page.language, ["day": pages.contacts.reviewed.iso]),
        ]
        return try pages.render(
            "help", title: pages.text("page.help.title", page.language), page: page, values: values, switchLink: "/help?lang={lang}"
        )
    }

    /// The form to enter a token.
    func tokenForm(request: Request, context: AppRequestContext) async throws -> Response {
        try renderTokenForm(page: pageGuard.page(for: request))
    }

    /// The case a token opens; "check the characters" for a mistyped token, a generic message for
    /// an unknown one, and a wait after too many unknown ones.
    func openCase(request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.formBody(context: context)
        let page = pageGuard.page(for: request, form: form)
        guard pageGuard.isSameOrigin(request, form: form) else { return try pages.forbidden(page) }
        let typed = String((form["token"] ?? "").prefix(64))
        guard !typed.trimmingCharacters(in: .whitespaces).isEmpty else {
            return try renderTokenForm(page: page, error: "page.token.missing", typed: typed, status: .unprocessableContent)
        }
        let address = request.clientAddress(context: context, trustForwardedFor: trustForwardedFor)
        if let wait = await throttle.requiredWait(address: address) {
            let seconds = ["seconds": "\(max(1, Int(wait.components.seconds) + 1))"]
            return try renderTokenForm(page: page, error: "page.token.tooMany", values: seconds, typed: typed, status: .tooManyRequests)
        }
        do {
            let found = try await intake.findCase(token: typed)
            var values = SuggestionView.values(track: found.track, flags: found.flags, language: page.language, pages: pages)
            values["stateText"] = pages.text("state.\(found.state.rawValue)", page.language)
            values["createdOn"] = found.createdOn.iso
            // The language button on the case page posts the token again.
            values["typed"] = typed
            return try pages.render("case", title: pages.text("page.case.title", page.language), page: page, values: values)
        } catch TokenLookupError.malformed {
            return try renderTokenForm(page: page, error: "page.token.malformed", typed: typed, status: .unprocessableContent)
        } catch TokenLookupError.unknown {
            await throttle.recordFailure(address: address)
            return try renderTokenForm(page: page, error: "page.token.unknown", typed: typed, status: .notFound)
        }
    }

    private func renderTokenForm(
        page: PageRequest, error: String? = nil, values: [String: String] = [:], typed: String = "", status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var context: [String: Any] = ["typed": typed, "hasErrors": error != nil]
        if let error { context["error"] = pages.text(error, page.language, values) }
        return try pages.render(
            "token", title: pages.text("page.token.title", page.language), page: page, values: context,
            switchLink: "/token?lang={lang}", status: status
        )
    }
}

extension PageRenderer {
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
