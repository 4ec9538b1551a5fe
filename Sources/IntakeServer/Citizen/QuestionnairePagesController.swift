import Foundation
import Hummingbird
import Intake

/// The questionnaire as web pages, one step per section, working without JavaScript.
///
/// Every step is a page of its own (`GET /questionnaire/3`), and every form post is answered
/// with a redirect to the page that comes next (post, redirect, get): the phone's Back button
/// shows the step before, Reload shows the same page again, and neither ever meets "confirm form
/// resubmission". The answers so far travel in a sealed cookie in the person's own browser
/// (`QuestionnaireDraft`, two hours); nothing is stored on the server until the person checks
/// the answers and sends them. Then they go through the same `IntakeService.submit` as the JSON
/// API, with the draft's one-time key, and the receipt can be shown again for ten minutes
/// (`ReceiptCookie`).
struct QuestionnairePagesController {
    let intake: IntakeService
    let pages: PageRenderer
    let pageGuard: PageGuard
    let passes: FormPasses
    let cookies: SealedCookies
    let sessions: CaseSessions
    let clock: ServiceClock
    let steps: PageSteps
    let stepPages: StepPages
    private var sections: [PageSteps.Step] { steps.steps }

    // MARK: - Moving through the steps

    /// A new questionnaire: a fresh draft with a fresh one-time key (a pass: the time on the
    /// questionnaire counts from here), and the partner the person came through
    /// (`?partner=<slug>`, kept only for a registered, active partner). Whatever an earlier
    /// person left in this browser is gone.
    func start(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        let partner = try await intake.database.activePartner(request.uri.queryParameters.get("partner"))?.slug
        var draft = QuestionnaireDraft(steps: steps, key: passes.issue(), partner: partner)
        // On the street team's device the case came through the street team.
        if page.isAssisted { draft.channel = .street }
        return redirect(to: "/questionnaire/1", page: page, keeping: draft)
    }

    /// The zero-based step a form or path names (counting from 1), clamped to the
    /// questionnaire; anything that is not a whole number means the first step. The number is
    /// clamped before any arithmetic, so no value (`Int.min` included) can overflow.
    static func stepIndex(_ field: String?, steps: Int) -> Int {
        guard steps > 0, let step = field.flatMap({ Int($0) }) else { return 0 }
        return min(max(step, 1), steps) - 1
    }

    /// `GET /questionnaire/:step`: the step with the answers given so far, and its problems when
    /// the person just tried to move on from it.
    func show(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        guard let number = context.parameters.get("step").flatMap(Int.init), (1...sections.count).contains(number) else {
            return try pages.errorPage(page, title: "page.error.notFoundTitle", message: "page.error.notFound", status: .notFound)
        }
        guard var draft = draft(in: request) else { return try noDraft(request, page: page) }
        if showsHelpFirst(draft, request) { return try helpFirst(draft, at: "/questionnaire/\(number)", page: page) }
        let answers = draft.formAnswers(steps)
        let index = number - 1
        let problems = draft.check == number ? answers.problems(in: sections[index]) : []
        var notice: String?
        let remind = draft.remindOfHelp == true
        // The draft is sealed again only when showing the step used up one of its notes.
        let changed = draft.check != nil || draft.remindOfHelp != nil || draft.wait != nil
        draft.check = nil
        draft.remindOfHelp = nil
        if let wait = draft.wait {
            notice = pages.text("page.step.rateLimited", page.language, ["seconds": "\(wait)"])
            draft.wait = nil
        }
        var response = try stepPages.response(index, answers: answers, page: page, problems: problems, notice: notice, remindOfHelp: remind)
        if changed { for cookie in sealed(draft, .draft, page) { response.setCookie(cookie) } }
        return response
    }

