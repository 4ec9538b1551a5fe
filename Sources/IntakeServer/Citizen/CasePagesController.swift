import Hummingbird
import Intake

/// The person's case page after they typed their token: the conversation, a time to book, the
/// decision, and ending the case. Every form carries the token in a hidden field (never in a
/// URL) and is checked against forgery; unknown tokens from one client are slowed down.
struct CasePagesController {
    let intake: IntakeService
    let pages: PageRenderer
    let pageGuard: PageGuard
    /// The case a typed token opens; "check the characters" for a mistyped token, a generic
    /// message for an unknown one, and a wait after too many unknown ones.
    func open(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await withCase(request, context) { found, form, page in
            try await renderCase(found, page: page, typed: form["token"] ?? "")
        }
    }

    func write(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await withCase(request, context) { found, form, page in
            // Kept as a draft when refused: at most twice what a message may hold, in scalars.
            let body = String(String.UnicodeScalarView((form["body"] ?? "").unicodeScalars.prefix(AppDatabase.messageLimit * 2)))
            do {
                _ = try await intake.sendMessage(found, body: body, refusingIdentifiers: form["sendAnyway"] != "yes")
                return try await renderCase(found, page: page, typed: form["token"] ?? "", notice: "page.case.messageSent")
            } catch CaseWorkError.invalid(let problems) {
                let message = problems.first.map { pages.texts.message(for: $0.kind, page.language) } ?? ""
                return try await renderCase(
                    found, page: page, typed: form["token"] ?? "", error: (message, "reply"), extra: ["bodyError": message, "draft": body],
                    status: .unprocessableContent
                )
            } catch MessageError.identifying(let identifiers) {
                let kinds = identifiers.map { pages.text("page.identifier.\($0.rawValue)", page.language) }
                    .joined(separator: pages.text("page.identifier.and", page.language))
                let message = pages.text("page.case.identifying", page.language, ["kinds": kinds])
                return try await renderCase(
                    found, page: page, typed: form["token"] ?? "", error: (message, "reply"),
                    extra: ["bodyError": message, "draft": body, "offerSendAnyway": true], status: .unprocessableContent
                )
            }
        }
    }

    func book(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await withCase(request, context) { found, form, page in
            guard let slot = form["slot"].flatMap(Int64.init) else {
                return try await renderCase(
                    found, page: page, typed: form["token"] ?? "", error: (pages.text("page.problem.missingChoice", page.language), nil),
                    status: .unprocessableContent)
            }
            return try await renderCase(
                try await intake.book(found, slotID: slot), page: page, typed: form["token"] ?? "", notice: "page.case.bookedNotice")
        }
    }

    func cancelBooking(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await withCase(request, context) { found, form, page in
            let current = try await intake.cancelBooking(found)
            return try await renderCase(current, page: page, typed: form["token"] ?? "", notice: "page.case.bookingCancelled")
        }
    }

    /// Asks first; ends the case only when the person confirms.
    func withdraw(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await withCase(request, context) { found, form, page in
            guard form["confirm"] == "yes" else {
                return try pages.render(
                    "withdraw", title: pages.text("page.case.withdrawConfirmTitle", page.language), page: page,
                    values: ["typed": form["token"] ?? ""]
                )
            }
            let current = try await intake.withdraw(found)
            return try await renderCase(current, page: page, typed: form["token"] ?? "", notice: "page.case.withdrawn")
        }
    }

    // MARK: - Shared

