import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Intake
@testable import IntakeServer

/// The example submission's body, with the channel a counsellor opens it through.
private func openingBody(channel: String?, language: String = "da", changes: [String: Any] = [:]) throws -> ByteBuffer {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs/examples/submission.json")
    var body = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    var answers = body["answers"] as? [String: Any] ?? [:]
    for (key, value) in changes { answers[key] = value }
    body["answers"] = answers
    body["language"] = language
    body["channel"] = channel
    return try json(body)
}

@Test func aCounsellorOpensACaseForACallerWithTheSameTriageAndHoldsIt() async throws {
    let world = try StaffWorld()
    let headers = try await world.logIn("mette")
    let (token, reference, assessment) = try await world.staffApp.test(.router) { client in
        try await client.execute(
            uri: "/staff/v1/cases", method: .post, headers: headers.withJSON,
            body: try openingBody(channel: "phone", changes: ["crisis.now": "yes"])
        ) { response in
            #expect(response.status == .created)
            #expect(response.object["channel"] as? String == "phone" && response.object["codeFromStaff"] as? Bool == true)
            #expect((response.object["flags"] as? [String])?.contains("crisis") == true && response.object["priority"] as? Int == 1)
            return (
                response.object["token"] as? String ?? "", response.object["caseReference"] as? String ?? "",
                response.object["track"] as? String
            )
        }
    }
    // The same answers from the web get the same suggestion.
    let web = try await world.citizen.intake.submit(
        Submission(
            questionnaire: "asi-sr-1", language: .da,
            answers: try exampleAnswers().merging(["crisis.now": .string("yes")]) { _, new in new }))
    #expect(web.storedCase.track.rawValue == assessment && web.storedCase.channel == .web && !web.storedCase.codeFromStaff)
    let found = try await world.citizen.intake.findCase(token: token)
    #expect(found.reference.value == reference && found.channel == .phone && found.codeFromStaff && found.state == .claimed)
    let audit = try await world.citizen.database.auditEntries(AuditFilter(caseReference: reference))
    #expect(audit.first?.action == .caseOpenForPerson && audit.first?.actor == "mette" && audit.first?.detail == "phone")
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases/\(reference)", method: .get, headers: headers) { response in
            #expect(response.object["assignee"] as? String == "mette" && response.object["channel"] as? String == "phone")
        }
    }
}

@Test func openingACaseIsValidatedLikeASubmission() async throws {
    let world = try StaffWorld()
    let headers = try await world.logIn("mette")
    try await world.staffApp.test(.router) { client in
        for channel in [nil, "web", "fax"] {
            try await client.execute(
                uri: "/staff/v1/cases", method: .post, headers: headers.withJSON, body: try openingBody(channel: channel)
            ) { response in
                #expect(response.status == .unprocessableContent, "\(channel ?? "none")")
                #expect(response.problemItems["channel"] != nil)
            }
        }
        try await client.execute(
            uri: "/staff/v1/cases", method: .post, headers: headers.withJSON,
            body: try openingBody(channel: "walk_in", changes: ["drug.days.heroin": 31])
        ) { response in
            #expect(response.status == .unprocessableContent && response.problemItems["drug.days.heroin"] != nil)
        }
        try await client.execute(uri: "/staff/v1/cases", method: .post, headers: jsonHeaders, body: try openingBody(channel: "phone")) {
            #expect($0.status == .unauthorized)
        }
    }
    #expect(try await world.citizen.database.caseCount() == 0)
}

/// A case mette opened for a person through `channel`, with the code she handed out.
private func handedOut(_ world: StaffWorld, channel: CaseChannel) async throws -> (StaffIdentity, IssuedCase) {
    let mette = try await world.staff.directory.logIn(
        username: "mette", password: try await world.staff.directory.addUser("mette", role: .staff)
    ).identity
    let issued = try await world.citizen.intake.openForPerson(
        Submission(questionnaire: "asi-sr-1", language: .en, answers: try exampleAnswers()), channel: channel, by: mette)
    return (mette, issued)
}

@Test func thePersonReplacesAStaffCodeAtFirstUseAndTheOldOneStopsWorking() async throws {
    let world = try StaffWorld()
    let (mette, issued) = try await handedOut(world, channel: .walkIn)
    let staffCode = issued.token.formatted
    try await world.citizenApp.test(.router) { client in
        // The JSON API opens nothing with it but its replacement.
        try await client.execute(uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: try json(["token": staffCode])) {
            response in
            #expect(response.status == .conflict && response.errorMessage?.contains("token/replace") == true)
        }
        let own = try await client.execute(
            uri: "/api/v1/token/replace", method: .post, headers: jsonHeaders, body: try json(["token": staffCode])
        ) { response in
            #expect(response.status == .created)
            return response.object["token"] as? String ?? ""
        }
        #expect(Token(parsing: own) != nil && own != staffCode)
        try await client.execute(uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: try json(["token": staffCode])) {
            #expect($0.status == .notFound)
        }
        try await client.execute(uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: try json(["token": own])) {
            #expect($0.status == .ok)
        }
        try await client.execute(uri: "/api/v1/token/replace", method: .post, headers: jsonHeaders, body: try json(["token": own])) {
            #expect($0.status == .conflict)
        }
    }
    // The counsellor who read the old code out can no longer open the case with it, only by reference.
    await #expect(throws: (any Error).self) { try await world.staff.desk.lookUp(token: staffCode, by: mette) }
    #expect(try await world.staff.desk.summary(issued.storedCase.reference.value).intakeCase.codeFromStaff == false)
}

