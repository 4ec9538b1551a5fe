import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import IntakeServer
import Testing

private func registered(
    _ services: CitizenServices, slug: String = "cafe-nord", origin: String? = "https://cafe.example", showsName: Bool = false
)
    async throws -> String
{
    try await services.database.addPartner(
        PartnerInput(slug: slug, name: "Café Nord", origin: origin, showsName: showsName), at: testInstant
    ).apiKey
}

@Test func aPartnerLinkOpensTheStartPageAndCarriesTheSlugThroughTheForm() async throws {
    let (app, services) = try makeApplication()
    _ = try await registered(services, showsName: true)
    try await app.test(.router) { client in
        try await client.execute(uri: "/p/cafe-nord?lang=en", method: .get) { response in
            #expect(response.status == .ok)
            #expect(response.html.contains("You came from Café Nord."))
            #expect(response.html.contains("href=\"/questionnaire?lang=en&amp;partner=cafe-nord\""))
        }
        // The slug goes into the sealed draft; only a registered partner's is kept.
        let stranger = PageBrowser(client)
        let strangerReceipt = try await stranger.submitEverything(language: "en", partner: "someone-else")
        #expect(try await services.intake.findCase(token: try #require(strangerReceipt.shownToken)).partner == nil)
        let browser = PageBrowser(client)
        let receipt = try await browser.submitEverything(language: "en", partner: "cafe-nord")
        #expect(try await services.intake.findCase(token: try #require(receipt.shownToken)).partner == "cafe-nord")
    }
}

@Test func anUnknownOrDisabledPartnerGetsThePlainStartPage() async throws {
    let (app, services) = try makeApplication()
    _ = try await registered(services)
    try await services.database.disablePartner("cafe-nord", at: testInstant)
    try await app.test(.router) { client in
        for slug in ["cafe-nord", "never-registered", "Bad%20Slug"] {
            try await client.execute(uri: "/p/\(slug)?lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.html.contains("href=\"/questionnaire?lang=en\""))
                #expect(!response.html.contains("You came from"))
            }
        }
    }
}

