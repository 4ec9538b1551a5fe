import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import Testing

@testable import IntakeServer

@Test func theQuestionnaireStartsAFreshDraftAndAsksTheCrisisQuestionFirst() async throws {
    let (app, services) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        let page = try await browser.get("/questionnaire?lang=en")
        #expect(page.redirects == ["/questionnaire/1"])
        #expect(page.status == .ok)
        #expect(page.html.contains("Step 1 of 9"))
        // A neutral title: a shared phone's history says which step, not which topic.
        #expect(page.html.contains("<title>Step 1 of 9 – Indgang</title>"))
        #expect(page.html.contains("<legend>Right now, are you in danger of harming yourself or someone else?</legend>"))
        #expect(page.html.contains("value=\"skip\""))
        #expect(page.html.contains("Rather not say"))
        #expect(!page.html.contains("name=\"action\" value=\"back\""))
        // The answers travel in a sealed cookie; its one-time key is a pass of this process.
        let draft = try #require(browser.cookies["indgang_draft"])
        let request = Request(
            head: .init(method: .get, scheme: "http", authority: "x", path: "/", headerFields: [.cookie: "indgang_draft=\(draft)"]),
            body: .init(buffer: ByteBuffer()))
        let opened = try #require(services.cookies.value(QuestionnaireDraft.self, .draft, in: request))
        #expect(services.passes.age(of: opened.key) != nil)
        #expect(!draft.contains("crisis"))
    }
}

@Test func missingAnswersAreShownAtTheTopAndAtTheFieldWithTheAnswersKept() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.get("/questionnaire?lang=da")
        _ = try await browser.post("/questionnaire/1", [("crisis.now", "no"), ("action", "next")])
        _ = try await browser.post("/questionnaire/2", try exampleFormFields() + [("action", "next")])
        let page = try await browser.post("/questionnaire/3", [("action", "next"), ("med.days", "45"), ("med.troubled", "2")])
        // Post, redirect, get: the problems are shown on the step's own page.
        #expect(page.redirects == ["/questionnaire/3"])
        #expect(page.html.contains("<title>Fejl: Trin 3 af 9 – Indgang</title>"))
        #expect(page.html.contains("Der er et problem"))
        #expect(page.html.contains("autofocus"))
        #expect(page.html.contains("href=\"#q-med-days\""))
        #expect(page.html.contains("Skriv et helt tal fra 0 til 30."))
        #expect(page.html.contains("href=\"#q-med-importance-0\""))
        #expect(page.html.contains("Vælg et svar, eller vælg »Vil helst ikke svare«."))
        #expect(page.html.contains("value=\"45\""))
        #expect(page.html.contains("id=\"q-med-troubled-2\" name=\"med.troubled\" value=\"2\" checked"))
        // Reload shows the same step with what was typed, and says no more until the next try.
        let reloaded = try await browser.get("/questionnaire/3")
        #expect(reloaded.html.contains("value=\"45\"") && !reloaded.html.contains("Der er et problem"))
    }
}

@Test func nextMovesOnAndBackReturnsWithTheAnswers() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.get("/questionnaire?lang=en")
        let second = try await browser.post("/questionnaire/1", [("action", "next"), ("crisis.now", "no"), ("bg.for_whom", "self")])
        #expect(second.redirects == ["/questionnaire/2"] && second.html.contains("Step 2 of 9"))
        // A back link at the top keeps the answers (a GET of the step before) …
        #expect(second.html.contains("class=\"back-link no-print\" href=\"/questionnaire/1\""))
        // … and so does the Back button, which keeps this step's answers too.
        let first = try await browser.post("/questionnaire/2", [("action", "back"), ("bg.age_band", "25-34")])
        #expect(first.redirects == ["/questionnaire/1"] && first.html.contains("Step 1 of 9"))
        #expect(first.html.contains("value=\"no\" checked"))
        let again = try await browser.get("/questionnaire/2")
        #expect(again.html.contains("value=\"25-34\" checked"))
        // Next comes before Back, in the page and so in the tab order.
        let next = try #require(again.html.range(of: "value=\"next\""))
        let back = try #require(again.html.range(of: "name=\"action\" value=\"back\""))
        #expect(next.lowerBound < back.lowerBound)
        // A step that does not exist is a 404 page, not a crash.
        for path in ["/questionnaire/0", "/questionnaire/10", "/questionnaire/-1", "/questionnaire/\(Int.max)"] {
            #expect(try await browser.get(path).status == .notFound)
        }
    }
}

