import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import IntakeServer
import Testing

@Test func validSubmissionGetsATokenATrackAndReasons() async throws {
    let (app, services) = try makeApplication()
    let token = try await app.test(.router) { client in
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: submissionBody()) { response in
            #expect(response.status == .created)
            let body = response.object
            #expect(body["caseReference"] as? String != nil)
            #expect(body["track"] as? String == "anonymous")
            #expect(body["flags"] as? [String] == [])
            #expect(body["priority"] as? Int == 3)
            #expect(body["questionnaireVersion"] as? String == "asi-sr-1")
            #expect(body["rulesVersion"] as? String == "triage-1")
            // drug = (8 + 12 + 6 + 4)/390 + 3/52 + 3/52 = 0.19231…, shown with 3 decimals
            #expect((body["composites"] as? [String: Double])?["drug"] == 0.192)
            let reasons = body["reasons"] as? [[String: Any]] ?? []
            #expect(reasons.first?["rule"] as? String == "track.anonymous")
            #expect((reasons.first?["text"] as? String)?.hasPrefix("Anonymous treatment: 18 or older") == true)
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.headers[.contentLength] == String(response.body.readableBytes))
            return body["token"] as? String ?? ""
        }
    }
    #expect(token.wholeMatch(of: /[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}/) != nil)
    #expect(try await services.intake.findCase(token: token).track == .anonymous)
    #expect(try await services.database.caseCount() == 1)
}

@Test func everyProblemIsListedInTheRequestsLanguageAndNothingIsStored() async throws {
    let (app, services) = try makeApplication()
    try await app.test(.router) { client in
        let body = try submissionBody(["med.days": 45, "bg.age_band": 25, "made.up": 1, "psy.symptoms": ["sad"]], language: "da")
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: body) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.errorMessage == "Nogle svar skal rettes. Intet er gemt.")
            #expect(
                response.problemItems == [
                    "med.days": "Svar med et helt tal fra 0 til 30, eller send \"skip\".",
                    "bg.age_band": "Svar med et af svarmulighederne som tekst, eller send \"skip\".",
                    "made.up": "Der er intet spørgsmål med dette id i spørgeskemaet. Fjern det.",
                    "psy.symptoms":
                        "\"sad\" er ikke en af svarmulighederne. Spørgeskemaet (GET /api/v1/questionnaire) viser de mulige svar.",
                ])
        }
        let almostEmpty = try json(["questionnaire": "asi-sr-1", "language": "en", "answers": ["crisis.now": "no"]])
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: almostEmpty) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems.count == 51)
            #expect(
                response.problemItems["med.days"] == "The answer is missing. Answer the question, or send \"skip\" if you'd rather not say."
            )
        }
    }
    #expect(try await services.database.caseCount() == 0)
}

@Test func envelopeFieldsAreCheckedToo() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(
            uri: "/api/v1/submissions", method: .post, headers: jsonHeaders,
            body: submissionBody(language: "fr", questionnaire: "asi-sr-9")
        ) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["language"] == "Sproget skal være \"da\" eller \"en\".")
            #expect(response.problemItems["questionnaire"] == "Spørgeskemaet \"asi-sr-9\" kendes ikke. Brug \"asi-sr-1\".")
        }
        try await client.execute(
            uri: "/api/v1/submissions", method: .post, headers: jsonHeaders,
            body: json(["questionnaire": "asi-sr-1", "language": "en", "answers": [1, 2], "partner": "NOT OK"])
        ) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems.keys.sorted() == ["answers"])
        }
    }
}

@Test func partnerSlugAndLanguageAreStoredWithTheCase() async throws {
    let (app, services) = try makeApplication()
    _ = try await services.database.addPartner(
        PartnerInput(slug: "cafe-nord", name: "Café Nord", origin: nil, showsName: false), at: testInstant)
    var fields = try JSONSerialization.jsonObject(with: Data(buffer: submissionBody(language: "da"))) as! [String: Any]
    fields["partner"] = "cafe-nord"
    let body = try json(fields)
    let token = try await app.test(.router) { client in
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: body) { response in
            #expect(response.status == .created)
            #expect(
                (response.object["reasons"] as? [[String: Any]])?.first?["text"] as? String
                    == "Anonym behandling: 18 år eller ældre, behov for behandling for stoffer (stof-score 0,192) og ingen andre store problemer."
            )
            return response.object["token"] as? String ?? ""
        }
    }
    let stored = try await services.intake.findCase(token: token)
    #expect(stored.partner == "cafe-nord")
    #expect(stored.language == .da)
    #expect(stored.municipality == "751")
}