@Test func theNameLineIsOffByDefault() async throws {
    let (app, services) = try makeApplication()
    _ = try await registered(services)
    try await app.test(.router) { client in
        try await client.execute(uri: "/p/cafe-nord?lang=en", method: .get) { #expect(!$0.html.contains("You came from")) }
    }
}

@Test func theStartCardMayBeFramedOnlyByThePartnersOrigin() async throws {
    let (app, services) = try makeApplication()
    _ = try await registered(services)
    _ = try await registered(services, slug: "no-origin", origin: nil)
    let stylesheet = try Data(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Public/embed.css"))
    try await app.test(.router) { client in
        try await client.execute(uri: "/embed/cafe-nord?lang=da", method: .get) { response in
            #expect(response.status == .ok)
            let policy = response.headers[.contentSecurityPolicy] ?? ""
            #expect(policy.contains("frame-ancestors https://cafe.example;"))
            #expect(policy.contains("default-src 'none'"))
            #expect(response.headers[.setCookie] == nil)
            #expect(response.html.contains("target=\"_blank\" rel=\"noopener noreferrer\""))
            #expect(response.html.contains("href=\"http://127.0.0.1:0/p/cafe-nord?lang=da\""))
            #expect(!response.html.contains("<script"))
            #expect(response.body.readableBytes + stylesheet.count < 10_000)
        }
        for slug in ["no-origin", "unknown"] {
            try await client.execute(uri: "/embed/\(slug)", method: .get) { response in
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            }
        }
    }
}

@Test(arguments: [
    "/", "/p/cafe-nord", "/questionnaire", "/token", "/help", "/partners", "/api/v1/questionnaire", "/health", "/style.css", "/nope",
])
func noOtherAddressMayBeFramed(uri: String) async throws {
    let services = try CitizenServices.testing()
    let app = Application(
        router: buildCitizenRouter(
            services,
            publicDirectory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Public").path))
    _ = try await registered(services)
    try await app.test(.router) { client in
        try await client.execute(uri: uri, method: .get) { response in
            #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
        }
    }
}

@Test func thePartnerGuideGivesHTMLToCopyAndTheRules() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(uri: "/partners?lang=en", method: .get) { response in
            #expect(response.status == .ok)
            #expect(response.html.contains("&lt;a href=&quot;http://127.0.0.1:0/p/your-slug&quot; rel=&quot;noreferrer&quot;&gt;"))
            #expect(response.html.contains("&lt;iframe src=&quot;http://127.0.0.1:0/embed/your-slug?lang=en&quot;"))
            #expect(response.html.contains("referrerpolicy=&quot;no-referrer&quot;"))
            #expect(response.html.contains("The page must use HTTPS."))
            #expect(response.html.contains("No trackers"))
            #expect(response.html.contains("Referrer-Policy: no-referrer"))
        }
    }
}

@Test func aPartnerKeySeesOnlyItsOwnCounts() async throws {
    // Decisions on Sunday 22 November (W47); the partner asks a week later.
    let time = MovableClock(at: testInstant)
    let world = try StaffWorld(clock: time.serviceClock)
    let services = world.citizen
    let app = world.citizenApp
    let cafeKey = try await registered(services)
    let shelterKey = try await registered(services, slug: "herberg-syd")
    _ = try await services.database.addProvider(
        ProviderInput(slug: "anonym-roskilde", name: "Anonym behandling", contact: "-", isAnonymous: true, isOutsideMunicipality: true),
        at: testInstant)
    let mette = try await world.staff.directory.logIn(
        username: "mette", password: try await world.staff.directory.addUser("mette", role: .staff)
    ).identity
    for (partner, count) in [("cafe-nord", 6), ("herberg-syd", 2)] {
        for _ in 0..<count {
            let issued = try await services.intake.submit(
                Submission(questionnaire: "asi-sr-1", language: .da, answers: exampleAnswers(), partner: partner))
            let reference = issued.storedCase.reference.value
            _ = try await world.staff.desk.claim(reference, by: mette)
            _ = try await world.staff.desk.decide(
                reference, DecisionInput(track: .anonymous, provider: "anonym-roskilde", plannedStart: testToday.adding(days: 7)), by: mette
            )
        }
    }
    // Undecided submissions with the partner's slug count for nothing.
    for _ in 0..<3 {
        _ = try await services.intake.submit(
            Submission(questionnaire: "asi-sr-1", language: .da, answers: exampleAnswers(), partner: "cafe-nord"))
    }
    time.set(testInstant.addingTimeInterval(7 * 86_400))
    try await app.test(.router) { client in
        try await client.execute(uri: "/api/v1/partner/stats", method: .get, headers: [.authorization: "Bearer \(cafeKey)"]) { response in
            #expect(response.status == .ok)
            #expect(response.object["partner"] as? String == "cafe-nord")
            let periods = response.object["periods"] as? [[String: Any]] ?? []
            #expect(periods.count == 1)
            #expect(periods.first?["total"] as? Int == 6)
            #expect((periods.first?["byTrack"] as? [String: Any])?["anonymous"] as? Int == 6)
        }
        try await client.execute(uri: "/api/v1/partner/stats", method: .get, headers: [.authorization: "Bearer \(shelterKey)"]) {
            response in
            let periods = response.object["periods"] as? [[String: Any]] ?? []
            #expect(periods.first?["total"] as? String == "<5")
        }
        try await client.execute(uri: "/api/v1/partner/stats?lang=en", method: .get, headers: [.authorization: "Bearer ipk_wrong"]) {
            response in
            #expect(response.status == .unauthorized)
            #expect(response.errorMessage?.hasPrefix("Send the partner's API key") == true)
        }
        try await client.execute(uri: "/api/v1/partner/stats", method: .get) { #expect($0.status == .unauthorized) }
        try await client.execute(uri: "/api/v1/partner/stats?from=yesterday", method: .get, headers: [.authorization: "Bearer \(cafeKey)"])
        {
            #expect($0.status == .badRequest)
        }
    }
}

@Test func staffStatisticsCountPartnersTheSameWay() async throws {
    let world = try StaffWorld()
    _ = try await registered(world.citizen)
    let headers = try await world.logIn("anne", admin: true)
    for _ in 0..<3 {
        _ = try await world.citizen.intake.submit(
            Submission(questionnaire: "asi-sr-1", language: .da, answers: exampleAnswers(), partner: "cafe-nord"))
    }
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/stats", method: .get, headers: headers) { response in
            let week = (response.object["weeks"] as? [[String: Any]])?.first ?? [:]
            #expect((week["byPartner"] as? [String: Any])?["cafe-nord"] as? String == "<5")
        }
    }
}

/// The answers of the example submission.
func exampleAnswers() throws -> [String: JSONValue] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs/examples/submission.json")
    let body = try JSONDecoder().decode([String: JSONValue].self, from: Data(contentsOf: url))
    guard case .object(let answers) = body["answers"] else { return [:] }
    return answers
}