@Test func aCrisisAnswerShowsEmergencyHelpOnceAndLetsThePersonContinue() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.get("/questionnaire?lang=en")
        let help = try await browser.post("/questionnaire/1", [("action", "next"), ("crisis.now", "yes"), ("bg.for_whom", "self")])
        // At the address of the next step: the history holds no address that says "help".
        #expect(help.redirects == ["/questionnaire/2"])
        #expect(help.html.contains("You don&#39;t have to face this alone") || help.html.contains("You don't have to face this alone"))
        #expect(help.html.contains("tel:112"))
        #expect(help.html.contains("Livslinien"))
        #expect(help.html.contains("id=\"continue\" href=\"/questionnaire/2\""))
        // The language link shows the help again; "continue" shows the step.
        #expect(help.html.contains("href=\"/questionnaire/2?lang=da&amp;help=again\""))
        #expect(try await browser.get("/questionnaire/2?lang=da&help=again").html.contains("Du skal ikke stå alene med det"))
        let step = try await browser.get("/questionnaire/2?lang=en")
        #expect(!step.html.contains("tel:112") && step.html.contains("id=\"step-form\""))
        // Shown once: a later crisis answer moves on, with a short reminder on the next page only.
        _ = try await browser.post("/questionnaire/2", try exampleFormFields() + [("action", "next")])
        let later = try await browser.post("/questionnaire/1", [("action", "next"), ("crisis.now", "yes"), ("bg.for_whom", "self")])
        #expect(later.redirects == ["/questionnaire/2"])
        #expect(later.html.contains("Your last answer shows that you may be in danger."))
        #expect(!(try await browser.get("/questionnaire/2")).html.contains("Your last answer shows"))
    }
    // Help comes first even when the step's other question is still open; the questions go on there.
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.get("/questionnaire?lang=en")
        let help = try await browser.post("/questionnaire/1", [("action", "next"), ("crisis.now", "yes")])
        #expect(help.redirects == ["/questionnaire/1"])
        #expect(help.html.contains("tel:112"))
        let back = try await browser.get("/questionnaire/1")
        #expect(back.html.contains("value=\"yes\" checked") && back.html.contains("There is a problem"))
    }
    // Suicidal thoughts on the mental health step raise it too.
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.get("/questionnaire?lang=da")
        let help = try await browser.post(
            "/questionnaire/8",
            [
                ("action", "next"), ("psy.symptoms", ""), ("psy.symptoms", "suicidal_thoughts"), ("psy.days", "3"), ("psy.troubled", "2"),
                ("psy.importance", "2"),
            ])
        #expect(help.html.contains("Du skal ikke stå alene med det"))
        #expect(help.html.contains("href=\"/questionnaire/9\""))
    }
}

@Test func theCheckPageShowsEveryAnswerInWordsWithAWayToChangeIt() async throws {
    let (app, services) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        let check = try await browser.answerEverything(language: "en")
        #expect(check.path == "/questionnaire/check")
        #expect(check.html.contains("Check your answers before you send them"))
        #expect(check.html.contains("href=\"/questionnaire/6\""))
        #expect(check.html.contains("<dd>No</dd>") || check.html.contains("<dd>no</dd>") || check.html.contains("<dd>"))
        #expect(check.html.contains("2 days"))
        #expect(!check.html.contains("Some steps still need answers"))
        // Changing one answer keeps all the others.
        _ = try await browser.post("/questionnaire/3", try exampleFormFields(["med.days": "7"]) + [("action", "next")])
        let changed = try await browser.get("/questionnaire/check")
        #expect(changed.html.contains("7 days"))
        #expect(!changed.html.contains("Some steps still need answers"))
    }
    #expect(try await services.database.caseCount() == 0)
}

