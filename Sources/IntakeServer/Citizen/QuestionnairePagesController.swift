import Foundation
import Hummingbird
import Intake

/// The questionnaire as web pages, one step per section, working without JavaScript.
///
/// `GET /questionnaire` opens step 1. Every step posts to `POST /questionnaire` with the answers
/// so far in hidden fields, the step number and what to do (`next`, `back`, `show`, `submit`).
/// Nothing is stored until the last step is sent: then the answers go through the same
/// `IntakeService.submit` as the JSON API, with a one-time key from the form, so a resent
/// receipt page shows the same token instead of creating a second case.
struct QuestionnairePagesController {
    let intake: IntakeService
    let pages: PageRenderer
    let pageGuard: PageGuard
    let passes: FormPasses
    private var sections: [Section] { intake.questionnaire.sections }

    /// Step 1, with a fresh one-time submission key (a pass: the time on the questionnaire counts
    /// from here), and the partner the person came through
    /// (`?partner=<slug>`, kept only for a registered, active partner).
    func start(request: Request, context: CitizenRequestContext) async throws -> Response {
        let page = pageGuard.page(for: request)
        let partner = try await intake.database.activePartner(request.uri.queryParameters.get("partner"))?.slug
        var answers = FormAnswers(questionnaire: intake.questionnaire)
        answers.partner = partner
        return try renderStep(0, answers: answers, key: passes.issue(), page: page)
    }

    /// The zero-based step a form names (its `step` field counts from 1), clamped to the
    /// questionnaire; anything that is not a whole number means the first step. The number is
    /// clamped before any arithmetic, so no value (`Int.min` included) can overflow.
    static func stepIndex(_ field: String?, steps: Int) -> Int {
        guard steps > 0, let step = field.flatMap({ Int($0) }) else { return 0 }
        return min(max(step, 1), steps) - 1
    }

    /// Moves between steps, shows emergency help when a step raises a crisis, and sends the answers.
    func advance(request: Request, context: CitizenRequestContext) async throws -> Response {
        var request = request
        let form = try await request.formBody(context: context)
        let page = pageGuard.page(for: request, form: form)
        guard pageGuard.isSameOrigin(request, form: form) else { return try pages.forbidden(page) }
        let answers = FormAnswers(form: form, questionnaire: intake.questionnaire)
        let index = Self.stepIndex(form["step"], steps: sections.count)
        let key = form["submission"].flatMap { IntakeService.isWellFormedIdempotencyKey($0) ? $0 : nil } ?? passes.issue()

        switch form["action"] {
        case "back":
            return try renderStep(max(index - 1, 0), answers: answers, key: key, page: page)
        case "next", "submit":
            let problems = answers.problems(in: sections[index])
            guard problems.isEmpty else { return try renderStep(index, answers: answers, key: key, page: page, problems: problems) }
            if form["action"] == "submit" || index == sections.count - 1 {
                let limit = try context.requireLimit()
                // A questionnaire opened a while ago draws on the share a flood cannot reach.
                return try await passes.withLane(for: key, intake: intake) { lane in
                    if let seconds = await limit.secondsToWait(lane: lane) {
                        let notice = pages.text("page.step.rateLimited", page.language, ["seconds": "\(seconds)"])
                        var response = try renderStep(
                            index, answers: answers, key: key, page: page, notice: notice, status: .tooManyRequests)
                        response.headers[.retryAfter] = "\(seconds)"
                        return response
                    }
                    return try await submit(answers, key: key, client: limit.client.value, page: page)
                }
            }
            if !intake.rules.crisisTriggers(answers.sheet(of: sections[index])).isEmpty {
                return try renderCrisis(continueAt: index + 1, answers: answers, key: key, page: page)
            }
            return try renderStep(index + 1, answers: answers, key: key, page: page)
        case "show":
            return try renderStep(index, answers: answers, key: key, page: page)
        default:
            // A language switch: show the same page again in the other language.
            if form["view"] == "crisis" { return try renderCrisis(continueAt: index, answers: answers, key: key, page: page) }
            return try renderStep(index, answers: answers, key: key, page: page)
        }
    }

    // MARK: - Sending

