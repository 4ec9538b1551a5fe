import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import Testing

@testable import IntakeServer

@Test func startPageIsDanishByDefaultAndSaysWhatAnonymityMeans() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(uri: "/", method: .get) { response in
            #expect(response.status == .ok)
            #expect(response.html.contains("<html lang=\"da\">"))
            #expect(response.html.contains("Få hjælp – uden at sige, hvem du er"))
            #expect(response.html.contains("Vi spørger aldrig om dit navn, CPR-nummer"))
            #expect(response.html.contains("Mister du den, kan vi heller ikke finde sagen"))
            #expect(response.html.contains("pligt til at underrette kommunen"))
            #expect(response.html.contains("href=\"/questionnaire?lang=da\""))
            #expect(response.html.contains("href=\"/token?lang=da\""))
            #expect(response.html.contains("href=\"/help?lang=da\""))
            #expect(response.html.contains("hreflang=\"en\""))
        }
    }
}

@Test func languageComesFromTheQueryTheCookieOrAcceptLanguage() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let cookie = try await client.execute(uri: "/?lang=en", method: .get) { response in
            #expect(response.html.contains("<html lang=\"en\">"))
            #expect(response.html.contains("Get help – without saying who you are"))
            let cookies = response.headers[values: .setCookie]
            let language = cookies.first { $0.hasPrefix("indgang_lang=") }
            #expect(language?.hasPrefix("indgang_lang=en;") == true)
            #expect(language?.contains("HttpOnly") == true && language?.contains("SameSite=Strict") == true)
            return language?.split(separator: ";").first.map(String.init) ?? ""
        }
        try await client.execute(uri: "/help", method: .get, headers: [.cookie: cookie]) { response in
            #expect(response.html.contains("<html lang=\"en\">"))
        }
        try await client.execute(uri: "/token", method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.9"]) { response in
            #expect(response.html.contains("<html lang=\"en\">"))
            #expect(response.html.contains("Enter the code you got"))
        }
    }
}

@Test(arguments: ["/", "/help", "/token", "/questionnaire/1", "/no-such-page"])
func pagesHoldNoScriptNoInlineStyleAndAStrictPolicy(uri: String) async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.get("/questionnaire")
        let response = try await browser.get(uri)
        do {
            let policy = response.headers[.contentSecurityPolicy] ?? ""
            #expect(policy.contains("default-src 'self'"))
            #expect(policy.contains("script-src 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(!response.html.contains("<script"))
            #expect(!response.html.contains(" style="))
            #expect(!response.html.contains("http://") && !response.html.contains("//cdn"))
        }
    }
}

@Test func unknownPageIsAnHTMLPageAndUnknownAPIPathIsJSON() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(uri: "/nowhere?lang=en", method: .get) { response in
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.html.contains("Page not found"))
        }
        try await client.execute(uri: "/api/v1/nowhere", method: .get) { response in
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }
}

@Test func helpPageListsTheEmergencyContactsFromTheContentFile() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(uri: "/help?lang=en", method: .get) { response in
            #expect(response.html.contains("href=\"tel:112\""))
            #expect(response.html.contains("Livslinien"))
            #expect(response.html.contains("href=\"tel:70201201\""))
            #expect(response.html.contains("Giftlinjen"))
            #expect(response.html.contains("name and CPR number"))
            #expect(response.html.contains("rel=\"noreferrer noopener\""))
        }
    }
}