    /// `POST /questionnaire/:step`: keeps the step's answers, then goes back, on, to the
    /// emergency help (once, when an answer raises a crisis), to the check page after the last
    /// step, or to the same step again with its problems.
    func save(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await pages.formPost(request, context: context, using: pageGuard) { request, form, page in
            guard var draft = draft(in: request) else { return try noDraft(request, page: page) }
            let index = Self.stepIndex(context.parameters.get("step"), steps: sections.count)
            let number = index + 1
            var answers = draft.formAnswers(steps)
            answers.update(from: form, step: sections[index])
            draft.keep(answers)

            if form["switch_lang"] != nil { return redirect(to: "/questionnaire/\(number)", page: page, keeping: draft) }
            if form["action"] == "back" { return redirect(to: "/questionnaire/\(max(number - 1, 1))", page: page, keeping: draft) }
            let isComplete = answers.problems(in: sections[index]).isEmpty
            let raisesCrisis = !intake.rules.crisisTriggers(answers.sheet(of: sections[index])).isEmpty
            // Help first, once, even before the step's other questions are answered; the questions
            // then go on where they stopped. The help is shown at the address of the page that
            // comes next, so no address in the browser's history says a crisis answer was given.
            let isFirstCrisis = raisesCrisis && !draft.crisisShown
            if isFirstCrisis {
                draft.crisisShown = true
                draft.helpFirst = true
            }
            guard isComplete else {
                draft.check = number
                return redirect(to: "/questionnaire/\(number)", page: page, keeping: draft)
            }
            // After the help page, a short reminder on the next page.
            if raisesCrisis, !isFirstCrisis { draft.remindOfHelp = true }
            return redirect(to: nextPage(after: number), page: page, keeping: draft)
        }
    }

    /// The page after step `number` (from 1): the next step, or the check page after the last.
    private func nextPage(after number: Int) -> String {
        number == sections.count ? "/questionnaire/check" : "/questionnaire/\(number + 1)"
    }

    /// Whether the page asked for shows help right now instead: once, right after the answer that
    /// raised a crisis, and again when the language is switched on the help.
    private func showsHelpFirst(_ draft: QuestionnaireDraft, _ request: Request) -> Bool {
        draft.helpFirst == true || (draft.crisisShown && request.uri.queryParameters.get("help") == "again")
    }

    /// Help right now, first, in place of the page at `path` (the step or the check page the
    /// person goes on to); "continue" shows that page. Once: the draft forgets it was asked for.
    private func helpFirst(_ draft: QuestionnaireDraft, at path: String, page: PageRequest) throws -> Response {
        var draft = draft
        draft.helpFirst = nil
        // Only the person's own local lines, once their municipality is known.
        let municipality = draft.formAnswers(steps).allRaw[ItemID.municipality].flatMap {
            if case .string(let code) = $0 { code } else { nil }
        }
        let values: [String: Any] = [
            "contacts": pages.contactsView(page.language, at: clock.now(), municipality: municipality), "contactHeading": 2,
            "continueLink": path,
        ]
        // The language link shows the help again, in the other language (the one address that
        // says help was shown, and only when the language is switched on it).
        var response = try pages.render(
            "crisis", title: pages.text("page.crisis.title", page.language), page: page, values: values,
            switchLink: "\(path)?lang={lang}&help=again")
        for cookie in sealed(draft, .draft, page) { response.setCookie(cookie) }
        return response
    }

    // MARK: - Checking and sending

    /// `GET /questionnaire/check`: every answer in words with a link to change it, an optional
    /// note, and the button that sends.
    func check(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        guard var draft = draft(in: request) else { return try noDraft(request, page: page) }
        if showsHelpFirst(draft, request) { return try helpFirst(draft, at: "/questionnaire/check", page: page) }
        let language = page.language
        let answers = draft.formAnswers(steps)
        let wording = Wording(pages: pages, language: language, answers: answers)
        let stepViews: [[String: Any]] = sections.enumerated().map { index, section in
            [
                "number": index + 1, "title": wording.title(section),
                "complete": answers.problems(in: section).isEmpty,
                "answers": steps.shown(section, answers).map { item in
                    [
                        "question": wording.question(item), "answer": answers.inWords(item, wording: wording),
                        "id": ItemView.domID(item.id),
                    ]
                },
            ]
        }
        var note = cookies.value(NoteDraft.self, .note, in: request)
        var values: [String: Any] = [
            "steps": stepViews, "note": note?.note ?? "",
            "noteHint": pages.text("page.check.noteHint", language, ["limit": "\(QuestionnaireDraft.noteLimit)"]),
            "incomplete": stepViews.filter { $0["complete"] as? Bool == false },
        ]
        values["hasIncomplete"] = !(values["incomplete"] as? [[String: Any]] ?? []).isEmpty
        switch note?.problem {
        case .tooLong:
            values["noteError"] = pages.text("page.check.noteTooLong", language, ["limit": "\(QuestionnaireDraft.noteLimit)"])
        case .identifying(let identifiers):
            values["noteError"] = pages.text("page.case.identifying", language, ["kinds": pages.identifierKinds(identifiers, language)])
            values["offerSendAnyway"] = true
        case nil: break
        }
        if let wait = draft.wait { values["notice"] = pages.text("page.step.rateLimited", language, ["seconds": "\(wait)"]) }
        values["hasErrors"] = values["noteError"] != nil
        note?.problem = nil
        draft.wait = nil
        var response = try pages.render(
            "check", title: pages.text("page.check.title", language), page: page, values: values,
            switchLink: "/questionnaire/check?lang={lang}")
        for cookie in sealed(draft, .draft, page) { response.setCookie(cookie) }
        if let note { for cookie in sealed(note, .note, page) { response.setCookie(cookie) } }
        return response
    }

