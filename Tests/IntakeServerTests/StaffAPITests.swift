import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import IntakeServer
import Testing

@Test func theTwoListenersShareNoRoute() throws {
    let world = try StaffWorld()
    // Each listener answers its own /health, and nothing else of the other's.
    let staffRoutes = buildStaffRouter(world.staff).routes.map(\.path.description).filter { $0 != "/health" }
    let citizenRoutes = buildCitizenRouter(world.citizen).routes.map(\.path.description).filter { $0 != "/health" }
    #expect(!staffRoutes.isEmpty && staffRoutes.allSatisfy { $0.hasPrefix("/staff/v1") })
    #expect(!citizenRoutes.isEmpty && !citizenRoutes.contains { $0.hasPrefix("/staff") })
}

@Test func citizenRoutesDoNotAnswerOnTheStaffPortNorTheOtherWayRound() async throws {
    let world = try StaffWorld()
    let headers = try await world.logIn("mette")
    try await world.staffApp.test(.router) { client in
        for uri in ["/", "/questionnaire", "/api/v1/questionnaire"] {
            try await client.execute(uri: uri, method: .get, headers: headers) { #expect($0.status == .notFound) }
        }
    }
    try await world.citizenApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: headers) { #expect($0.status == .notFound) }
        try await client.execute(uri: "/staff/v1/session", method: .post, body: ByteBuffer(string: "{}")) {
            #expect($0.status == .notFound)
        }
    }
}

@Test func whileAUsernameIsGuessedAtTheCounsellorsOwnBrowserStillLogsIn() async throws {
    // The standard limits, and addresses from a trusted proxy, so each guess comes from another one.
    var configuration = AppConfiguration.testingWithLimits
    configuration.trustForwardedFor = true
    let world = try StaffWorld(configuration: configuration)
    _ = try await world.logIn("mette")
    try await world.staffApp.test(.router) { client in
        var guesser = 0
        func logIn(_ password: String, device: String? = nil, from address: String) async throws -> (HTTPResponse.Status, [String: Any]) {
            var body: [String: Any] = ["username": "mette", "password": password]
            if let device { body["device"] = device }
            if password == "a long and new password" { body["code"] = await world.code("mette") }
            return try await client.execute(
                uri: "/staff/v1/session", method: .post,
                headers: [.contentType: "application/json", .init("X-Forwarded-For")!: address], body: json(body)
            ) { ($0.status, $0.object) }
        }
        let (status, first) = try await logIn("a long and new password", from: "198.51.100.7")
        #expect(status == .created)
        let device = try #require(first["device"] as? String)
        // Five guesses, each from another address: no address is throttled, the username is.
        for _ in 0..<5 {
            guesser += 1
            #expect(try await logIn("guess", from: "192.0.2.\(guesser)").0 == .unauthorized)
        }
        // A browser without the device token waits, even with the right password…
        let (waiting, refusal) = try await logIn("a long and new password", from: "203.0.113.9")
        #expect(waiting == .tooManyRequests)
        #expect((refusal["error"] as? [String: Any])?["message"] as? String != nil)
        // …her own browser does not, and keeps its device token.
        let (again, session) = try await logIn("a long and new password", device: device, from: "203.0.113.10")
        #expect(again == .created && session["device"] as? String == device)
        // A device token of the wrong type is a field problem, not a crash.
        let (bad, _) = try await client.execute(
            uri: "/staff/v1/session", method: .post,
            headers: [.contentType: "application/json", .init("X-Forwarded-For")!: "203.0.113.11"],
            body: json(["username": "mette", "password": "x", "device": 7])
        ) { ($0.status, $0.object) }
        #expect(bad == .unprocessableContent)
    }
}

