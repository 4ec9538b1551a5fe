import Foundation
import HostileInput
import Intake
import PropertyBased
import Testing

@testable import IntakeServer

private func encoded(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
}

/// Some of what a person (or a hand-made form) sends for `item`: an option, several, "skip",
/// "none", a number, text where a number goes, characters HTML must escape, or nothing.
private func someValues(for item: Item, _ random: inout SeededGenerator, typed: [String]) -> [String] {
    let options = item.options.map(\.value)
    switch Int.random(in: 0..<10, using: &random) {
    case 0: return []
    case 1: return [Questionnaire.skip]
    case 2: return [typed.randomElement(using: &random)!]
    case 3: return [FormAnswers.noDays] + (Bool.random(using: &random) ? ["0"] : ["7"])
    default:
        if item.kind == .days || options.isEmpty { return ["\(Int.random(in: 0...30, using: &random))"] }
        if item.kind == .set { return options.filter { _ in Bool.random(using: &random) } + [""] }
        return [options.randomElement(using: &random)!]
    }
}

/// A draft of random answers, built as the pages build it: step by step from posted forms.
private func someAnswers(_ steps: PageSteps, seed: Int) -> FormAnswers {
    var random = SeededGenerator(seed)
    // Typed text that is not a number, some of it what HTML must escape.
    // A quote with a combining mark is one character Mustache would not escape (`HTMLText`).
    let typed = ["tre", "<b>", "\"x\"", "a&b", "'1'", "12 dage", "", " 5", "\u{1F600}", "ø", "\"\u{301}x", "<\u{301}b"]
    var answers = FormAnswers(steps: steps)
    for step in steps.steps where Int.random(in: 0..<5, using: &random) > 0 {
        var fields: [String] = []
        for item in steps.shown(step, answers) {
            // Now and then a relative answers, whose steps are worded for "the person you answer for".
            let values =
                item.id == ItemID.forWhom && Bool.random(using: &random) ? ["relative"] : someValues(for: item, &random, typed: typed)
            fields += values.map { "\(encoded(item.id))=\(encoded($0))" }
        }
        answers.update(from: FormBody(fields.joined(separator: "&")), step: step)
    }
    return answers
}

// The fast step page (its shape rendered once, the person's values filled in) is exactly the
// page Mustache renders whole, for any answers, step, language and kind of session.
@Test func aFilledStepIsThePageTheTemplateRenders() async throws {
    let services = try CitizenServices.testing()
    let pages = services.stepPages
    let csrf = PageGuard.makeToken()
    var compared = 0
    await propertyCheck(count: 150, input: Gen.int()) { seed in
        let answers = someAnswers(services.steps, seed: seed)
        for index in services.steps.steps.indices {
            for language in Language.allCases {
                let page = PageRequest(language: language, csrfToken: csrf, cookies: [], isAssisted: seed % 3 == 0)
                let filled = try? pages.filled(index, answers: answers, page: page)
                let whole = try? pages.renderedWhole(index, answers: answers, page: page)
                #expect(filled != nil && filled == whole, "step \(index + 1), \(language), seed \(seed)")
                compared += 1
            }
        }
    }
    #expect(compared == 150 * services.steps.steps.count * Language.allCases.count)
}

// Two people who see the same questions in the same words share one shape, whatever they answered.
@Test func oneShapeServesEveryoneWhoSeesTheSameQuestions() async throws {
    let services = try CitizenServices.testing()
    let page = PageRequest(language: .da, csrfToken: PageGuard.makeToken(), cookies: [], isAssisted: false)
    let step = services.steps.steps.count - 1
    for seed in 0..<40 {
        var answers = someAnswers(services.steps, seed: seed)
        // Everyone answers for themselves, so the wording is the same.
        answers.update(from: FormBody("\(ItemID.forWhom)=self"), step: services.steps.steps[0])
        let filled = try services.stepPages.filled(step, answers: answers, page: page)
        #expect(filled == (try services.stepPages.renderedWhole(step, answers: answers, page: page)))
    }
    #expect(services.stepPages.shapesKept == 1)
}

// A page whose text holds a cutting mark is not cut: it is rendered whole, and says the same.
@Test func aStepIsCutOnlyAtItsOwnMarks() {
    let slots: [StepSkeleton.Slot] = [.csrf, .typed("x")]
    #expect(StepSkeleton("a\u{E000}0\u{E001}b\u{E000}1\u{E001}c", slots: slots) != nil)
    #expect(StepSkeleton("a\u{E000}2\u{E001}b", slots: slots) == nil)
    #expect(StepSkeleton("a\u{E000}x\u{E001}b", slots: slots) == nil)
    #expect(StepSkeleton("a\u{E001}b", slots: slots) == nil)
    #expect(StepSkeleton("a\u{E000}0b", slots: slots) == nil)
}

// No sequence of drafts makes the service keep more than a bounded number of shapes.
@Test func theShapesKeptAreBounded() async throws {
    let services = try CitizenServices.testing()
    let csrf = PageGuard.makeToken()
    let drugs = try #require(services.steps.steps.firstIndex { step in step.items.contains { $0.id == "drug.days.cocaine" } })
    var largest = 0
    for seed in 0..<StepPages.keptShapes {
        let answers = someAnswers(services.steps, seed: seed)
        // The drug step has a shape for each set of drugs ticked, in each language and session.
        for language in Language.allCases {
            for isAssisted in [false, true] {
                let page = PageRequest(language: language, csrfToken: csrf, cookies: [], isAssisted: isAssisted)
                _ = try services.stepPages.filled(drugs, answers: answers, page: page)
                largest = max(largest, services.stepPages.shapesKept)
                #expect(services.stepPages.shapesKept <= StepPages.keptShapes)
            }
        }
    }
    #expect(largest == StepPages.keptShapes)
}

// What a person typed is shown back inside an attribute escaped by Unicode scalar: a quote with
// a combining mark after it (one character to Mustache) cannot end the attribute early.
@Test func typedTextShownBackCannotLeaveItsAttribute() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.get("/token?lang=en")
        let typed = "\"\u{301} autofocus x=\""
        let shown = try await browser.post("/token", [("token", typed), ("lang", "en")])
        let escaped = "value=\"&quot;\u{301} autofocus x=&quot;\""
        let unescaped = "\"\u{301}"
        #expect(shown.html.contains(escaped), "\(shown.path)")
        #expect(!shown.html.contains(unescaped))
    }
    // The same on a step, filled in or rendered whole: the days typed are shown again.
    let services = try CitizenServices.testing()
    let step = try #require(services.steps.steps.firstIndex { $0.items.contains { $0.id == "med.days" } })
    var answers = FormAnswers(steps: services.steps)
    answers.update(from: FormBody("med.days=%22%CC%81%20x%3D%22"), step: services.steps.steps[step])
    let page = PageRequest(language: .en, csrfToken: PageGuard.makeToken(), cookies: [], isAssisted: false)
    let escaped = "value=\"&quot;\u{301} x=&quot;\""
    for html in [
        try services.stepPages.filled(step, answers: answers, page: page),
        try services.stepPages.renderedWhole(step, answers: answers, page: page),
    ] {
        #expect(html?.contains(escaped) == true)
    }
}