    /// `POST /questionnaire/send`: checks every step and the note, takes the submission budget
    /// (the proven share for a questionnaire opened a while ago), stores the case, and shows the
    /// receipt. A refusal goes back to the page it is about, with everything kept.
    func send(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await pages.formPost(request, context: context, using: pageGuard) { request, form, page in
            guard var draft = draft(in: request) else { return try noDraft(request, page: page) }
            let answers = draft.formAnswers(steps)
            if let unfinished = sections.firstIndex(where: { !answers.problems(in: $0).isEmpty }) {
                draft.check = unfinished + 1
                return redirect(to: "/questionnaire/\(unfinished + 1)", page: page, keeping: draft)
            }
            let note = (form["note"] ?? "").trimmed
            func holdBack(_ problem: NoteDraft.Problem) -> Response {
                let kept = NoteDraft(note: NoteDraft.keepable(note), problem: problem)
                return pages.redirect(
                    to: "/questionnaire/check#note", page: page,
                    setting: sealed(kept, .note, page))
            }
            if note.unicodeScalars.count > QuestionnaireDraft.noteLimit { return holdBack(.tooLong) }
            let identifiers = IdentifierDetector.identifiers(in: note)
            if !identifiers.isEmpty, form["sendAnyway"] != "yes" { return holdBack(.identifying(identifiers)) }
            let limit = try context.requireLimit()
            let channel = draft.channel ?? .web
            let submission = Submission(
                questionnaire: intake.questionnaire.version, language: page.language, answers: answers.allRaw, partner: draft.partner)
            let issued: IssuedCase? = try await passes.withLane(for: draft.key, intake: intake) { lane in
                if let seconds = await limit.secondsToWait(lane: lane) {
                    draft.wait = seconds
                    return nil
                }
                do {
                    return try await intake.submit(submission, channel: channel, idempotencyKey: draft.key, client: limit.client.value)
                } catch SubmissionError.idempotencyKeyReused {
                    // The same key with other answers: sent once, then changed (Back from the receipt).
                    return try await intake.submit(submission, channel: channel, idempotencyKey: passes.issue(), client: limit.client.value)
                }
            }
            guard let issued else { return redirect(to: "/questionnaire/check", page: page, keeping: draft) }
            if !issued.isReplay, !note.isEmpty {
                _ = try await intake.sendMessage(issued.storedCase, body: note)
            }
            let receipt = ReceiptCookie(
                token: issued.token.formatted, until: clock.now().instant.addingTimeInterval(ReceiptCookie.lifetime))
            let receiptCookie = cookies.cookies(receipt, .receipt, maxAge: Int(ReceiptCookie.lifetime), for: page)
            return pages.redirect(
                to: "/questionnaire/receipt", page: page, setting: receiptCookie + [cookies.removal(.draft), cookies.removal(.note)])
        }
    }

    // MARK: - The receipt

    /// `GET /questionnaire/receipt`: the code, the suggestion and what comes next, for ten
    /// minutes after sending; after that, how to come back with the code.
    func receipt(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        guard let (token, found) = try await receiptCase(request) else { return try receiptGone(page) }
        let language = page.language
        var values = SuggestionView.values(for: found, questionnaire: intake.questionnaire, language: language, pages: pages)
        values.merge([
            "token": token.formatted,
            "tokenSpelled": token.formatted.map { $0 == "-" ? "," : String($0) }.joined(separator: " "),
            "chart": ChartView(composites: found.composites, language: language, pages: pages),
            "shownFor": pages.text("page.receipt.shownFor", language, ["minutes": "\(Int(ReceiptCookie.lifetime / 60))"]),
            "shownUntilDone": pages.text("page.assisted.shownUntilDone", language, ["minutes": "\(Int(ReceiptCookie.lifetime / 60))"]),
        ]) { _, new in new }
        return try pages.render(
            "receipt", title: pages.text("page.receipt.title", language), page: page, values: values,
            switchLink: "/questionnaire/receipt?lang={lang}")
    }

