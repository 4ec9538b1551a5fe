import Foundation
import Hummingbird
import HummingbirdTesting
import Intake
import IntakeServer
import Testing

private func submit(_ client: some TestClientProtocol, changes: [String: Any] = [:]) async throws -> String {
    try await client.execute(uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: submissionBody(changes)) { response in
        response.object["token"] as? String ?? ""
    }
}

@Test func tokenOpensTheCaseWithoutItsAnswers() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let token = try await submit(client, changes: ["crisis.now": "yes"])
        let typed = token.lowercased().replacingOccurrences(of: "-", with: "")
        var headers = jsonHeaders
        headers[.acceptLanguage] = "en-GB,en;q=0.9,da;q=0.5"
        try await client.execute(uri: "/api/v1/status", method: .post, headers: headers, body: json(["token": typed])) { response in
            #expect(response.status == .ok)
            let body = response.object
            #expect(body["state"] as? String == "new")
            #expect(body["stateText"] as? String == "Received – waiting for a counsellor")
            #expect(body["track"] as? String == "anonymous")
            #expect(body["flags"] as? [String] == ["crisis"])
            #expect(body["priority"] as? Int == 1)
            #expect((body["composites"] as? [String: Any])?.count == 7)
            #expect(body["answers"] == nil)
            #expect(body["token"] == nil)
            #expect(response.headers[.cacheControl] == "no-store")
        }
    }
}

@Test func mistypedTokenIsToldToCheckTheCharacters() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        var token = Array(try await submit(client))
        token[3] = token[3] == "X" ? "Y" : "X"
        try await client.execute(uri: "/api/v1/status?lang=en", method: .post, headers: jsonHeaders, body: json(["token": String(token)])) {
            response in
            #expect(response.status == .unprocessableContent)
            #expect(response.errorMessage?.hasPrefix("That token is not written correctly. Check the characters") == true)
            #expect(response.problemItems["token"] != nil)
        }
    }
}

@Test func unknownTokenGetsAGenericNotFound() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(
            uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: json(["token": Token.generate().formatted])
        ) { response in
            #expect(response.status == .notFound)
            #expect(response.errorMessage == "Vi kan ikke finde en sag med den kode.")
        }
        try await client.execute(uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: json(["code": "x"])) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["token"] == "Send koden i feltet \"token\".")
        }
    }
}

@Test func repeatedUnknownTokensAreSlowedDown() async throws {
    let (app, _) = try makeApplication(services: CitizenServices.testing(configuration: .testingWithLimits))
    try await app.test(.router) { client in
        let token = try await submit(client)
        for _ in 0..<5 {
            try await client.execute(
                uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: json(["token": Token.generate().formatted])
            ) { response in
                #expect(response.status == .notFound)
            }
        }
        // Even the right token must now wait: the guesser cannot tell a hit from a miss.
        try await client.execute(uri: "/api/v1/status?lang=en", method: .post, headers: jsonHeaders, body: json(["token": token])) {
            response in
            #expect(response.status == .tooManyRequests)
            #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(response.errorMessage?.hasPrefix("Too many attempts. Wait") == true)
        }
    }
}

@Test func mistypedTokensDoNotCountAsGuesses() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let token = try await submit(client)
        for _ in 0..<8 {
            try await client.execute(uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: json(["token": "ABCD"])) {
                response in
                #expect(response.status == .unprocessableContent)
            }
        }
        try await client.execute(uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: json(["token": token])) { response in
            #expect(response.status == .ok)
        }
    }
}