    /// Checks the form, opens the case of the typed token (`CaseAccess`, which takes the route's
    /// budget here, once the form is known to carry a token) and runs `work` with it. Every refusal
    /// is the token form again with what was typed; refusals of the domain (a time just taken, a
    /// closed case) are shown on the case page.
    private func withCase(
        _ request: Request, _ context: CitizenRequestContext, _ work: (IntakeCase, FormBody, PageRequest) async throws -> Response
    ) async throws -> Response {
        var request = request
        let form = try await request.formBody(context: context)
        let page = pageGuard.page(for: request, form: form)
        guard pageGuard.isSameOrigin(request, form: form) else { return try pages.forbidden(page) }
        let typed = String((form["token"] ?? "").prefix(64))
        let found: IntakeCase
        do {
            found = try await CaseAccess(intake: intake).open(
                token: typed.trimmed.isEmpty ? nil : typed, limit: try context.requireLimit())
        } catch CaseAccess.Refusal.missingToken {
            return try TokenForm.render(pages, page: page, error: "page.token.missing", typed: typed, status: .unprocessableContent)
        } catch CaseAccess.Refusal.mustWait(let seconds) {
            return try TokenForm.render(
                pages, page: page, error: "page.token.tooMany", values: ["seconds": "\(seconds)"], typed: typed, status: .tooManyRequests)
        } catch CaseAccess.Refusal.malformed {
            return try TokenForm.render(pages, page: page, error: "page.token.malformed", typed: typed, status: .unprocessableContent)
        } catch CaseAccess.Refusal.unknown {
            return try TokenForm.render(pages, page: page, error: "page.token.unknown", typed: typed, status: .notFound)
        }
        do {
            return try await work(found, form, page)
        } catch let error as CaseWorkError {
            let message = error.answer(
                in: AnswerContext(
                    texts: pages.texts, language: page.language, actions: [.book, .cancelBooking, .withdraw],
                    currentQuestionnaire: intake.questionnaire.version)
            ).message
            return try await renderCase(try await intake.reload(found), page: page, typed: typed, error: (message, nil), status: .conflict)
        }
    }

    private func renderCase(
        _ found: IntakeCase, page: PageRequest, typed: String, notice: String? = nil, error: (message: String, target: String?)? = nil,
        extra: [String: Any] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = page.language
        let view = try await intake.show(found)
        var values = SuggestionView.values(track: found.track, flags: found.flags, language: language, pages: pages)
        let messages: [[String: Any]] = view.messages.map { message in
            [
                "author": message.author.rawValue, "body": message.body, "createdOn": message.createdOn.iso,
                "isNew": !message.isReadByCitizen,
                "authorLabel": pages.text("page.case.author\(message.author.rawValue.capitalized)", language),
            ]
        }
        values.merge([
            "typed": typed, "stateText": pages.text("state.\(found.state.rawValue)", language),
            "createdOn": found.createdOn.iso, "messages": messages, "hasMessages": !messages.isEmpty,
            "hasUnread": view.unreadReplies > 0, "canWrite": found.state.isOpen,
            "canWithdraw": found.state.next(after: .withdraw) != nil,
            "showTimes": found.state.isOpen && found.state != .decided,
            "slots": view.openSlots.map { SlotTime.view($0, language, pages: pages) }, "hasSlots": !view.openSlots.isEmpty,
            "noTimesText": pages.text(found.state == .new ? "page.case.noTimesYet" : "page.case.noTimes", language),
        ]) { _, new in new }
        if let booking = view.booking { values["booking"] = SlotTime.view(booking, language, pages: pages) }
        if let track = found.decidedTrack {
            var decision: [String: Any] = ["title": pages.text("page.track.\(track.rawValue).title", language)]
            decision["provider"] = view.provider?.name
            decision["contact"] = view.provider?.contact
            decision["start"] = found.plannedStart?.iso
            values["decision"] = decision
        }
        if let notice { values["notice"] = pages.text(notice, language) }
        if let error {
            values["hasErrors"] = true
            values["error"] = error.message
            values["errorTarget"] = error.target
        }
        values.merge(extra) { _, new in new }
        return try pages.render("case", title: pages.text("page.case.title", language), page: page, values: values, status: status)
    }
}

/// The form to type a token in, with its error.
enum TokenForm {
    static func render(
        _ pages: PageRenderer, page: PageRequest, error: String? = nil, values: [String: String] = [:], typed: String = "",
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var context: [String: Any] = ["typed": typed, "hasErrors": error != nil]
        if let error { context["error"] = pages.text(error, page.language, values) }
        return try pages.render(
            "token", title: pages.text("page.token.title", page.language), page: page, values: context, switchLink: "/token?lang={lang}",
            status: status
        )
    }
}
