import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import IntakeServer
import Testing

/// The street team's shared device: an assisted session keeps nothing beyond itself, and its case
/// is the street team's.
@Suite struct AssistedSessionTests {
    /// Every cookie the pages set that outlives the browser session (a `Max-Age` other than 0).
    private func lasting(_ browser: PageBrowser) -> [String] {
        browser.setCookies.filter { $0.contains("Max-Age=") && !$0.contains("Max-Age=0") }
    }

    @Test func anAssistedSessionRemembersNothingBeyondItselfAndTheCaseIsTheStreetTeams() async throws {
        let (app, services) = try makeApplication()
        _ = try await services.database.addPartner(PartnerInput(slug: "gadeteam", name: "Gadeteamet", origin: nil), at: testInstant)
        try await app.test(.router) { client in
            let browser = PageBrowser(client)
            let start = try await browser.get("/assisted?partner=gadeteam&lang=en")
            #expect(start.html.contains("action=\"/assisted/start\""))
            #expect(start.html.contains("name=\"partner\" value=\"gadeteam\""))
            let first = try await browser.post("/assisted/start", [("lang", "en"), ("partner", "gadeteam")])
            #expect(first.path == "/questionnaire/1")
            #expect(browser.cookies["indgang_assisted"] == "en")
            #expect(browser.cookies["indgang_lang"] == nil)
            // Every page says so and can end it; the step's form asks the browser to keep nothing.
            #expect(first.html.contains("With the street team: the device remembers nothing"))
            #expect(first.html.contains("action=\"/assisted/end\""))
            #expect(first.html.contains("id=\"step-form\" method=\"post\" action=\"/questionnaire/1\" autocomplete=\"off\""))
            // The language switched on a step stays in the session, not in a cookie of a year.
            let danish = try await browser.post("/questionnaire/1", [("switch_lang", "da"), ("lang", "en")])
            #expect(danish.html.contains("lang=\"da\""))
            #expect(browser.cookies["indgang_assisted"] == "da" && browser.cookies["indgang_lang"] == nil)
            let receipt = try await browser.submitEverything(["crisis.now": "yes"], language: "da", from: danish)
            let token = try #require(receipt.shownToken)
            #expect(receipt.html.contains("Færdig – koden er skrevet ned"))
            #expect(receipt.html.contains("indtil I trykker »Færdig«, dog højst i 10 minutter"))
            #expect(!receipt.html.contains("code.txt") && !receipt.html.contains("/questionnaire/receipt/print"))
            #expect(try await browser.get("/questionnaire/receipt/code.txt").path == "/questionnaire/receipt")
            #expect(try await browser.get("/questionnaire/receipt/print").path == "/questionnaire/receipt")
            #expect(lasting(browser).isEmpty, "\(lasting(browser))")
            #expect(!browser.setCookies.contains { $0.hasPrefix("indgang_lang=") && !$0.contains("Max-Age=0") })

            let found = try await services.intake.findCase(token: token)
            #expect(found.channel == .street)
            #expect(found.partner == "gadeteam")

            // "Done": everything is forgotten, and the page after sets no cookie at all.
            let ended = try await browser.post("/assisted/end", [])
            #expect(ended.redirects == ["/assisted/ended"])
            #expect(ended.headers[values: .setCookie].isEmpty)
            #expect(ended.html.contains("Enheden kan gives tilbage") || ended.html.contains("The device can be handed back"))
            #expect(browser.cookies.isEmpty, "\(browser.cookies)")
            let again = try await browser.get("/questionnaire/receipt")
            #expect(!again.html.contains(token))
        }
    }

    @Test func handingTheDeviceBackHalfwayForgetsTheAnswers() async throws {
        let (app, _) = try makeApplication()
        try await app.test(.router) { client in
            let browser = PageBrowser(client)
            _ = try await browser.get("/assisted")
            _ = try await browser.post("/assisted/start", [("lang", "en")])
            _ = try await browser.post("/questionnaire/1", try exampleFormFields() + [("action", "next")])
            // Without the anti-forgery cookie too: ending must always work.
            browser.forget("indgang_csrf")
            let ended = try await browser.post("/assisted/end", [])
            #expect(ended.path == "/assisted/ended")
            #expect(browser.cookies.isEmpty)
            let step = try await browser.get("/questionnaire/2")
            #expect(!step.html.contains("id=\"step-form\""))
        }
    }

    @Test func aNewAssistedSessionForgetsWhatAnEarlierVisitorLeft() async throws {
        let (app, _) = try makeApplication()
        try await app.test(.router) { client in
            let browser = PageBrowser(client)
            // Someone used the device as their own: a language of a year, a receipt.
            let receipt = try await browser.submitEverything(language: "en")
            #expect(receipt.shownToken != nil && browser.cookies["indgang_lang"] == "en")
            let first = try await browser.post("/assisted/start", [("lang", "da")])
            #expect(first.path == "/questionnaire/1")
            #expect(browser.cookies["indgang_lang"] == nil && browser.cookies["indgang_receipt"] == nil)
            #expect(browser.cookies["indgang_assisted"] == "da")
            // A forged start is refused like every other form post.
            let forged = try await client.execute(
                uri: "/assisted/start", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
                body: form([("lang", "da")])
            ) { $0.status }
            #expect(forged == .forbidden)
        }
    }

    @Test func theQuickExitEndsAnAssistedSessionToo() async throws {
        let (app, _) = try makeApplication()
        try await app.test(.router) { client in
            let browser = PageBrowser(client)
            _ = try await browser.post("/assisted/start", [("lang", "en")])
            let exit = try await browser.get("/exit")
            #expect(exit.status == .seeOther)
            #expect(browser.cookies["indgang_assisted"] == nil && browser.cookies["indgang_draft"] == nil)
        }
    }

    @Test func outsideTheAssistedSessionTheLanguageIsStillRememberedForAYear() async throws {
        let (app, _) = try makeApplication()
        try await app.test(.router) { client in
            let browser = PageBrowser(client)
            _ = try await browser.get("/?lang=en")
            #expect(browser.setCookies.contains { $0.hasPrefix("indgang_lang=en") && $0.contains("Max-Age=31536000") })
            #expect(!(try await browser.get("/questionnaire?lang=en")).html.contains("action=\"/assisted/end\""))
        }
    }
}
