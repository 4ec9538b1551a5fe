import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import IntakeServer
import Testing

/// Services with the production limits (the other tests raise them).
private func limitedServices() throws -> CitizenServices {
    try CitizenServices.testing(configuration: .testingWithLimits)
}

@Test func aClientThatFloodsSubmissionsIsToldToWaitAndNothingMoreIsStored() async throws {
    let services = try limitedServices()
    let (app, _) = try makeApplication(services: services)
    try await app.test(.router) { client in
        for _ in 0..<5 {
            try await client.execute(uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: submissionBody()) {
                #expect($0.status == .created)
            }
        }
        try await client.execute(uri: "/api/v1/submissions?lang=en", method: .post, headers: jsonHeaders, body: submissionBody()) {
            response in
            #expect(response.status == .tooManyRequests)
            #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(response.errorMessage?.hasPrefix("Too many requests right now. Wait") == true)
        }
    }
    #expect(try await services.database.caseCount() == 5)
}

@Test func theCheckPageKeepsTheAnswersWhenSubmissionsAreLimited() async throws {
    let services = try limitedServices()
    let (app, _) = try makeApplication(services: services)
    try await app.test(.router) { client in
        for round in 0..<6 {
            let browser = PageBrowser(client)
            let page = try await browser.submitEverything(language: "en")
            if round < 5 {
                #expect(page.shownToken != nil)
            } else {
                // Back on the check page (post, redirect, get), with every answer still there.
                #expect(page.redirects == ["/questionnaire/check"])
                #expect(page.html.contains("they are not lost"))
                #expect(page.html.contains("Check your answers"))
                #expect(page.html.contains("2 days"))
                #expect(browser.cookies["indgang_draft"] != nil)
            }
        }
    }
    #expect(try await services.database.caseCount() == 5)
}

@Test func tokenLookUpsAndMessagesAreLimitedPerClient() async throws {
    let services = try limitedServices()
    let (app, _) = try makeApplication(services: services)
    try await app.test(.router) { client in
        let token = try await client.execute(uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: submissionBody()) {
            $0.object["token"] as? String ?? ""
        }
        var statuses: [HTTPResponse.Status] = []
        // A burst of 20, then one a second: on a busy machine a token comes back for every second
        // the burst takes, so that many more may pass before the 429, and no more.
        let started = ContinuousClock.now
        while statuses.count < 200, statuses.last != .tooManyRequests {
            statuses.append(
                try await client.execute(uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: json(["token": token])) {
                    $0.status
                })
        }
        let refilled = Int((ContinuousClock.now - started).components.seconds) + 1
        #expect(statuses.prefix(20).allSatisfy { $0 == .ok })
        #expect(statuses.last == .tooManyRequests)
        #expect(statuses.count <= 21 + refilled, "\(statuses.count) requests in \(refilled) s")
    }
}

@Test func aFloodOfTheCitizenSideLeavesTheStaffAPIAnswering() async throws {
    var configuration = AppConfiguration.testing
    configuration.rateLimitScale = 1
    let citizen = try CitizenServices.testing(configuration: configuration)
    let staff = try StaffServices(citizen: citizen, hashing: configuration.passwordHashing, configuration: configuration)
    let oneTime = try await staff.directory.addUser("mette", role: .staff)
    try await Application(router: buildCitizenRouter(citizen)).test(.router) { client in
        for _ in 0..<8 {
            _ = try await client.execute(uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: submissionBody()) {
                $0.status
            }
        }
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: submissionBody()) {
            #expect($0.status == .tooManyRequests)
        }
    }
    try await Application(router: buildStaffRouter(staff)).test(.router) { client in
        try await client.execute(
            uri: "/staff/v1/session", method: .post, headers: [.contentType: "application/json"],
            body: json(["username": "mette", "password": oneTime])
        ) { #expect($0.status == .created) }
    }
}

@Test func floodsOfLoginsAreLimitedBeforeAnyPasswordIsHashed() async throws {
    var configuration = AppConfiguration.testing
    configuration.rateLimitScale = 1
    let citizen = try CitizenServices.testing(configuration: configuration)
    let staff = try StaffServices(citizen: citizen, hashing: configuration.passwordHashing, configuration: configuration)
    try await Application(router: buildStaffRouter(staff)).test(.router) { client in
        var statuses: [HTTPResponse.Status] = []
        for round in 0..<6 {
            statuses.append(
                try await client.execute(
                    uri: "/staff/v1/session", method: .post, headers: [.contentType: "application/json"],
                    body: json(["username": "user\(round)", "password": "x"])
                ) { $0.status })
        }
        #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
        #expect(statuses.last == .tooManyRequests)
    }
}

/// A flood of requests that prove nothing (broken JSON, answers missing, no token) costs nobody a
/// token of the budget: the genuine submission after it goes through, from the same client.
@Test func brokenRequestsDrainNoBudget() async throws {
    let services = try limitedServices()
    let (app, _) = try makeApplication(services: services)
    try await app.test(.router) { client in
        for _ in 0..<30 {
            try await client.execute(
                uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: ByteBuffer(string: "{\"questionnaire\": ")
            ) { #expect($0.status == .badRequest) }
            try await client.execute(
                uri: "/api/v1/submissions", method: .post, headers: jsonHeaders,
                body: ByteBuffer(string: "{\"questionnaire\": \"asi-sr-1\"}")
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: ByteBuffer(string: "{}")) {
                #expect($0.status == .unprocessableContent)
            }
        }
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: jsonHeaders, body: submissionBody()) {
            #expect($0.status == .created)
        }
    }
}
