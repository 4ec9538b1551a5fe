import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import Testing

@testable import IntakeServer

private let submissionKey = "3f9a0c7e21b54d86a1e07c39b2f45d18"

@Test func firstStepAsksTheCrisisQuestionWithAStepIndicator() async throws {
    let (app, services) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(uri: "/questionnaire?lang=en", method: .get) { response in
            #expect(response.status == .ok)
            #expect(response.html.contains("Step 1 of 10"))
            // The one-time key is a pass of this process: the time on the form counts from here.
            let key = try #require(response.inputValue(named: "submission"))
            #expect(services.passes.age(of: key) != nil && IntakeService.isWellFormedIdempotencyKey(key))
            #expect(response.html.contains("<legend>Right now, are you in danger of harming yourself or someone else?</legend>"))
            #expect(response.html.contains("value=\"skip\""))
            #expect(response.html.contains("I&#39;d rather not say") || response.html.contains("I'd rather not say"))
            #expect(!response.html.contains("name=\"action\" value=\"back\""))
        }
    }
}

@Test func missingAnswersAreShownAtTheTopAndAtTheFieldWithTheAnswersKept() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let fields: [(String, String)] = [
            ("step", "3"), ("action", "next"), ("lang", "da"), ("submission", submissionKey),
            ("med.days", "45"), ("med.troubled", "2"), ("crisis.now", "no"),
        ]
        try await client.execute(uri: "/questionnaire", method: .post, headers: formHeaders, body: form(fields)) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.html.contains("<title>Fejl: Dit fysiske helbred – Indgang</title>"))
            #expect(response.html.contains("Se lige på disse svar"))
            #expect(response.html.contains("href=\"#q-med-days\""))
            #expect(response.html.contains("Skriv et helt tal fra 0 til 30."))
            #expect(response.html.contains("href=\"#q-med-importance-0\""))
            #expect(response.html.contains("Vælg et svar, eller vælg »Det vil jeg helst ikke svare på«."))
            // What was typed is kept, and answers of other steps travel on.
            #expect(response.html.contains("value=\"45\""))
            #expect(response.html.contains("id=\"q-med-troubled-2\" name=\"med.troubled\" value=\"2\" checked"))
            #expect(response.html.contains("<input type=\"hidden\" name=\"crisis.now\" value=\"no\">"))
            #expect(response.html.contains("Trin 3 af 10"))
        }
    }
}

@Test func nextMovesOnAndBackReturnsWithTheAnswers() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(
            uri: "/questionnaire", method: .post, headers: formHeaders,
            body: form([("step", "1"), ("action", "next"), ("lang", "en"), ("submission", submissionKey), ("crisis.now", "no")])
        ) { response in
            #expect(response.status == .ok)
            #expect(response.html.contains("Step 2 of 10"))
            #expect(response.html.contains("<input type=\"hidden\" name=\"crisis.now\" value=\"no\">"))
            #expect(response.inputValue(named: "submission") == submissionKey)
        }
        try await client.execute(
            uri: "/questionnaire", method: .post, headers: formHeaders,
            body: form([("step", "2"), ("action", "back"), ("lang", "en"), ("crisis.now", "no"), ("bg.for_whom", "relative")])
        ) { response in
            #expect(response.html.contains("Step 1 of 10"))
            #expect(response.html.contains("value=\"no\" checked"))
            #expect(response.html.contains("<input type=\"hidden\" name=\"bg.for_whom\" value=\"relative\">"))
        }
    }
}