@Test func onThePhoneTheFirstCallWithAStaffCodeGivesANewOneAndTheOldOneStopsWorking() async throws {
    let world = try StaffWorld()
    let (_, issued) = try await handedOut(world, channel: .walkIn)
    let staffCode = issued.token.formatted
    let colleague = try await world.logIn("jonas")
    let newCode = try await world.staffApp.test(.router) { client in
        // The lookup says the code was handed out by staff.
        try await client.execute(
            uri: "/staff/v1/cases/lookup", method: .post, headers: colleague.withJSON, body: try json(["token": staffCode])
        ) { response in
            #expect(response.status == .ok && response.object["codeFromStaff"] as? Bool == true)
        }
        let newCode = try await client.execute(
            uri: "/staff/v1/cases/lookup/new-code", method: .post, headers: colleague.withJSON, body: try json(["token": staffCode])
        ) { response in
            #expect(response.status == .ok)
            #expect(response.object["reference"] as? String == issued.storedCase.reference.value)
            #expect(response.object["codeFromStaff"] as? Bool == true)
            return response.object["token"] as? String ?? ""
        }
        #expect(Token(parsing: newCode) != nil && newCode != staffCode)
        // The old code opens nothing any more; asking again with it is a 404, not a second new code.
        for uri in ["/staff/v1/cases/lookup", "/staff/v1/cases/lookup/new-code"] {
            try await client.execute(uri: uri, method: .post, headers: colleague.withJSON, body: try json(["token": staffCode])) {
                #expect($0.status == .notFound)
            }
        }
        // A code that is not well formed, and no code at all, are told apart.
        try await client.execute(
            uri: "/staff/v1/cases/lookup/new-code", method: .post, headers: colleague.withJSON, body: try json(["token": "abc"])
        ) { #expect($0.status == .unprocessableContent) }
        try await client.execute(uri: "/staff/v1/cases/lookup/new-code", method: .post, headers: colleague.withJSON, body: try json([:])) {
            #expect($0.status == .unprocessableContent)
        }
        return newCode
    }
    // The new code was heard on the phone: still the staff's, so the web's first use replaces it again.
    let found = try await world.citizen.intake.findCase(token: newCode)
    #expect(found.id == issued.storedCase.id && found.codeFromStaff)
    let audit = try await world.citizen.database.auditEntries(AuditFilter(caseReference: issued.storedCase.reference.value))
    #expect(audit.contains { $0.action == .caseNewCodeByPhone && $0.actor == "jonas" })
    // The person's own code is theirs alone to change.
    let own = try #require(try await world.citizen.intake.replaceStaffCode(found))
    try await world.staffApp.test(.router) { client in
        try await client.execute(
            uri: "/staff/v1/cases/lookup/new-code", method: .post, headers: colleague.withJSON, body: try json(["token": own.formatted])
        ) { response in
            #expect(response.status == .conflict && response.errorMessage?.contains("Kun personen selv") == true)
        }
    }
    #expect(try await world.citizen.intake.findCase(token: own.formatted).id == issued.storedCase.id)
}

@Test func onTheWebTheFirstUseShowsThePersonTheirOwnCodeUntilTheyKeepIt() async throws {
    let world = try StaffWorld()
    let (_, issued) = try await handedOut(world, channel: .street)
    try await world.citizenApp.test(.router) { client in
        let browser = PageBrowser(client)
        let page = try await browser.post("/token", [("token", issued.token.formatted), ("lang", "en")])
        #expect(page.html.contains("Your own code") && page.html.contains("no longer works"))
        let own = try #require(page.html.firstMatch(of: /<span class="token" aria-label="[^"]*">([0-9A-Z-]+)<\/span>/)?.1).description
        #expect(own != issued.token.formatted)
        // Shown again on a reload, until the person says they kept it.
        #expect(try await browser.get("/case").html.contains(own))
        let kept = try await browser.post("/case/code-kept", [("lang", "en")])
        #expect(!kept.html.contains(own) && kept.html.contains("Use your new code"))
        #expect(try await world.citizen.intake.findCase(token: own).id == issued.storedCase.id)
        await #expect(throws: TokenLookupError.unknown) { try await world.citizen.intake.findCase(token: issued.token.formatted) }
    }
}

@Test func theQueueFiltersByChannelAndTheStatisticsCountEachChannelWithTheSmallNumberRule() async throws {
    let world = try StaffWorld()
    let headers = try await world.logIn("anne")
    let (_, phoned) = try await handedOut(world, channel: .phone)
    for _ in 0..<5 { _ = try await world.submit() }
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases?channel=phone", method: .get, headers: headers) { response in
            let items = response.object["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["reference"] as? String } == [phoned.storedCase.reference.value])
            #expect(items.first?["channel"] as? String == "phone")
        }
        try await client.execute(uri: "/staff/v1/cases?channel=web", method: .get, headers: headers) {
            #expect($0.object["total"] as? Int == 5)
        }
        try await client.execute(uri: "/staff/v1/cases?channel=fax", method: .get, headers: headers) { response in
            #expect(response.status == .badRequest && response.errorMessage?.contains("street") == true)
        }
    }
    let weeks = try await world.citizen.database.weeklyStatistics(from: testToday.adding(days: -7), to: testToday)
    #expect(weeks.count == 1 && weeks[0].byChannel == ["web": .count(5), "phone": .fewerThanFive])
}