@Test func logInGivesABearerTokenAndFailuresNeverSayWhetherTheUserExists() async throws {
    let world = try StaffWorld()
    _ = try await world.logIn("mette")
    let code = await world.code("mette")
    try await world.staffApp.test(.router) { client in
        let token = try await client.execute(
            uri: "/staff/v1/session", method: .post, headers: [.contentType: "application/json"],
            body: json(["username": "Mette", "password": "a long and new password", "code": code])
        ) { response in
            #expect(response.status == .created)
            #expect(response.object["username"] as? String == "mette")
            #expect(response.object["role"] as? String == "staff")
            #expect(response.object["mustChangePassword"] as? Bool == false)
            #expect(response.headers[.cacheControl] == "no-store")
            return response.object["token"] as? String ?? ""
        }
        #expect(token.count >= 40)
        try await client.execute(uri: "/staff/v1/session", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
            #expect(response.object["username"] as? String == "mette")
            #expect(response.object["token"] == nil)
        }
        let wrongPassword = try await client.execute(
            uri: "/staff/v1/session", method: .post, headers: [.contentType: "application/json"],
            body: json(["username": "mette", "password": "wrong"])
        ) { response in
            #expect(response.status == .unauthorized)
            return response.html
        }
        let unknownUser = try await client.execute(
            uri: "/staff/v1/session", method: .post, headers: [.contentType: "application/json"],
            body: json(["username": "nobody", "password": "wrong"])
        ) { response in
            #expect(response.status == .unauthorized)
            return response.html
        }
        #expect(wrongPassword == unknownUser)
        try await client.execute(uri: "/staff/v1/session", method: .delete, headers: [.authorization: "Bearer \(token)"]) { response in
            #expect(response.status == .noContent)
        }
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
        }
    }
}

@Test func aClientThatKeepsFailingToLogInMustWait() async throws {
    let world = try StaffWorld(configuration: .testingWithLimits)
    try await world.staffApp.test(.router) { client in
        for _ in 0..<5 {
            try await client.execute(
                uri: "/staff/v1/session", method: .post, headers: [.contentType: "application/json"],
                body: json(["username": "mette", "password": "guess"])
            ) { #expect($0.status == .unauthorized) }
        }
        try await client.execute(
            uri: "/staff/v1/session", method: .post, headers: [.contentType: "application/json", .acceptLanguage: "en"],
            body: json(["username": "mette", "password": "guess"])
        ) { response in
            #expect(response.status == .tooManyRequests)
            #expect(response.headers[.retryAfter] != nil)
        }
    }
}

@Test func guessingTheCurrentPasswordIsLimitedLikeALogin() async throws {
    let world = try StaffWorld(configuration: .testingWithLimits)
    let mette = try await world.logIn("mette")
    try await world.staffApp.test(.router) { client in
        var statuses: [HTTPResponse.Status] = []
        for round in 0..<8 {
            statuses.append(
                try await client.execute(
                    uri: "/staff/v1/password", method: .post, headers: mette,
                    body: json(["currentPassword": "guess \(round)", "newPassword": "a new and long password \(round)"])
                ) { $0.status })
        }
        #expect(statuses.prefix(5).allSatisfy { $0 == .unprocessableContent })
        #expect(statuses.dropFirst(5).allSatisfy { $0 == .tooManyRequests })
    }
    // The guesses changed nothing: the password is the one chosen at the start.
    _ = try await world.staff.directory.logIn(username: "mette", password: "a long and new password", code: await world.code("mette"))
}

@Test func aOneTimePasswordOnlyAllowsChoosingANewOneWhichEndsTheSession() async throws {
    let world = try StaffWorld()
    let oneTime = try await world.staff.directory.addUser("jonas", role: .staff)
    try await world.staffApp.test(.router) { client in
        let token = try await client.execute(
            uri: "/staff/v1/session", method: .post, headers: [.contentType: "application/json"],
            body: json(["username": "jonas", "password": oneTime])
        ) { response in
            #expect(response.object["mustChangePassword"] as? Bool == true)
            return response.object["token"] as? String ?? ""
        }
        let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json", .acceptLanguage: "en"]
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: headers) { response in
            #expect(response.status == .forbidden)
            #expect(response.errorMessage == "Choose your own password first: POST /staff/v1/password.")
        }
        try await client.execute(
            uri: "/staff/v1/password", method: .post, headers: headers, body: json(["currentPassword": oneTime, "newPassword": "short"])
        ) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["newPassword"] != nil)
        }
        try await client.execute(
            uri: "/staff/v1/password", method: .post, headers: headers,
            body: json(["currentPassword": "wrong", "newPassword": "a long enough password"])
        ) { response in
            #expect(response.problemItems["currentPassword"] == "The current password is wrong.")
        }
        try await client.execute(
            uri: "/staff/v1/password", method: .post, headers: headers,
            body: json(["currentPassword": oneTime, "newPassword": "a long enough password"])
        ) { response in
            #expect(response.status == .ok)
        }
        try await client.execute(uri: "/staff/v1/session", method: .get, headers: headers) { #expect($0.status == .unauthorized) }
    }
}

