import Foundation
import Hummingbird
import Intake

/// The person's case pages. The code is typed once (`POST /token`, never in a URL); it opens a
/// short session (`CaseSessions`: a random id in an HttpOnly, SameSite=Strict cookie, 15 minutes
/// idle at most) in which the person reads, replies, books and withdraws without typing it again.
/// Every form post is checked against forgery and answered with a redirect to `GET /case`
/// (post, redirect, get), which shows the outcome once; unknown codes from one client are slowed
/// down.
struct CasePagesController {
    let intake: IntakeService
    let pages: PageRenderer
    let pageGuard: PageGuard
    let sessions: CaseSessions
    let cookies: SealedCookies
    let clock: ServiceClock

    /// What the code form shows once, after a code did not open a case.
    struct TokenFormFlash: SealedValue {
        /// A page text key.
        let error: String
        var seconds: Int?
        let typed: String
    }

    /// `GET /token`: the form to type the code in, with the outcome of the last try.
    func tokenForm(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        var values: [String: String] = [:]
        let flash = cookies.value(TokenFormFlash.self, .tokenForm, in: request)
        if let seconds = flash?.seconds { values["seconds"] = "\(seconds)" }
        let ended = request.uri.queryParameters.get("ended").map { $0 == "left" ? "page.token.loggedOut" : "page.token.sessionEnded" }
        var response = try TokenForm.render(
            pages, page: page, error: flash?.error, values: values, typed: flash?.typed ?? "", notice: ended)
        if flash != nil { response.setCookie(cookies.removal(.tokenForm)) }
        return response
    }

    /// `POST /token`: the case a typed code opens; "check the characters" for a mistyped code, a
    /// generic message for an unknown one, and a wait after too many unknown ones.
    func open(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await pages.formPost(request, context: context, using: pageGuard) { request, form, page in
            let typed = String((form["token"] ?? "").prefix(64))
            func refused(_ error: String, seconds: Int? = nil) -> Response {
                let flash = TokenFormFlash(error: error, seconds: seconds, typed: typed)
                return pages.redirect(to: "/token", page: page, setting: cookies.cookies(flash, .tokenForm, maxAge: 60, for: page))
            }
            let found: IntakeCase
            do {
                found = try await CaseAccess(intake: intake).open(
                    token: typed.trimmed.isEmpty ? nil : typed, limit: try context.requireLimit())
            } catch CaseAccess.Refusal.missingToken {
                return refused("page.token.missing")
            } catch CaseAccess.Refusal.mustWait(let seconds) {
                return refused("page.token.tooMany", seconds: seconds)
            } catch CaseAccess.Refusal.malformed {
                return refused("page.token.malformed")
            } catch CaseAccess.Refusal.unknown {
                return refused("page.token.unknown")
            }
            await sessions.close(request.cookie(pageGuard.caseCookieName))
            let id = await sessions.open(caseID: found.id)
            // A code a counsellor handed out is replaced by the person's own at this first use:
            // from now on whoever read it out cannot open the case as the person.
            if let own = try await intake.replaceStaffCode(found) { await sessions.setNewCode(own.formatted, for: id) }
            return pages.redirect(to: "/case", page: page, setting: [pageGuard.caseCookie(id)])
        }
    }

    /// `GET /case`: the case of the session, with the outcome of the last change.
    func show(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        guard let (id, found) = try await sessionCase(request) else { return noSession(request, page: page) }
        return try await renderCase(found, page: page, flash: await sessions.takeFlash(for: id), newCode: await sessions.newCode(for: id))
    }

    /// `POST /case/code-kept`: the person has written down their new code; it is no longer shown.
    func keptCode(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await pages.formPost(request, context: context, using: pageGuard) { request, _, page in
            guard let (id, _) = try await sessionCase(request) else { return noSession(request, page: page) }
            await sessions.keptNewCode(for: id)
            await sessions.setFlash(CaseSessions.Flash(notice: "page.case.newCode.keptNotice"), for: id)
            return pages.redirect(to: "/case", page: page)
        }
    }

    func write(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await change(request, context) { found, form, page in
            // Kept as a draft when refused: at most twice what a message may hold, in scalars.
            let body = String(String.UnicodeScalarView((form["body"] ?? "").unicodeScalars.prefix(AppDatabase.messageLimit * 2)))
            do {
                _ = try await intake.sendMessage(found, body: body, refusingIdentifiers: form["sendAnyway"] != "yes")
                return CaseSessions.Flash(notice: "page.case.messageSent")
            } catch CaseWorkError.invalid(let problems) {
                let message = problems.first.map { pages.texts.message(for: $0.kind, page.language) } ?? ""
                return CaseSessions.Flash(error: message, errorTarget: "reply", draft: body)
            } catch MessageError.identifying(let identifiers) {
                let message = pages.text(
                    "page.case.identifying", page.language, ["kinds": pages.identifierKinds(identifiers, page.language)])
                return CaseSessions.Flash(error: message, errorTarget: "reply", draft: body, offerSendAnyway: true)
            }
        }
    }