@Test func aMunicipalityCanReplaceTheEmergencyContacts() async throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("contacts-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: file) }
    let local = """
        {"reviewed": "2026-11-01", "contacts": [{"name": {"da": "Akutteamet i Aarhus", "en": "Aarhus acute team"},
        "phone": "12 34 56 78", "hours": {"da": "Døgnet rundt", "en": "Day and night"}, "text": {"da": "Ring.", "en": "Call."}}]}
        """
    try local.write(to: file, atomically: true, encoding: .utf8)
    var configuration = AppConfiguration.testing
    configuration.emergencyContactsPath = file.path
    let (app, _) = try makeApplication(services: .testing(configuration: configuration))
    try await app.test(.router) { client in
        try await client.execute(uri: "/help", method: .get) { response in
            #expect(response.html.contains("Akutteamet i Aarhus"))
            #expect(response.html.contains("tel:12345678"))
            #expect(!response.html.contains("Livslinien"))
            #expect(response.html.contains("2026-11-01"))
        }
    }
}

@Test func tokenPageOpensTheCaseAndTellsMistypedFromUnknown() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let token = try await client.execute(uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: submissionBody()) {
            $0.object["token"] as? String ?? ""
        }
        let browser = PageBrowser(client)
        _ = try await browser.get("/token?lang=en")
        let opened = try await browser.post("/token", [("token", token.lowercased()), ("lang", "en")])
        #expect(opened.redirects == ["/case"] && opened.status == .ok)
        #expect(opened.html.contains("Your case"))
        #expect(opened.html.contains("Received – waiting for a counsellor"))
        #expect(opened.html.contains("Anonymous treatment"))
        // The session cookie holds a random id, nothing of the code.
        let session = try #require(browser.cookies["indgang_case"])
        #expect(session.utf8.count == 32 && !session.uppercased().contains(token.prefix(4)))

        var mistyped = Array(token)
        mistyped[0] = mistyped[0] == "A" ? "B" : "A"
        let checked = try await browser.post("/token", [("token", String(mistyped)), ("lang", "en")])
        #expect(checked.redirects == ["/token"])
        #expect(checked.html.contains("Check the characters"))
        #expect(checked.html.contains("aria-invalid=\"true\""))
        #expect(checked.html.contains("value=\"\(String(mistyped))\""))
        // Shown once: Reload shows the plain form.
        #expect(!(try await browser.get("/token")).html.contains("Check the characters"))
        let unknown = try await browser.post("/token", [("token", Token.generate().formatted), ("lang", "da")])
        #expect(unknown.html.contains("Vi kan ikke finde en sag med den kode."))
        let empty = try await browser.post("/token", [("token", " "), ("lang", "da")])
        #expect(empty.html.contains("Skriv din kode."))
    }
}

@Test func formPostsFromOtherSitesAreRefused() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let fields = form([("token", Token.generate().formatted), ("csrf", "0123456789abcdef0123456789abcdef")])
        for site in ["cross-site", "same-site"] {
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            headers[HTTPField.Name("Sec-Fetch-Site")!] = site
            try await client.execute(uri: "/token", method: .post, headers: headers, body: fields) { response in
                #expect(response.status == .forbidden)
            }
        }
        // Without Fetch Metadata, the form's value must match the cookie.
        let plain: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        try await client.execute(uri: "/token", method: .post, headers: plain, body: fields) { response in
            #expect(response.status == .forbidden)
        }
        var withCookie = plain
        withCookie[.cookie] = "indgang_csrf=0123456789abcdef0123456789abcdef"
        try await client.execute(uri: "/token", method: .post, headers: withCookie, body: fields) { response in
            #expect(response.status == .seeOther)
        }
        withCookie[.cookie] = "indgang_csrf=ffffffffffffffffffffffffffffffff"
        try await client.execute(uri: "/token", method: .post, headers: withCookie, body: fields) { response in
            #expect(response.status == .forbidden)
        }
        for uri in ["/questionnaire/1", "/questionnaire/send", "/case/message", "/case/logout", "/questionnaire/receipt/open"] {
            try await client.execute(uri: uri, method: .post, headers: plain, body: form([("action", "next")])) { response in
                #expect(response.status == .forbidden, "\(uri)")
                #expect(response.html.contains("Formularen kunne ikke sendes"))
            }
        }
    }
}