@Test func sendingStoresTheCaseAndTheReceiptCanBeShownAgainForTenMinutes() async throws {
    let time = MovableClock(at: testInstant)
    let services = try CitizenServices.testing(clock: time.serviceClock)
    let (app, _) = try makeApplication(services: services)
    let token = try await app.test(.router) { client in
        let browser = PageBrowser(client)
        let receipt = try await browser.submitEverything(["bg.children_at_home": "yes"], note: "I would like to talk on a Thursday.")
        #expect(receipt.redirects == ["/questionnaire/receipt"])
        #expect(receipt.html.contains("Thank you. Here is your code"))
        #expect(receipt.html.contains("Anonymous treatment"))
        // Only the rights of § 101a: no 14-day guarantee, a choice of two places, no appeal.
        #expect(!receipt.html.contains("within 14 days"))
        #expect(receipt.html.contains("at least one of them outside your municipality"))
        #expect(receipt.html.contains("cannot be appealed"))
        // The person's own goal and wished contact, said back.
        #expect(receipt.html.contains("You wrote that your goal is"))
        #expect(receipt.html.contains("You would rather talk with us like this"))
        #expect(receipt.html.contains("This is a self-assessment, not a diagnosis."))
        #expect(receipt.html.contains("<svg class=\"chart\" aria-hidden=\"true\""))
        #expect(receipt.html.contains("<th scope=\"row\">Drugs</th><td>Takes up some room</td><td>0.19</td>"))
        #expect(receipt.html.contains("You told us that children live with you."))
        #expect(receipt.html.contains("href=\"/questionnaire/receipt/code.txt\""))
        #expect(receipt.headers[.cacheControl] == "no-store")
        #expect(browser.cookies["indgang_draft"] == nil)
        let token = try #require(receipt.shownToken)
        // Reload, another language, Back to the check page: the same code, no second case.
        #expect(try await browser.get("/questionnaire/receipt").shownToken == token)
        let danish = try await browser.get("/questionnaire/receipt?lang=da")
        #expect(danish.html.contains("Tak. Her er din kode") && danish.shownToken == token)
        #expect(danish.html.contains("<th scope=\"row\">Stoffer</th><td>Fylder noget</td><td>0,19</td>"))
        let back = try await browser.get("/questionnaire/check")
        #expect(back.redirects == ["/questionnaire/receipt"] && back.shownToken == token)
        // The code as a file, and a print view with the code and nothing of the profile.
        let file = try await browser.get("/questionnaire/receipt/code.txt")
        #expect(file.headers[.contentType] == "text/plain; charset=utf-8")
        #expect(file.headers[.contentDisposition]?.contains("attachment") == true)
        #expect(file.html.contains(token))
        let printed = try await browser.get("/questionnaire/receipt/print")
        #expect(printed.html.contains(token) && !printed.html.contains("Drugs") && !printed.html.contains("chart"))
        // Ten minutes on, the code is no longer shown.
        time.set(testInstant.addingTimeInterval(ReceiptCookie.lifetime + 1))
        let gone = try await browser.get("/questionnaire/receipt?lang=en")
        #expect(gone.status == .ok && gone.shownToken == nil)
        #expect(gone.html.contains("The code is no longer shown here"))
        #expect(try await browser.get("/questionnaire/receipt/code.txt").html.contains(token) == false)
        return token
    }
    #expect(try await services.database.caseCount() == 1)
    let stored = try await services.intake.findCase(token: token)
    #expect(stored.flags.contains(.children))
    #expect(stored.language == .en)
    // The note is the person's first message.
    let view = try await services.intake.show(stored, markingRead: false)
    #expect(view.messages.map(\.body) == ["I would like to talk on a Thursday."])
}