    /// `GET /questionnaire/receipt/code.txt`: the code and how to come back, as a small text file.
    func codeFile(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        // Not on a device that is not the person's: a file would stay in its downloads.
        if page.isAssisted { return pages.redirect(to: "/questionnaire/receipt", page: page) }
        guard let (token, _) = try await receiptCase(request) else { return try receiptGone(page) }
        let text = pages.text("page.receipt.file", page.language, ["token": token.formatted]) + "\n"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/plain; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(pages.text("page.receipt.fileName", page.language))\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `GET /questionnaire/receipt/print`: only the code and how to come back, to print.
    func printView(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        if page.isAssisted { return pages.redirect(to: "/questionnaire/receipt", page: page) }
        guard let (token, _) = try await receiptCase(request) else { return try receiptGone(page) }
        return try pages.render(
            "receipt-print", title: pages.text("page.receipt.printTitle", page.language), page: page,
            values: ["token": token.formatted])
    }

    /// `POST /questionnaire/receipt/open`: "go to my case now", without typing the code.
    func openCase(request: Request, context: CitizenRequestContext) async throws -> Response {
        try await pages.formPost(request, context: context, using: pageGuard) { request, form, page in
            guard let (_, found) = try await receiptCase(request) else { return try receiptGone(page) }
            let id = await sessions.open(caseID: found.id)
            return pages.redirect(to: "/case", page: page, setting: [pageGuard.caseCookie(id)])
        }
    }

    // MARK: - Shared

    /// The cookie that keeps `value` for the draft's lifetime (none when it would be too long).
    private func sealed<Value: SealedValue>(_ value: Value, _ purpose: SealedCookies.Purpose, _ page: PageRequest) -> [Cookie] {
        cookies.cookies(value, purpose, maxAge: QuestionnaireDraft.lifetime, for: page)
    }

    private func draft(in request: Request) -> QuestionnaireDraft? {
        guard let draft = cookies.value(QuestionnaireDraft.self, .draft, in: request), draft.version == intake.questionnaire.version,
            draft.answers.lists.count == steps.allItems.count, IntakeService.isWellFormedIdempotencyKey(draft.key)
        else { return nil }
        return draft
    }

    private func redirect(to location: String, page: PageRequest, keeping draft: QuestionnaireDraft) -> Response {
        pages.redirect(to: location, page: page, setting: sealed(draft, .draft, page))
    }

    /// The answers are not here: sent already (then the receipt), or gone (two hours passed, the
    /// browser was closed, or it keeps no cookies).
    private func noDraft(_ request: Request, page: PageRequest) throws -> Response {
        if cookies.value(ReceiptCookie.self, .receipt, in: request) != nil {
            return pages.redirect(to: "/questionnaire/receipt", page: page)
        }
        return try pages.render(
            "expired", title: pages.text("page.expired.title", page.language), page: page, switchLink: "/questionnaire?lang={lang}")
    }

    private func receiptCase(_ request: Request) async throws -> (Token, IntakeCase)? {
        guard let receipt = cookies.value(ReceiptCookie.self, .receipt, in: request), receipt.until > clock.now().instant,
            let token = Token(parsing: receipt.token), let found = try? await intake.findCase(token: receipt.token)
        else { return nil }
        return (token, found)
    }

    private func receiptGone(_ page: PageRequest) throws -> Response {
        try pages.render(
            "receipt-gone", title: pages.text("page.receiptGone.title", page.language), page: page,
            values: ["lead": pages.text("page.receiptGone.lead", page.language, ["minutes": "\(Int(ReceiptCookie.lifetime / 60))"])],
            switchLink: "/questionnaire/receipt?lang={lang}")
    }

}

/// The code of a case just sent, sealed in the person's browser for ten minutes, so the receipt
/// can be shown again (Reload, Back) and the person can go straight to the case.
struct ReceiptCookie: SealedValue {
    /// How long the receipt can be shown again, in seconds.
    static let lifetime: TimeInterval = 600

    let token: String
    /// When it is no longer shown, also if the cookie outlives its `Max-Age`.
    let until: Date
}