@Test func everyFormCarriesTheAntiForgeryValueOfItsCookie() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        let page = try await browser.get("/questionnaire")
        let value = try #require(browser.cookies["indgang_csrf"])
        #expect(value.count == 32)
        #expect(page.html.firstMatch(of: /name="csrf" value="([0-9a-f]{32})"/).map { String($0.output.1) } == value)
    }
}

@Test func secureCookiesBehindHTTPS() async throws {
    var configuration = AppConfiguration.testing
    configuration.behindHTTPS = true
    let (app, _) = try makeApplication(services: .testing(configuration: configuration))
    try await app.test(.router) { client in
        try await client.execute(uri: "/?lang=en", method: .get) { response in
            let cookies = response.headers[values: .setCookie]
            #expect(cookies.contains { $0.hasPrefix("__Host-indgang_lang=en") && $0.contains("Secure") })
            // A page without a form sets no anti-forgery cookie.
            #expect(!cookies.contains { $0.contains("csrf") })
            #expect(response.headers[.strictTransportSecurity] == "max-age=31536000")
        }
        try await client.execute(uri: "/token?lang=en", method: .get) { response in
            let cookies = response.headers[values: .setCookie]
            #expect(cookies.contains { $0.hasPrefix("__Host-indgang_csrf=") && $0.contains("Secure") && $0.contains("Path=/") })
        }
    }
}

@Test func theQuickExitForgetsEverythingAndLeaves() async throws {
    let (app, services) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.submitEverything()
        _ = try await browser.post("/questionnaire/receipt/open", [])
        _ = try await browser.get("/questionnaire")
        #expect(browser.cookies["indgang_draft"] != nil && browser.cookies["indgang_receipt"] != nil)
        #expect(await services.sessions.count == 1)
        // Every page has the link, first thing in the header, without a referrer.
        let page = try await browser.get("/questionnaire/2")
        #expect(page.html.contains("<a class=\"quick-exit\" href=\"/exit\" rel=\"noreferrer\">"))
        #expect(browser.cookies["indgang_lang"] != nil && browser.cookies["indgang_csrf"] != nil)
        let left = try await browser.get("/exit")
        #expect(left.status == .seeOther && left.path == "https://www.dmi.dk/")
        // The language and the anti-forgery value too: no cookie of the service is left.
        #expect(browser.cookies.isEmpty, "\(browser.cookies)")
        #expect(browser.cookies["indgang_draft"] == nil && browser.cookies["indgang_receipt"] == nil)
        #expect(browser.cookies["indgang_case"] == nil)
        #expect(await services.sessions.count == 0)
        #expect(try await browser.get("/questionnaire/2?lang=en").html.contains("Your answers are no longer here"))
    }
}

@Test func theStartPageIsRenderedOncePerLanguageAndItsCookiesAreStillPerRequest() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        func get(_ uri: String, cookie: String? = nil) async throws -> (String, [String]) {
            try await client.execute(uri: uri, method: .get, headers: cookie.map { [.cookie: $0] } ?? [:]) {
                (String(buffer: $0.body), $0.headers[values: .setCookie])
            }
        }
        let (first, firstCookies) = try await get("/?lang=en")
        let (second, secondCookies) = try await get("/?lang=en")
        #expect(first == second && first.contains("lang=\"en\""))
        #expect(firstCookies.contains { $0.hasPrefix("indgang_lang=en") } && secondCookies.contains { $0.hasPrefix("indgang_lang=en") })
        let (danish, _) = try await get("/?lang=da")
        #expect(danish.contains("lang=\"da\"") && danish != first)
        // An assisted session's start page is its own, with the way to hand the device back.
        let (assisted, _) = try await get("/", cookie: "indgang_assisted=en")
        #expect(assisted.contains("action=\"/assisted/end\"") && !first.contains("action=\"/assisted/end\""))
        #expect(try await get("/?lang=en").0 == first)
    }
}