@Test func anotherTrackShowsItsOwnRightsAndAKindWordWhenItDiffersFromTheWish() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        // Physical health 27/90: the ambulant track (§ 101), though the person wants anonymity.
        let receipt = try await PageBrowser(client).submitEverything(["med.days": "27", "bg.stay_anonymous": "yes"])
        #expect(receipt.html.contains("Treatment where you live"))
        #expect(receipt.html.contains("within 14 days"))
        #expect(receipt.html.contains("within 4 weeks"))
        #expect(receipt.html.contains("You want to stay anonymous."))
    }
    try await app.test(.router) { client in
        // Outreach, for a person who asked for chat: told it is their choice.
        let changes = [
            "drug.days.heroin": "20", "drug.days.cocaine": "15", "drug.days_multiple": "10", "drug.troubled": "3", "med.days": "30",
            "med.importance": "2", "emp.days_worked": "0", "emp.income_band": "0", "legal.awaiting": "1", "legal.days_illegal": "30",
            "legal.importance": "2", "bg.contact": "chat", "fam.troubled": "4", "fam.importance": "4", "fam.days_conflict": "30",
        ]
        let receipt = try await PageBrowser(client).submitEverything(changes)
        #expect(receipt.html.contains("A worker comes to you"))
        #expect(receipt.html.contains("but it is your choice"))
    }
}

@Test func aRelativeIsAskedAboutThePersonTheyAnswerFor() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        // "Who are you answering for?" is on the first step, with the crisis question.
        #expect(try await browser.get("/questionnaire?lang=en").html.contains("name=\"bg.for_whom\""))
        let check = try await browser.answerEverything(["bg.for_whom": "relative"], language: "en")
        #expect(check.html.contains("How old are they?") && !check.html.contains("How old are you?"))
        #expect(check.html.contains("About the person you answer for"))
        for step in 2...9 {
            #expect(try await browser.get("/questionnaire/\(step)").html.contains("the questions are about them"))
        }
        let about = try await browser.get("/questionnaire/2")
        #expect(about.html.contains("Which municipality do they live in?"))
        let drugs = try await browser.get("/questionnaire/5")
        #expect(drugs.html.contains("have they taken") && !drugs.html.contains("have you taken"))
        #expect(try await browser.get("/questionnaire/7").html.contains("Their children"))
        // The last step is the relative's own: how they would like to talk with us.
        let wishes = try await browser.get("/questionnaire/9")
        #expect(wishes.html.contains("What do you hope for most right now – for them?"))
        #expect(!(try await browser.get("/questionnaire/1").html.contains("the questions are about them")))
        // Answering for oneself: "you" again.
        _ = try await browser.post("/questionnaire/1", try exampleFormFields(["bg.for_whom": "self"]) + [("action", "next")])
        let own = try await browser.get("/questionnaire/2")
        #expect(own.html.contains("How old are you?") && !own.html.contains("the questions are about them"))
    }
}

