import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IntakeServer
import Testing

@Test(arguments: [
    ("?lang=en", nil, "en", "How much have problems with your physical health troubled or bothered you in the last 30 days?"),
    ("?lang=da", nil, "da", "Hvor meget har problemer med dit fysiske helbred generet dig de sidste 30 dage?"),
    ("", "en-US,en;q=0.8", "en", "How much have problems with your physical health troubled or bothered you in the last 30 days?"),
    ("", nil, "da", "Hvor meget har problemer med dit fysiske helbred generet dig de sidste 30 dage?"),
])
func questionnaireComesInTheAskedLanguage(query: String, acceptLanguage: String?, language: String, medTroubled: String) async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        var headers: HTTPFields = [:]
        if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
        try await client.execute(uri: "/api/v1/questionnaire\(query)", method: .get, headers: headers) { response in
            #expect(response.status == .ok)
            let body = response.object
            #expect(body["version"] as? String == "asi-sr-1")
            #expect(body["language"] as? String == language)
            let sections = body["sections"] as? [[String: Any]] ?? []
            #expect(sections.count == 10)
            let items = sections.flatMap { $0["items"] as? [[String: Any]] ?? [] }
            #expect(items.count == 52)
            let troubled = items.first { $0["id"] as? String == "med.troubled" }
            #expect(troubled?["text"] as? String == medTroubled)
            #expect(troubled?["type"] as? String == "rating")
            #expect((troubled?["options"] as? [[String: Any]])?.map { $0["value"] as? Int } == [0, 1, 2, 3, 4])
            let days = items.first { $0["id"] as? String == "med.days" }
            #expect(days?["minimum"] as? Int == 0 && days?["maximum"] as? Int == 30)
            #expect((items.first { $0["id"] as? String == "bg.municipality" }?["options"] as? [Any])?.count == 99)
            #expect((body["skip"] as? [String: String])?["value"] == "skip")
        }
    }
}

@Test func unsupportedLanguageIsRefusedClearly() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(uri: "/api/v1/questionnaire?lang=fr", method: .get) { response in
            #expect(response.status == .badRequest)
            #expect(response.errorMessage == "Sproget skal være \"da\" eller \"en\".")
        }
    }
}

@Test(arguments: ["/health", "/api/v1/questionnaire", "/no/such/page"])
func everyAnswerCarriesThePrivacyHeaders(uri: String) async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(uri: uri, method: .get) { response in
            #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer")
            #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
            #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(response.headers[.init("Server")!] == nil)
        }
    }
}

@Test func unknownAddressGetsALocalisedNotFound() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(uri: "/api/v1/nothing-here?lang=en", method: .get) { response in
            #expect(response.status == .notFound)
            #expect(response.errorMessage == "There is nothing at this address.")
        }
    }
}