@Test func aCrisisAnswerShowsEmergencyHelpAndLetsThePersonContinue() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(
            uri: "/questionnaire", method: .post, headers: formHeaders,
            body: form([("step", "1"), ("action", "next"), ("lang", "en"), ("submission", submissionKey), ("crisis.now", "yes")])
        ) { response in
            #expect(
                response.html.contains("You don&#39;t have to face this alone")
                    || response.html.contains("You don't have to face this alone"))
            #expect(response.html.contains("tel:112"))
            #expect(response.html.contains("Livslinien"))
            #expect(response.html.contains("name=\"step\" value=\"2\""))
            #expect(response.html.contains("Continue with the questions"))
        }
        // Suicidal thoughts on the mental health step raise it too.
        let psychiatric: [(String, String)] = [
            ("step", "9"), ("action", "next"), ("lang", "da"), ("psy.symptoms", ""), ("psy.symptoms", "suicidal_thoughts"),
            ("psy.days", "3"), ("psy.troubled", "2"), ("psy.importance", "2"),
        ]
        try await client.execute(uri: "/questionnaire", method: .post, headers: formHeaders, body: form(psychiatric)) { response in
            #expect(response.html.contains("Du skal ikke stå alene med det"))
            #expect(response.html.contains("name=\"step\" value=\"10\""))
        }
    }
}

@Test func sendingTheLastStepStoresTheCaseAndShowsTheReceiptOnce() async throws {
    let (app, services) = try makeApplication()
    let fields =
        try exampleFormFields(["bg.children_at_home": "yes"]) + [
            ("step", "10"), ("action", "submit"), ("lang", "en"), ("submission", submissionKey),
        ]
    let token = try await app.test(.router) { client in
        let token = try await client.execute(uri: "/questionnaire", method: .post, headers: formHeaders, body: form(fields)) { response in
            #expect(response.status == .ok)
            #expect(response.html.contains("Thank you. Here is your token"))
            #expect(response.html.contains("Write the token down or take a photo of it"))
            #expect(response.html.contains("Anonymous treatment"))
            #expect(response.html.contains("14 days"))
            #expect(response.html.contains("This is a self-assessment, not a diagnosis."))
            #expect(response.html.contains("<svg class=\"chart\" role=\"img\""))
            #expect(response.html.contains("<th scope=\"row\">Drugs</th><td>0.192</td>"))
            #expect(response.html.contains("You told us that children live with you."))
            #expect(response.headers[.cacheControl] == "no-store")
            return response.shownToken ?? ""
        }
        // A resent receipt page (reload, or the language button) shows the same token.
        let danish = fields.map { $0.0 == "lang" ? ("lang", "da") : $0 }
        try await client.execute(uri: "/questionnaire", method: .post, headers: formHeaders, body: form(danish)) { response in
            #expect(response.html.contains("Tak. Her er din kode"))
            #expect(response.shownToken == token)
            #expect(response.html.contains("<th scope=\"row\">Stoffer</th><td>0,192</td>"))
        }
        return token
    }
    #expect(try await services.database.caseCount() == 1)
    let stored = try await services.intake.findCase(token: token)
    #expect(stored.flags.contains(.children))
    #expect(stored.language == .en)
    #expect(!token.isEmpty)
}

@Test func everyQuestionnaireStepWeighsLessThanThirtyKilobytes() async throws {
    let (app, _) = try makeApplication(services: try .testing())
    let stylesheet = try Data(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Public/style.css"))
    let answers = try exampleFormFields()
    try await app.test(.router) { client in
        for step in 1...10 {
            let fields = answers + [("step", "\(step)"), ("action", "show"), ("lang", "da"), ("submission", submissionKey)]
            try await client.execute(uri: "/questionnaire", method: .post, headers: formHeaders, body: form(fields)) { response in
                #expect(response.html.contains("Trin \(step) af 10"))
                #expect(response.body.readableBytes + stylesheet.count < 30_000, "step \(step): \(response.body.readableBytes) bytes")
            }
        }
    }
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
    let answers = try exampleFormFields()
    try await app.test(.router) { client in
        for step in 1...9 {
            let fields = answers + [("step", "\(step)"), ("action", "next"), ("lang", "da"), ("submission", submissionKey)]
            try await client.execute(uri: "/questionnaire", method: .post, headers: formHeaders, body: form(fields)) { response in
                #expect(response.html.contains("Trin \(step + 1) af 10"))
            }
        }
    }
    // Nine steps answered and the tab closed: no case, no draft, no receipt.
    #expect(try await services.database.caseCount() == 0)
    let rows = try await services.database.reader.read { db in
        try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM intakeCase) + (SELECT count(*) FROM submissionReceipt)")
    }
    #expect(rows == 0)
}