/// Every relative wording belongs to a question, an option, a step or a note the pages show, and
/// every question of steps 2–8 that says "du" (or an option that says "jeg") has one.
@Test func everyRelativeWordingHasAPlaceAndEveryYouQuestionHasOne() throws {
    let services = try CitizenServices.testing()
    let (texts, steps) = (services.pages.texts, services.steps)
    var places: Set<String> = []
    for step in steps.steps {
        places.formUnion(["step.\(step.id)", "step.\(step.id).intro"])
        for item in step.items {
            places.formUnion([item.id, "\(item.id).help", "optional.\(item.id)"] + item.options.map { "\(item.id).\($0.value)" })
        }
    }
    let relative = texts.keys.filter { $0.hasPrefix("page.relative.") }.map { String($0.dropFirst("page.relative.".count)) }
    #expect(relative.count > 50)
    for key in relative { #expect(places.contains(key), "page.relative.\(key) is shown nowhere") }
    for step in steps.steps[1..<8] {
        for item in step.items {
            let text = item.text[.da]
            if text.contains(/\b(du|dig|din|dit|dine)\b/) {
                #expect(relative.contains(item.id), "\(item.id) says “du” to a relative: \(text)")
            }
            for option in item.options where option.label[.da].contains(/\b(jeg|mig|min|mine)\b/) {
                #expect(relative.contains("\(item.id).\(option.value)"), "\(item.id).\(option.value)")
            }
        }
    }
}

@Test func aNoteWithAPhoneNumberIsHeldBackWithEverythingKept() async throws {
    let (app, services) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.answerEverything(language: "en")
        let held = try await browser.post("/questionnaire/send", [("note", "Ring til mig på 20 30 40 50")])
        #expect(held.redirects == ["/questionnaire/check#note"])
        #expect(held.html.contains("20 30 40 50"))
        #expect(held.html.contains("name=\"sendAnyway\""))
        let tooLong = try await browser.post("/questionnaire/send", [("note", String(repeating: "a", count: 501))])
        #expect(tooLong.html.contains("at most 500 characters"))
        #expect(try await services.database.caseCount() == 0)
        let sent = try await browser.post("/questionnaire/send", [("note", "Ring til mig på 20 30 40 50"), ("sendAnyway", "yes")])
        #expect(sent.shownToken != nil)
    }
    #expect(try await services.database.caseCount() == 1)
}

@Test func goToMyCaseNowOpensTheCaseWithoutTypingTheCode() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.submitEverything()
        let opened = try await browser.post("/questionnaire/receipt/open", [])
        #expect(opened.redirects == ["/case"])
        #expect(opened.html.contains("Your case"))
    }
}

@Test func withoutItsCookieAStepSaysTheAnswersAreGoneAndOffersAFreshStart() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.get("/questionnaire?lang=en")
        browser.forget("indgang_draft")
        let gone = try await browser.get("/questionnaire/4")
        #expect(gone.status == .ok && gone.html.contains("Your answers are no longer here"))
        #expect(gone.html.contains("href=\"/questionnaire\""))
        let posted = try await browser.post("/questionnaire/4", [("action", "next")])
        #expect(posted.html.contains("Your answers are no longer here"))
        // A changed or forged cookie counts as none.
        _ = try await browser.get("/questionnaire?lang=en")
        let forged = PageBrowser(client)
        forged.headers[.cookie] = "indgang_draft=" + String(repeating: "A", count: 400)
        #expect(try await forged.get("/questionnaire/2?lang=en").html.contains("Your answers are no longer here"))
    }
}

@Test func everyQuestionnaireStepWeighsLessThanThirtyKilobytes() async throws {
    let (app, _) = try makeApplication(services: try .testing())
    let stylesheet = try Data(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Public/style.css"))
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.answerEverything(language: "da")
        for step in 1...9 {
            let page = try await browser.get("/questionnaire/\(step)")
            #expect(page.html.contains("Trin \(step) af 9"))
            #expect(page.body.readableBytes + stylesheet.count < 30_000, "step \(step): \(page.body.readableBytes) bytes")
        }
    }
}