    func book(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await change(request, context) { found, form, page in
            guard let slot = form["slot"].flatMap(Int64.init) else {
                return CaseSessions.Flash(error: pages.text("page.problem.missingChoice", page.language), errorTarget: "times")
            }
            _ = try await intake.book(found, slotID: slot)
            return CaseSessions.Flash(notice: "page.case.bookedNotice")
        }
    }

    func cancelBooking(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await change(request, context) { found, _, _ in
            _ = try await intake.cancelBooking(found)
            return CaseSessions.Flash(notice: "page.case.bookingCancelled")
        }
    }

    /// `GET /case/withdraw`: asks first.
    func confirmWithdrawal(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        guard try await sessionCase(request) != nil else { return noSession(request, page: page) }
        return try pages.render("withdraw", title: pages.text("page.case.withdrawConfirmTitle", page.language), page: page)
    }

    /// `POST /case/withdraw`: ends the case; the person stays on its page and sees it ended.
    func withdraw(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await change(request, context) { found, _, _ in
            _ = try await intake.withdraw(found)
            return CaseSessions.Flash(notice: "page.case.withdrawn")
        }
    }

    /// `POST /case/logout`: ends the session; the code form says so.
    func logOut(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await pages.formPost(request, context: context, using: pageGuard) { request, form, page in
            await sessions.close(request.cookie(pageGuard.caseCookieName))
            return pages.redirect(to: "/token?ended=left", page: page, setting: [pageGuard.caseCookie(nil)])
        }
    }

    // MARK: - Shared

    /// Where a request without a (live) session goes: the code form, saying why when a session ended.
    private func noSession(_ request: Request, page: PageRequest) -> Response {
        pages.redirect(to: request.cookie(pageGuard.caseCookieName) == nil ? "/token" : "/token?ended=idle", page: page)
    }

    private func sessionCase(_ request: Request) async throws -> (String, IntakeCase)? {
        guard let id = request.cookie(pageGuard.caseCookieName), let caseID = await sessions.caseID(for: id),
            let found = try await intake.openCase(id: caseID)
        else { return nil }
        return (id, found)
    }

    /// What happens next, in one sentence or two, for the state the case is in.
    private func nextStep(_ found: IntakeCase, view: CitizenCaseSummary, language: Language) -> String {
        switch found.state {
        case .new:
            // The promise of a first reply, as a day; said honestly once it has passed.
            let firstReply = view.messages.first { $0.author == .staff }?.createdOn
            let status = pages.promise.status(of: found, firstRepliedOn: firstReply, on: clock.now().day)
            let day = SlotTime.day(pages.promise.replyBy(found), language, pages: pages)
            return pages.text(status == .passed ? "page.case.next.newLate" : "page.case.next.new", language, ["day": day])
        case .claimed:
            return pages.text(view.openSlots.isEmpty ? "page.case.next.claimed" : "page.case.next.chooseTime", language)
        case .booked:
            guard let booking = view.booking else { return pages.text("page.case.next.claimed", language) }
            let hint = pages.text("page.case.next.mode.\(booking.mode.rawValue)", language, ["place": booking.place])
            return pages.text("page.case.next.booked", language, ["when": SlotTime.text(booking.startsAt, language, pages: pages)]) + " "
                + hint
        case .decided:
            let start = found.plannedStart.map { SlotTime.day($0, language, pages: pages) }
            let key = start == nil ? "page.case.next.decidedNoStart" : "page.case.next.decided"
            return pages.text(
                key, language,
                [
                    "track": found.decidedTrack.map { pages.text("page.track.\($0.rawValue).title", language) } ?? "",
                    "provider": view.provider?.name ?? pages.text("page.case.next.theProvider", language), "start": start ?? "",
                ])
        case .closed: return pages.text("page.case.next.closed", language)
        case .withdrawn: return pages.text("page.case.next.withdrawn", language)
        }
    }

