import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import Testing

@testable import IntakeServer

@Test func aFloodOfGuessesLeavesTheCounsellorsOwnBrowserItsShareOfTheLoginBudget() async throws {
    var configuration = AppConfiguration.testingWithLimits
    configuration.trustForwardedFor = true
    let world = try StaffWorld(configuration: configuration)
    _ = try await world.logIn("mette")
    // A slow hasher (1 s a hash, two at once): everyone together may try 2 a second, 4 at once.
    for _ in 0..<CapacityGauge.window { world.staff.hashes.record(.seconds(1)) }
    try await world.staffApp.test(.router) { client in
        func logIn(_ username: String, _ password: String, device: String? = nil, from address: String) async throws -> (
            HTTPResponse.Status, [String: Any]
        ) {
            var body: [String: Any] = ["username": username, "password": password]
            if let device { body["device"] = device }
            if password == "a long and new password" { body["code"] = await world.code(username) }
            return try await client.execute(
                uri: "/staff/v1/session", method: .post,
                headers: [.contentType: "application/json", .init("X-Forwarded-For")!: address], body: json(body)
            ) { ($0.status, $0.object) }
        }
        let device = try #require(try await logIn("mette", "a long and new password", from: "198.51.100.7").1["device"] as? String)
        // Guesses from ever new addresses, until everyone's general share is used up.
        var refused = false
        for guesser in 0..<60 where !refused {
            refused = try await logIn("user\(guesser)", "guess", from: "192.0.2.\(guesser)").0 == .tooManyRequests
        }
        #expect(refused)
        // Her own browser still logs in.
        #expect(try await logIn("mette", "a long and new password", device: device, from: "203.0.113.10").0 == .created)
    }
}

@Test func administratorsSeeTheMeasuredCapacityAndTheBudgetsSizedFromIt() async throws {
    var configuration = AppConfiguration.testing
    configuration.writeCapacity = 200
    let world = try StaffWorld(configuration: configuration)
    let admin = try await world.logIn("anna", admin: true)
    let counsellor = try await world.logIn("mette")
    _ = try await world.submit()
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/limits", method: .get, headers: counsellor) { #expect($0.status == .forbidden) }
        try await client.execute(uri: "/staff/v1/limits", method: .get, headers: admin) { response in
            #expect(response.status == .ok)
            let resources = try #require(response.object["resources"] as? [[String: Any]])
            #expect(Set(resources.compactMap { $0["resource"] as? String }) == ["writes", "reads", "hashes"])
            let writes = try #require(resources.first { $0["resource"] as? String == "writes" })
            #expect(writes["measured"] as? Bool == true)
            #expect((writes["assumedPerSecond"] as? Double ?? 0) <= 200)
            let budgets = try #require(response.object["budgets"] as? [[String: Any]])
            let submission = budgets.filter { $0["side"] as? String == "citizen" && $0["activity"] as? String == "submission" }
            #expect(Set(submission.compactMap { $0["lane"] as? String }) == ["general", "proven"])
            #expect(budgets.contains { $0["side"] as? String == "staff" && $0["activity"] as? String == "login" })
        }
    }
}