    private func submit(_ answers: FormAnswers, key: String, client: Data, page: PageRequest) async throws -> Response {
        let submission = Submission(
            questionnaire: intake.questionnaire.version, language: page.language, answers: answers.allRaw, partner: answers.partner
        )
        let issued: IssuedCase
        do {
            issued = try await intake.submit(submission, idempotencyKey: key, client: client)
        } catch SubmissionError.invalid(let problems) {
            // Only a form changed by hand gets here: every step was checked on the way.
            let first = sections.firstIndex { section in section.items.contains { item in problems.contains { $0.item == item.id } } }
            return try renderStep(first ?? 0, answers: answers, key: key, page: page, problems: problems)
        } catch SubmissionError.idempotencyKeyReused {
            // The answers changed after they were sent (Back on the receipt page): a new case.
            issued = try await intake.submit(submission, idempotencyKey: passes.issue(), client: client)
        }
        return try renderReceipt(issued, answers: answers, key: key, page: page)
    }

    // MARK: - Pages

    private func renderStep(
        _ index: Int, answers: FormAnswers, key: String, page: PageRequest, problems: [AnswerProblem] = [], notice: String? = nil,
        status: HTTPResponse.Status? = nil
    ) throws -> Response {
        let language = page.language
        let section = sections[index]
        let messages = Dictionary(problems.map { ($0.item, message(for: $0, language: language)) }) { first, _ in first }
        let items = section.items.map { item in
            ItemView(
                item: item, answers: answers, error: messages[item.id], language: language, questionnaire: intake.questionnaire,
                pages: pages
            )
        }
        let errors: [[String: String]] = items.compactMap { item in
            item.error.map { ["target": item.errorTarget, "question": item.text, "message": $0] }
        }
        var values = carried(answers, key: key, except: section)
        values.merge([
            "stepIndicator": pages.text("page.step.indicator", language, ["current": "\(index + 1)", "total": "\(sections.count)"]),
            "stepNumber": index + 1, "sectionTitle": section.title[language],
            "items": items, "errors": errors, "hasErrors": !errors.isEmpty, "isLast": index == sections.count - 1, "hasBack": index > 0,
        ]) { _, new in new }
        if let intro = section.intro?[language] { values["sectionIntro"] = intro }
        if let notice { values["notice"] = notice }
        return try pages.render(
            "step", title: section.title[language], page: page, values: values,
            status: status ?? (errors.isEmpty ? .ok : .unprocessableContent)
        )
    }

    private func renderCrisis(continueAt index: Int, answers: FormAnswers, key: String, page: PageRequest) throws -> Response {
        var values = carried(answers, key: key, except: nil)
        values.merge([
            "contacts": pages.contactsView(page.language), "contactHeading": 2, "continueStep": min(index, sections.count - 1) + 1,
        ]) { _, new in new }
        return try pages.render("crisis", title: pages.text("page.crisis.title", page.language), page: page, values: values)
    }

    private func renderReceipt(_ issued: IssuedCase, answers: FormAnswers, key: String, page: PageRequest) throws -> Response {
        let language = page.language
        let stored = issued.storedCase
        var values = SuggestionView.values(track: stored.track, flags: stored.flags, language: language, pages: pages)
        values.merge(carried(answers, key: key, except: nil)) { _, new in new }
        values.merge([
            "token": issued.token.formatted,
            "tokenSpelled": issued.token.formatted.map { $0 == "-" ? "," : String($0) }.joined(separator: " "),
            "chart": ChartView(composites: stored.composites, language: language, pages: pages),
            "lastStep": sections.count,
        ]) { _, new in new }
        return try pages.render("receipt", title: pages.text("page.receipt.title", language), page: page, values: values)
    }

    /// What every form of the questionnaire carries to the next page: the one-time key, the
    /// answers outside the shown step, and the partner.
    private func carried(_ answers: FormAnswers, key: String, except section: Section?) -> [String: Any] {
        var values: [String: Any] = ["submissionKey": key, "hiddenFields": answers.hiddenFields(except: section)]
        if let partner = answers.partner { values["partner"] = partner }
        return values
    }

    /// What the person reads next to a field: the page's own wording, not the API's.
    private func message(for problem: AnswerProblem, language: Language) -> String {
        switch problem.kind {
        case .missing:
            let isDays = intake.questionnaire.item(problem.item)?.kind == .days
            return pages.text(isDays ? "page.problem.missingDays" : "page.problem.missingChoice", language)
        case .expectedNumber(let range):
            return pages.text("page.problem.expectedNumber", language, ["min": "\(range.lowerBound)", "max": "\(range.upperBound)"])
        default:
            return pages.text("page.problem.unknownChoice", language)
        }
    }
}