@Test(arguments: [
    ("text/plain", "{}", HTTPResponse.Status.unsupportedMediaType),
    ("application/json", "{\"questionnaire\":", .badRequest),
    ("application/json", "[1, 2]", .badRequest),
    ("application/json", String(repeating: "a", count: 70_000), .contentTooLarge),
    ("application/json; charset=utf-8", "{}", .unprocessableContent),
])
func malformedBodiesGetAClearClientError(contentType: String, body: String, status: HTTPResponse.Status) async throws {
    let (app, services) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(
            uri: "/api/v1/submissions", method: .post, headers: [.contentType: contentType], body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == status)
            #expect(response.errorMessage?.isEmpty == false)
        }
    }
    #expect(try await services.database.caseCount() == 0)
}

@Test func retriedSubmissionWithTheSameKeyIsAnsweredWithTheFirstResult() async throws {
    let (app, services) = try makeApplication()
    let key = HTTPField.Name("Idempotency-Key")!
    var keyed = jsonHeaders
    keyed[key] = "b7e3a0b26c0e4a4e9d8e3f1f0c2d9e11"
    var shortKey = jsonHeaders
    shortKey[key] = "short"
    let headers = keyed
    let badHeaders = shortKey
    try await app.test(.router) { client in
        let first = try await client.execute(uri: "/api/v1/submissions", method: .post, headers: headers, body: submissionBody()) {
            $0.object
        }
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: headers, body: submissionBody()) { response in
            #expect(response.status == .created)
            #expect(response.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(response.object["token"] as? String == first["token"] as? String)
            #expect(response.object["caseReference"] as? String == first["caseReference"] as? String)
        }
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: headers, body: submissionBody(["med.days": 9])) {
            response in
            #expect(response.status == .unprocessableContent)
            #expect(response.errorMessage?.contains("Idempotency-Key") == true)
        }
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: badHeaders, body: submissionBody()) { response in
            #expect(response.status == .badRequest)
        }
        // Long enough, but a counter: anyone could guess it.
        var counter = jsonHeaders
        counter[key] = "00000000000000000000000000000001"
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: counter, body: submissionBody()) { response in
            #expect(response.status == .badRequest)
            #expect(response.errorMessage?.contains("128") == true)
        }
    }
    #expect(try await services.database.caseCount() == 1)
}

@Test func concurrentSubmissionsAreAllStored() async throws {
    let (app, services) = try makeApplication()
    try await app.test(.router) { client in
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await client.execute(uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: submissionBody()) {
                        response in
                        #expect(response.status == .created)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
    #expect(try await services.database.caseCount() == 20)
}

@Test func aReplayedKeyFromAnotherAddressGetsNoToken() async throws {
    var configuration = AppConfiguration.testing
    configuration.trustForwardedFor = true
    let (app, services) = try makeApplication(services: .testing(configuration: configuration))
    @Sendable func headers(from address: String) -> HTTPFields {
        var headers = jsonHeaders
        headers[HTTPField.Name("Idempotency-Key")!] = "7c1e9a04b3f25d68e0a7c4b19f3d2e56"  // a key someone else learned
        headers[HTTPField.Name("X-Forwarded-For")!] = address
        return headers
    }
    try await app.test(.router) { client in
        let first = try await client.execute(
            uri: "/api/v1/submissions", method: .post, headers: headers(from: "192.0.2.10"), body: submissionBody()
        ) { $0.object["token"] as? String }
        #expect(first != nil)
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: headers(from: "198.51.100.7"), body: submissionBody())
        {
            response in
            #expect(response.status == .unprocessableContent)
            #expect(response.object["token"] == nil)
            #expect(!String(buffer: response.body).contains(first ?? "no token"))
        }
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: headers(from: "192.0.2.10"), body: submissionBody()) {
            #expect($0.object["token"] as? String == first)
        }
    }
    #expect(try await services.database.caseCount() == 1)
}
