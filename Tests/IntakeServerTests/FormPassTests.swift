import Foundation
import HTTPTypes
import HostileInput
import Hummingbird
import HummingbirdTesting
import Intake
import PropertyBased
import Testing

@testable import IntakeServer

@Test func aPassIsAWellFormedKeyThatOnlyThisProcessCanDate() throws {
    let passes = FormPasses(minimumAge: .seconds(30))
    let pass = passes.issue()
    #expect(pass.utf8.count == 54 && IntakeService.isWellFormedIdempotencyKey(pass))
    let age = try #require(passes.age(of: pass))
    #expect(age >= .zero && age < .seconds(5))
    #expect(passes.issue() != pass)
    // Another process (a restart), a changed character, a key of the client's own: no pass.
    #expect(FormPasses(minimumAge: .seconds(30)).age(of: pass) == nil)
    var changed = Array(pass)
    changed[20] = changed[20] == "A" ? "B" : "A"
    #expect(passes.age(of: String(changed)) == nil)
    #expect(passes.age(of: "3f9a0c7e21b54d86a1e07c39b2f45d18") == nil)
}

@Test func anyTextIsEitherAPassOrNot() async {
    let passes = FormPasses(minimumAge: .zero)
    await propertyCheck(count: 3_000, input: hostileText) { text in
        #expect(passes.age(of: text) == nil)
    }
}

@Test func aPassDrawsOnTheProvenShareOnceOldEnoughAndOnlyUntilItIsUsed() async throws {
    let services = try CitizenServices.testing()
    let young = FormPasses(minimumAge: .seconds(30))
    #expect(try await young.withLane(for: young.issue(), intake: services.intake) { $0 } == .general)
    let passes = FormPasses(minimumAge: .zero)
    #expect(try await passes.withLane(for: nil, intake: services.intake) { $0 } == .general)
    #expect(try await passes.withLane(for: "3f9a0c7e21b54d86a1e07c39b2f45d18", intake: services.intake) { $0 } == .general)

    let pass = passes.issue()
    let submission = Submission(questionnaire: "asi-sr-1", language: .en, answers: try exampleAnswers())
    // While one submission holds the pass, a second one at the same moment does not get the share.
    try await passes.withLane(for: pass, intake: services.intake) { lane in
        #expect(lane == .proven)
        #expect(try await passes.withLane(for: pass, intake: services.intake) { $0 } == .general)
        _ = try await services.intake.submit(submission, idempotencyKey: pass)
    }
    // Used: a retry or a changed form with the same pass is on the general share.
    #expect(try await passes.withLane(for: pass, intake: services.intake) { $0 } == .general)
    #expect(try await passes.withLane(for: passes.issue(), intake: services.intake) { $0 } == .proven)
}

@Test func aFloodOfSubmissionsLeavesThePersonWhoWalkedTheFormGettingThrough() async throws {
    var configuration = AppConfiguration.testingWithLimits
    configuration.trustForwardedFor = true
    configuration.formMinimumSeconds = 0
    // At most 100 commits a second assumed: at most 10 a second (20 at once) for the general
    // share, 40 (80) proven; fewer while the tests around load the machine.
    configuration.writeCapacity = 100
    let (app, services) = try makeApplication(services: .testing(configuration: configuration))
    @Sendable func headers(_ address: String, key: String? = nil) -> HTTPFields {
        var headers = jsonHeaders
        headers[HTTPField.Name("X-Forwarded-For")!] = address
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return headers
    }
    let stored = try await app.test(.router) { client in
        var flood: [HTTPResponse.Status] = []
        let started = ContinuousClock.now
        for address in 0..<120 {
            flood.append(
                try await client.execute(
                    uri: "/api/v1/submissions", method: .post, headers: headers("10.9.\(address / 200).\(address % 200)"),
                    body: submissionBody()
                ) { $0.status })
        }
        let seconds = Double((ContinuousClock.now - started).components.seconds) + 1
        let stored = flood.filter { $0 == .created }.count
        // At most the 20 at once and 10 a second: the rest waits.
        #expect(stored >= 1 && Double(stored) <= 20 + 10 * seconds)
        #expect(flood.filter { $0 == .tooManyRequests }.count == flood.count - stored)
        #expect(stored < flood.count / 2)

        // A person whose app fetched the questionnaire (and its key) gets through.
        let key = try await client.execute(uri: "/api/v1/questionnaire", method: .get, headers: headers("192.0.2.1")) { response in
            try #require(response.object["submissionKey"] as? String)
        }
        try await client.execute(uri: "/api/v1/submissions", method: .post, headers: headers("192.0.2.1", key: key), body: submissionBody())
        {
            #expect($0.status == .created)
        }
        // So does a person on the pages, who opened the questionnaire before sending it.
        let browser = PageBrowser(client)
        browser.headers[HTTPField.Name("X-Forwarded-For")!] = "192.0.2.2"
        let receipt = try await browser.submitEverything(language: "en")
        #expect(receipt.shownToken != nil)
        return stored
    }
    #expect(try await services.database.caseCount() == stored + 2)
}
