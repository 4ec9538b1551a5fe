import Hummingbird
import Intake

/// The street team's shared device: an assisted session in which a person answers the same
/// questionnaire on a tablet or phone that is not their own, and the device keeps nothing of it.
///
/// The session is marked by a session cookie that holds only the page language
/// (`PageGuard.assistedCookie`), so no language cookie is set. Within it every sealed cookie
/// (the answers, the note, the receipt, a typed code) is a session cookie too, every form has
/// `autocomplete="off"`, the receipt offers no file to save or page to print and shows the code
/// until "Done", and "Hand the device back" (on every page) forgets everything and shows a
/// neutral page. The case is stored with the channel `street`, and with the partner of the link
/// the team uses (`/assisted?partner=<slug>`); nothing identifies the device.
struct AssistedPagesController {
    let intake: IntakeService
    let pages: PageRenderer
    let pageGuard: PageGuard
    let passes: FormPasses
    let cookies: SealedCookies
    let sessions: CaseSessions
    let steps: PageSteps

    /// `GET /assisted`: what the session does, for the worker and the person, and the button
    /// that starts it.
    func start(request: Request, context: CitizenRequestContext) async throws -> Response {
        // The language of the link, not remembered: the device is about to be handed over.
        var page = pageGuard.page(for: request)
        page.cookies.removeAll { $0.name == pageGuard.languageCookieName }
        let partner = try await intake.database.activePartner(request.uri.queryParameters.get("partner"))?.slug
        var values: [String: Any] = ["howLong": pages.howLong(steps, page.language)]
        if let partner { values["partner"] = partner }
        return try pages.render(
            "assisted", title: pages.text("page.assisted.title", page.language), page: page, values: values,
            switchLink: "/assisted?lang={lang}" + (partner.map { "&partner=\($0)" } ?? ""))
    }

    /// `POST /assisted/start`: forgets whatever an earlier visitor left in this browser, marks
    /// the session as assisted, and opens the questionnaire with a new draft.
    func begin(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await pages.formPost(request, context: context, using: pageGuard) { request, form, page in
            await sessions.close(request.cookie(pageGuard.caseCookieName))
            let assisted = PageRequest(language: page.language, csrfToken: page.csrfToken, cookies: [], isAssisted: true)
            let partner = try await intake.database.activePartner(form["partner"])?.slug
            var draft = QuestionnaireDraft(steps: steps, key: passes.issue(), partner: partner)
            draft.channel = .street
            // Not the page's own cookies: the language goes into the session's mark, not a cookie
            // that lasts a year.
            let setting =
                [cookies.removal(.note), cookies.removal(.receipt), cookies.removal(.tokenForm), pageGuard.caseCookie(nil)]
                + [pageGuard.languageRemoval, pageGuard.assistedCookie(page.language)]
                + cookies.cookies(draft, .draft, maxAge: QuestionnaireDraft.lifetime, for: assisted)
            return pages.redirect(to: "/questionnaire/1", page: assisted, setting: setting)
        }
    }

    /// `POST /assisted/end`, "Done" on the receipt and "Hand the device back" on every page: the
    /// browser forgets the session, its answers, the receipt and the case session, and shows a
    /// page that says nothing about the person. No anti-forgery check: ending a session harms no
    /// one, and it must work even when the anti-forgery cookie is gone.
    func end(request: Request, context: CitizenRequestContext) async throws -> Response {
        await forgetEverything(request, sessions: sessions, cookies: cookies, pageGuard: pageGuard, goingTo: "/assisted/ended")
    }

    /// `GET /assisted/ended`: the device can be handed back. The page sets no cookie at all, in
    /// the device's own language.
    func ended(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = PageRequest(language: Language.preferred(acceptLanguage: request.headers[.acceptLanguage]), csrfToken: "", cookies: [])
        return try pages.render("assisted-ended", title: pages.text("page.assistedEnded.title", page.language), page: page)
    }
}