    /// Checks the form and the session, takes the route's budget, runs `work` and shows its
    /// outcome on the case page after a redirect. Refusals of the domain (a time just taken, a
    /// closed case) are shown there too.
    private func change(
        _ request: Request, _ context: CitizenRequestContext,
        _ work: (IntakeCase, FormBody, PageRequest) async throws -> CaseSessions.Flash
    ) async throws -> Response {
        try await pages.formPost(request, context: context, using: pageGuard) { request, form, page in
            guard let (id, found) = try await sessionCase(request) else { return noSession(request, page: page) }
            var flash: CaseSessions.Flash
            let limit = try context.requireLimit()
            if let seconds = await limit.secondsToWait() {
                flash = CaseSessions.Flash(error: pages.text("page.case.rateLimited", page.language, ["seconds": "\(seconds)"]))
                flash.draft = form["body"].map { String(String.UnicodeScalarView($0.unicodeScalars.prefix(AppDatabase.messageLimit * 2))) }
            } else {
                do {
                    flash = try await work(found, form, page)
                } catch let error as CaseWorkError {
                    let message = error.answer(
                        in: AnswerContext(
                            texts: pages.texts, language: page.language, actions: [.book, .cancelBooking, .withdraw],
                            currentQuestionnaire: intake.questionnaire.version)
                    ).message
                    flash = CaseSessions.Flash(error: message)
                }
            }
            await sessions.setFlash(flash, for: id)
            return pages.redirect(to: flash.errorTarget.map { "/case#\($0)" } ?? "/case", page: page)
        }
    }

    private func renderCase(_ found: IntakeCase, page: PageRequest, flash: CaseSessions.Flash?, newCode: String? = nil) async throws
        -> Response
    {
        let language = page.language
        let view = try await intake.show(found)
        var values = SuggestionView.values(for: found, questionnaire: intake.questionnaire, language: language, pages: pages)
        let messages: [[String: Any]] = view.messages.map { message in
            [
                "author": message.author.rawValue, "body": message.body, "createdOn": message.createdOn.iso,
                "isNew": !message.isReadByCitizen,
                "authorLabel": pages.text("page.case.author\(message.author.rawValue.capitalized)", language),
            ]
        }
        values.merge([
            "stateText": pages.text("state.\(found.state.rawValue)", language),
            "createdOn": found.createdOn.iso, "messages": messages, "hasMessages": !messages.isEmpty,
            "hasUnread": view.unreadReplies > 0, "canWrite": found.state.isOpen,
            "canWithdraw": found.state.next(after: .withdraw) != nil,
            "showTimes": found.state.isOpen && found.state != .decided,
            "slots": view.openSlots.map { SlotTime.view($0, language, pages: pages) }, "hasSlots": !view.openSlots.isEmpty,
            "noTimesText": pages.text(found.state == .new ? "page.case.noTimesYet" : "page.case.noTimes", language),
        ]) { _, new in new }
        if let booking = view.booking { values["booking"] = SlotTime.view(booking, language, pages: pages) }
        values["createdOn"] = SlotTime.day(found.createdOn, language, pages: pages)
        values["nextStep"] = nextStep(found, view: view, language: language)
        // The booked time stays in sight after the decision too.
        values["showBooking"] = view.booking != nil && found.state == .decided
        if let track = found.decidedTrack {
            var decision: [String: Any] = ["title": pages.text("page.track.\(track.rawValue).title", language)]
            decision["provider"] = view.provider?.name
            decision["contact"] = view.provider?.contact
            decision["start"] = found.plannedStart.map { SlotTime.day($0, language, pages: pages) }
            decision["atStart"] = pages.text("page.decision.atStart.\(track.rawValue)", language)
            values["decision"] = decision
        }
        if let notice = flash?.notice { values["notice"] = pages.text(notice, language) }
        if let newCode {
            values["newCode"] = ["code": newCode, "spelled": newCode.map { $0 == "-" ? "," : String($0) }.joined(separator: " ")]
        }
        if let error = flash?.error {
            values["hasErrors"] = true
            values["error"] = error
            values["errorTarget"] = flash?.errorTarget
            if flash?.errorTarget == "reply" { values["bodyError"] = error }
        }
        if let draft = flash?.draft { values["draft"] = draft }
        if flash?.offerSendAnyway == true { values["offerSendAnyway"] = true }
        return try pages.render(
            "case", title: pages.text("page.case.title", language), page: page, values: values, switchLink: "/case?lang={lang}")
    }
}

/// The form to type a code in, with its error or a notice.
enum TokenForm {
    static func render(
        _ pages: PageRenderer, page: PageRequest, error: String? = nil, values: [String: String] = [:], typed: String = "",
        notice: String? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        // Escaped by Unicode scalar and written with `{{{typed}}}` (`HTMLText`).
        var context: [String: Any] = ["typed": HTMLText.escaped(typed), "hasErrors": error != nil]
        if let error { context["error"] = pages.text(error, page.language, values) }
        if let notice { context["notice"] = pages.text(notice, page.language) }
        return try pages.render(
            "token", title: pages.text("page.token.title", page.language), page: page, values: context, switchLink: "/token?lang={lang}",
            status: status
        )
    }
}