@Test func theDraftStaysSmallWhateverAFormSends() async throws {
    // Every item answered with the longest values a form could send, many times over.
    let services = try CitizenServices.testing()
    var answers = FormAnswers(steps: services.steps)
    for step in services.steps.steps {
        var fields: [(String, String)] = []
        for item in step.items {
            fields += [(item.id, ""), (item.id, "none")] + item.options.map { (item.id, $0.value) } + [(item.id, Questionnaire.skip)]
            fields += (0..<50).map { (item.id, String(repeating: "9", count: 100 + $0)) }
        }
        answers.update(from: FormBody(fields.map { "\($0.0)=\($0.1)" }.joined(separator: "&")), step: step)
    }
    var draft = QuestionnaireDraft(steps: services.steps, key: services.passes.issue(), partner: "a-partner-slug")
    draft.keep(answers)
    draft.check = 10
    draft.wait = Int.max
    let encoded = try JSONEncoder().encode(draft)
    let cookie = services.cookies.cookie(draft, .draft, maxAge: 60)
    #expect(cookie != nil, "the draft takes \(encoded.count) bytes before sealing")
    #expect((cookie?.value.utf8.count ?? .max) < SealedCookies.maximumLength)
    // The longest note kept (twice the limit, when it was too long) in its own cookie.
    let note = NoteDraft(
        note: NoteDraft.keepable(String(repeating: "😀", count: QuestionnaireDraft.noteLimit * 4)),
        problem: .identifying(Identifier.allCases))
    #expect(note.note.unicodeScalars.count == 700)
    #expect(services.cookies.cookie(note, .note, maxAge: 60) != nil)
}

@Test func everyTextInTheTemplatesExistsInBothLanguages() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/IntakeServer/Templates")
    let pages =
        try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.deletingLastPathComponent().appendingPathComponent("Content/pages.json"))
        ) as! [String: [String: String]]
    var used = 0
    for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
        let template = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        for match in template.matches(of: /\{\{t\.(page\.[a-zA-Z0-9.]+)\}\}/) {
            let key = String(match.output.1)
            used += 1
            #expect(pages[key]?["da"]?.isEmpty == false, "\(file): \(key) has no Danish text")
            #expect(pages[key]?["en"]?.isEmpty == false, "\(file): \(key) has no English text")
        }
        // No visible text is written into a template: between tags there is only markup or a tag.
        let text = template.replacing(/\{\{[^}]*\}\}/, with: "").replacing(/<[^>]*>/, with: "")
        #expect(
            text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).isEmpty,
            "\(file) has text of its own: \(text.prefix(80))")
    }
    #expect(used > 70)
}

@Test func anAbandonedQuestionnaireLeavesNothingStored() async throws {
    let (app, services) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        let check = try await browser.answerEverything(language: "da")
        #expect(check.path == "/questionnaire/check")
    }
    // Every step answered and the tab closed: no case, no draft, no receipt on the server.
    #expect(try await services.database.caseCount() == 0)
    let rows = try await services.database.reader.read { db in
        try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM intakeCase) + (SELECT count(*) FROM submissionReceipt)")
    }
    #expect(rows == 0)
}

@Test(arguments: ["da", "en"])
func theStartPagePromisesTheTimeTheStepsTake(language: String) async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        let start = try await browser.get("/?lang=\(language)")
        let promised = try #require(start.html.firstMatch(of: /(?:Omkring|About) (\d+) (?:minutter|minutes)/).map { Int($0.output.1)! })
        // Measure the pages the median person sees (the example: two drugs ticked): the words in
        // the form of each step, and the questions answered.
        var words = 0
        var questions = 0
        var page = try await browser.get("/questionnaire?lang=\(language)")
        let answers = try exampleFormFields() + drugsUsed()
        while let number = Int(page.path.dropFirst("/questionnaire/".count)) {
            let form = String(page.html.split(separator: "<form id=\"step-form\"", maxSplits: 1)[1].split(separator: "</form>")[0])
            let text = form.replacing(/<[^>]+>/, with: " ").replacing(/&[a-z#0-9]+;/, with: " ")
            words += text.split(whereSeparator: \.isWhitespace).count
            questions += form.matches(of: /<legend>|<label class="question"/).count
            page = try await browser.post("/questionnaire/\(number)", answers + [("action", "next")])
        }
        let measured = Double(words) / PageSteps.wordsPerMinute + Double(questions) * PageSteps.secondsPerAnswer / 60
        // The promise is computed from the same texts; the pages add a few words of their own (buttons, the step line).
        #expect(abs(Double(promised) - measured) <= 1.5, "promised \(promised) minutes, the pages take \(measured)")
        #expect(start.html.contains("\(questions) "))
    }
}