@Test func theQueueShowsWhatStaffNeedSortedByPriorityThenAge() async throws {
    let world = try StaffWorld()
    let headers = try await world.logIn("mette")
    let (_, ambulant) = try await world.submit(["med.days": "27"])
    let (_, crisis) = try await world.submit(["crisis.now": "yes"])
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: headers.english) { response in
            #expect(response.status == .ok)
            let items = response.object["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["reference"] as? String } == [crisis, ambulant])
            let first = items.last ?? [:]
            #expect(first["state"] as? String == "new")
            #expect(first["suggestedTrack"] as? String == "ambulant")
            #expect(first["ageDays"] as? Int == 0)
            #expect((first["municipality"] as? [String: String]) == ["code": "751", "name": "Aarhus"])
            #expect(first["allowedActions"] as? [String] == ["claim"])
            #expect((first["startDeadline"] as? String)?.count == 10)
            #expect(first["deadlineAtRisk"] as? Bool == false)
            #expect(
                (first["reasons"] as? [[String: Any]])?.first?["text"] as? String
                    == "Ambulant treatment: the usual way in when anonymous and outreach treatment do not fit.")
            #expect(first["answers"] == nil)
        }
        try await client.execute(uri: "/staff/v1/cases?flag=crisis", method: .get, headers: headers) { response in
            #expect((response.object["items"] as? [[String: Any]])?.map { $0["reference"] as? String } == [crisis])
        }
        try await client.execute(uri: "/staff/v1/cases?state=claimed,decided", method: .get, headers: headers) { response in
            #expect((response.object["items"] as? [Any])?.isEmpty == true)
        }
        try await client.execute(uri: "/staff/v1/cases?state=done", method: .get, headers: headers.english) { response in
            #expect(response.status == .badRequest)
            #expect(response.errorMessage?.contains("new, claimed, booked, decided, closed, withdrawn") == true)
        }
    }
}

@Test func claimingSendsTheLoserA409NamingTheHolder() async throws {
    let world = try StaffWorld()
    let mette = try await world.logIn("mette")
    let jonas = try await world.logIn("jonas")
    let (_, reference) = try await world.submit()
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: mette) { response in
            #expect(response.status == .ok)
            #expect(response.object["state"] as? String == "claimed")
            #expect(response.object["assignee"] as? String == "mette")
        }
        try await client.execute(uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: jonas.english) { response in
            #expect(response.status == .conflict)
            #expect(response.errorMessage == "mette holds this case. Ask them to hand it over.")
        }
        try await client.execute(uri: "/staff/v1/cases/ZZZ-ZZZ/claim", method: .post, headers: jonas) { #expect($0.status == .notFound) }
    }
}

@Test func illegalTransitionsGet409WithTheAllowedActions() async throws {
    let world = try StaffWorld()
    let mette = try await world.logIn("mette")
    let (_, reference) = try await world.submit()
    try await world.staffApp.test(.router) { client in
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/decision", method: .post, headers: mette,
            body: json(["track": "anonymous", "plannedStart": testToday.adding(days: 9).iso])
        ) { response in
            #expect(response.status == .conflict)
            #expect((response.object["error"] as? [String: Any])?["allowedActions"] as? [String] == ["claim"])
        }
        _ = try await client.execute(uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: mette) { $0.status }
        try await client.execute(uri: "/staff/v1/cases/\(reference)/close", method: .post, headers: mette, body: json(["reason": "Test"])) {
            #expect($0.object["state"] as? String == "closed")
        }
        try await client.execute(uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: mette) { response in
            #expect(response.status == .conflict)
            #expect((response.object["error"] as? [String: Any])?["allowedActions"] as? [String] == [])
        }
    }
}

@Test func aCaseReadShowsTheAnswersAndTheConversationAndIsAudited() async throws {
    let world = try StaffWorld()
    let mette = try await world.logIn("mette", admin: true)
    let (token, reference) = try await world.submit()
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases/\(reference)/messages", method: .post, headers: mette, body: json(["body": "Hej"])) {
            response in
            #expect(response.status == .conflict)
        }
        _ = try await client.execute(uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: mette) { $0.status }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/messages", method: .post, headers: mette, body: json(["body": "Hej, jeg hedder Mette."])
        ) {
            response in
            #expect(response.status == .created)
            #expect(response.object["isInternal"] as? Bool == false)
        }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/messages", method: .post, headers: mette,
            body: json(["body": "Ring i morgen", "internal": true])
        ) { #expect($0.object["isInternal"] as? Bool == true) }
        // "internal": "yes" is not read as false: a note meant to be internal never reaches the person by mistake.
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/messages", method: .post, headers: mette.english,
            body: json(["body": "Ring i morgen", "internal": "yes"])
        ) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["internal"] == "This value cannot be used.")
        }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/messages", method: .post, headers: mette.english, body: json(["body": " "])
        ) {
            response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["body"] == "Fill in this field.")
        }
        _ = try await world.citizen.intake.sendMessage(try await world.citizen.intake.findCase(token: token), body: "Tak!")
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: mette) { response in
            #expect((response.object["items"] as? [[String: Any]])?.first?["unreadMessages"] as? Int == 1)
        }
        try await client.execute(uri: "/staff/v1/cases/\(reference.lowercased())", method: .get, headers: mette) { response in
            #expect(response.status == .ok)
            #expect((response.object["answers"] as? [String: Any])?["bg.municipality"] as? String == "751")
            let conversation = response.object["conversation"] as? [[String: Any]] ?? []
            #expect(conversation.map { $0["body"] as? String } == ["Hej, jeg hedder Mette.", "Ring i morgen", "Tak!"])
            #expect(conversation.map { $0["author"] as? String } == ["staff", "staff", "citizen"])
            #expect(conversation.first?["staffUser"] as? String == "mette")
        }
        try await client.execute(uri: "/staff/v1/audit?case=\(reference)", method: .get, headers: mette) { response in
            let actions = (response.object["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
            #expect(actions == ["case.read", "note.write", "message.write", "case.claim"])
        }
    }
}

@Test func thePhoneChannelFindsTheCaseByTheTokenReadOut() async throws {
    let world = try StaffWorld()
    let mette = try await world.logIn("mette")
    let (token, reference) = try await world.submit()
    try await world.staffApp.test(.router) { client in
        try await client.execute(
            uri: "/staff/v1/cases/lookup", method: .post, headers: mette,
            body: json(["token": token.lowercased().replacingOccurrences(of: "-", with: " ")])
        ) { response in
            #expect(response.status == .ok)
            #expect(response.object["reference"] as? String == reference)
        }
        try await client.execute(uri: "/staff/v1/cases/lookup", method: .post, headers: mette, body: json(["token": "ABCD"])) {
            #expect($0.status == .unprocessableContent)
        }
        try await client.execute(
            uri: "/staff/v1/cases/lookup", method: .post, headers: mette, body: json(["token": Token.generate().formatted])
        ) {
            #expect($0.status == .notFound)
        }
    }
}

@Test func handOverReleaseDecideAndCloseFollowTheRules() async throws {
    let world = try StaffWorld()
    let mette = try await world.logIn("mette")
    let jonas = try await world.logIn("jonas")
    let (_, reference) = try await world.submit()
    _ = try await world.citizen.database.addProvider(
        ProviderInput(
            slug: "anonym-roskilde", name: "Anonym behandling Roskilde", contact: "Tlf. 46 31 00 00", isAnonymous: true,
            isOutsideMunicipality: true),
        at: testInstant
    )
    try await world.staffApp.test(.router) { client in
        _ = try await client.execute(uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: mette) { $0.status }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/handover", method: .post, headers: mette.english, body: json(["to": "nobody"])
        ) {
            response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["to"] == "There is no active staff member called nobody.")
        }
        try await client.execute(uri: "/staff/v1/cases/\(reference)/handover", method: .post, headers: mette, body: json(["to": "jonas"])) {
            #expect($0.object["assignee"] as? String == "jonas")
        }
        try await client.execute(uri: "/staff/v1/cases/\(reference)/release", method: .post, headers: mette) {
            #expect($0.status == .conflict)
        }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/decision", method: .post, headers: jonas.english,
            body: json(["track": "ambulant", "plannedStart": "someday"])
        ) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["plannedStart"] == "This value cannot be used.")
        }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/decision", method: .post, headers: jonas.english,
            body: json(["track": "ambulant", "plannedStart": testToday.adding(days: 71).iso])
        ) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["reason"] == "Write why the track differs from the suggestion.")
            #expect(
                response.problemItems["startDelayReason"]
                    == "The start is after the deadline of \(testToday.adding(days: 14).iso): write why.")
        }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/decision", method: .post, headers: jonas,
            body: json(["track": "anonymous", "plannedStart": testToday.adding(days: 8).iso, "provider": "anonym-roskilde"])
        ) { response in
            #expect(response.status == .ok)
            #expect(response.object["state"] as? String == "decided")
            #expect(response.object["allowedActions"] as? [String] == ["close"])
        }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/close", method: .post, headers: jonas.english, body: json(["reason": 42])
        ) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["reason"] == "This value cannot be used.")
        }
        // A decided case closes without a reason, and so without any body at all.
        var noBody = jonas
        noBody[.contentType] = nil
        try await client.execute(uri: "/staff/v1/cases/\(reference)/close", method: .post, headers: noBody) {
            #expect($0.object["state"] as? String == "closed")
        }
        try await client.execute(uri: "/staff/v1/providers", method: .get, headers: jonas) { response in
            #expect((response.object["items"] as? [[String: Any]])?.first?["slug"] as? String == "anonym-roskilde")
        }
    }
}

@Test func slotsArePublishedBookedCancelledAndRemoved() async throws {
    let world = try StaffWorld()
    let mette = try await world.logIn("mette")
    let (token, reference) = try await world.submit(["bg.contact": "phone"])
    try await world.staffApp.test(.router) { client in
        _ = try await client.execute(uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: mette) { $0.status }
        try await client.execute(
            uri: "/staff/v1/slots", method: .post, headers: mette.english, body: json(["start": "soon", "mode": "fax"])
        ) { response in
            #expect(response.status == .unprocessableContent)
            #expect(Set(response.problemItems.keys) == ["mode"])
        }
        try await client.execute(
            uri: "/staff/v1/slots", method: .post, headers: mette.english,
            body: json(["start": testToday.adding(days: -1).iso + "T10:00", "length": 30, "mode": "phone", "place": "x"])
        ) {
            response in
            #expect(Set(response.problemItems.keys) == ["start", "place"])
        }
        let slotID = try await client.execute(
            uri: "/staff/v1/slots", method: .post, headers: mette,
            body: json(["start": testToday.adding(days: 2).iso + "T10:00", "length": 30, "mode": "phone", "place": "Ring 33 17 33 17"])
        ) { response in
            #expect(response.status == .created)
            return response.object["id"] as? Int ?? 0
        }
        _ = try await world.citizen.intake.book(try await world.citizen.intake.findCase(token: token), slotID: Int64(slotID))
        try await client.execute(uri: "/staff/v1/slots?open=true", method: .get, headers: mette) {
            #expect(($0.object["items"] as? [Any])?.isEmpty == true)
        }
        try await client.execute(
            uri: "/staff/v1/slots?from=\(testToday.adding(days: 2))&to=\(testToday.adding(days: 2))", method: .get, headers: mette
        ) { response in
            let slot = (response.object["items"] as? [[String: Any]])?.first
            #expect(slot?["caseReference"] as? String == reference && slot?["isBooked"] as? Bool == true)
        }
        try await client.execute(uri: "/staff/v1/slots/\(slotID)", method: .delete, headers: mette) { #expect($0.status == .conflict) }
        try await client.execute(uri: "/staff/v1/cases/\(reference)/booking", method: .delete, headers: mette) { response in
            #expect(response.object["state"] as? String == "claimed")
        }
        try await client.execute(uri: "/staff/v1/slots/\(slotID)", method: .delete, headers: mette) { #expect($0.status == .noContent) }
        try await client.execute(uri: "/staff/v1/slots/\(slotID)", method: .delete, headers: mette) { #expect($0.status == .notFound) }
        try await client.execute(uri: "/staff/v1/slots?mode=fax", method: .get, headers: mette) { #expect($0.status == .badRequest) }
    }
    let notice = try await world.citizen.intake.show(try await world.citizen.intake.findCase(token: token)).messages.last
    #expect(notice?.author == .system)
}

@Test func onlyAdminsReadTheAuditLogAndStatisticsHideSmallCounts() async throws {
    let world = try StaffWorld()
    let staff = try await world.logIn("mette")
    let admin = try await world.logIn("anne", admin: true)
    for _ in 0..<5 { _ = try await world.submit() }
    _ = try await world.submit(["crisis.now": "yes"])
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/audit", method: .get, headers: staff) { #expect($0.status == .forbidden) }
        try await client.execute(uri: "/staff/v1/audit?actor=cli", method: .get, headers: admin) { response in
            let actions = (response.object["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
            #expect(actions.filter { $0 == "staff.add" }.count == 2)
        }
        try await client.execute(uri: "/staff/v1/audit?from=never", method: .get, headers: admin) { #expect($0.status == .badRequest) }
        try await client.execute(uri: "/staff/v1/stats", method: .get, headers: staff) { #expect($0.status == .forbidden) }
        try await client.execute(uri: "/staff/v1/stats", method: .get, headers: admin) { response in
            #expect(response.status == .ok)
            let week = (response.object["weeks"] as? [[String: Any]])?.first ?? [:]
            #expect(week["total"] as? Int == 6)
            #expect((week["byFlag"] as? [String: Any])?["crisis"] as? String == "<5")
            #expect((week["byTrack"] as? [String: Any])?["anonymous"] as? Int == 6)
        }
        try await client.execute(uri: "/staff/v1/stats?from=2026-12-01&to=2026-11-01", method: .get, headers: admin) {
            #expect($0.status == .unprocessableContent)
        }
        try await client.execute(uri: "/staff/v1/stats?from=1-12-2026", method: .get, headers: admin) {
            #expect($0.status == .badRequest)
        }
    }
}

@Test func theQueuePagesAndSaysHowManyCasesThereAreInAll() async throws {
    let world = try StaffWorld()
    let admin = try await world.logIn("anne", admin: true)
    for _ in 0..<7 { _ = try await world.submit() }
    try await world.staffApp.test(.router) { client in
        var seen: [String] = []
        for offset in [0, 3, 6] {
            try await client.execute(uri: "/staff/v1/cases?limit=3&offset=\(offset)", method: .get, headers: admin) { response in
                #expect(response.status == .ok)
                #expect(response.object["total"] as? Int == 7 && response.object["offset"] as? Int == offset)
                seen += (response.object["items"] as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String }
            }
        }
        #expect(seen.count == 7 && Set(seen).count == 7, "every case on exactly one page")
        for bad in ["limit=0", "limit=501", "offset=-1", "limit=9999999999999999999", "offset=x"] {
            try await client.execute(uri: "/staff/v1/cases?\(bad)", method: .get, headers: admin) { #expect($0.status == .badRequest) }
        }
    }
}

@Test func anAdministratorClosesAFloodOfNewCasesAsSpamInBulkAndEachIsAudited() async throws {
    let world = try StaffWorld()
    let admin = try await world.logIn("anne", admin: true)
    let mette = try await world.logIn("mette")
    let flood = [try await world.submit(), try await world.submit(), try await world.submit()].map(\.reference)
    let (_, claimed) = try await world.submit()
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases/\(claimed)/claim", method: .post, headers: mette) { #expect($0.status == .ok) }
        try await client.execute(
            uri: "/staff/v1/cases/spam", method: .post, headers: mette, body: json(["references": flood])
        ) { #expect($0.status == .forbidden) }
        try await client.execute(
            uri: "/staff/v1/cases/spam", method: .post, headers: admin, body: json(["references": flood + [claimed, "nonsense"]])
        ) { response in
            #expect(response.status == .ok)
            #expect(Set(response.object["marked"] as? [String] ?? []) == Set(flood))
            let refused = (response.object["refused"] as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String }
            #expect(Set(refused) == [claimed, "nonsense"])
        }
        try await client.execute(uri: "/staff/v1/cases/spam", method: .post, headers: admin, body: json(["references": [Int]()])) {
            #expect($0.status == .unprocessableContent)
        }
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: admin) { response in
            let open = (response.object["items"] as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String }
            #expect(open == [claimed])
        }
    }
    let audited = try await world.staff.desk.auditEntries(AuditFilter(actor: "anne")).filter { $0.action == .caseMarkSpam }
    #expect(Set(audited.compactMap(\.caseReference)) == Set(flood))
    #expect(try await world.staff.desk.summary(flood[0]).intakeCase.closeReason == "spam")
}
