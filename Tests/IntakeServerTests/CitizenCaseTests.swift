import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import Testing

@testable import IntakeServer

/// The times the prepared case can book: two phone times and one at the centre, from the day after tomorrow.
private let slotStarts = (2...4).map { testToday.adding(days: $0).iso + "T10:00" }

/// A claimed case with a staff message, an internal note and two open phone times.
private func preparedCase(_ world: StaffWorld) async throws -> (token: String, reference: String, slots: [Int64]) {
    let (token, reference) = try await world.submit(["bg.contact": "phone"])
    let mette = try await world.staff.directory.addUser("mette", role: .staff)
    let identity = try await world.staff.directory.logIn(username: "mette", password: mette).identity
    _ = try await world.staff.desk.claim(reference, by: identity)
    _ = try await world.staff.desk.write(reference, body: "Hej, jeg hedder Mette.", isInternal: false, by: identity)
    _ = try await world.staff.desk.write(reference, body: "Intern note", isInternal: true, by: identity)
    var slots: [Int64] = []
    for start in slotStarts.prefix(2) {
        slots.append(
            try await world.staff.desk.createSlot(
                SlotInput(startsAt: start, lengthMinutes: 30, mode: .phone, place: "Ring 33 17 33 17"), by: identity
            ).id)
    }
    _ = try await world.staff.desk.createSlot(
        SlotInput(startsAt: slotStarts[2], lengthMinutes: 30, mode: .centre, place: "Vesterbrogade 1"), by: identity)
    return (token, reference, slots)
}

@Test func theStatusShowsTheConversationTimesAndNoNotes() async throws {
    let world = try StaffWorld()
    let (token, _, slots) = try await preparedCase(world)
    try await world.citizenApp.test(.router) { client in
        try await client.execute(uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: json(["token": token])) { response in
            #expect(response.status == .ok)
            let conversation = response.object["conversation"] as? [[String: Any]] ?? []
            #expect(conversation.map { $0["body"] as? String } == ["Hej, jeg hedder Mette."])
            #expect(conversation.first?["isNew"] as? Bool == true)
            #expect(response.object["unreadReplies"] as? Int == 1)
            #expect((response.object["openSlots"] as? [[String: Any]])?.map { $0["id"] as? Int } == slots.map(Int.init))
            #expect(response.object["state"] as? String == "claimed")
            #expect(response.object["canWrite"] as? Bool == true)
        }
        try await client.execute(uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: json(["token": token])) { response in
            #expect(response.object["unreadReplies"] as? Int == 0)
        }
    }
}

@Test func thePersonWritesBooksCancelsAndWithdrawsWithTheToken() async throws {
    let world = try StaffWorld()
    let (token, reference, slots) = try await preparedCase(world)
    try await world.citizenApp.test(.router) { client in
        try await client.execute(
            uri: "/api/v1/messages", method: .post, headers: jsonHeaders, body: json(["token": token, "body": "Tak!"])
        ) { response in
            #expect(response.status == .created)
            #expect((response.object["conversation"] as? [[String: Any]])?.last?["author"] as? String == "citizen")
        }
        try await client.execute(
            uri: "/api/v1/messages?lang=en", method: .post, headers: jsonHeaders, body: json(["token": token, "body": " "])
        ) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["body"] == "Fill in this field.")
        }
        try await client.execute(
            uri: "/api/v1/bookings", method: .post, headers: jsonHeaders, body: json(["token": token, "slot": slots[0]])
        ) { response in
            #expect(response.status == .created)
            #expect(response.object["state"] as? String == "booked")
            #expect((response.object["booking"] as? [String: Any])?["startsAt"] as? String == slotStarts[0])
        }
        try await client.execute(uri: "/api/v1/bookings", method: .post, headers: jsonHeaders, body: json(["token": token])) { response in
            #expect(response.problemItems["slot"] != nil)
        }
        try await client.execute(uri: "/api/v1/bookings/cancel", method: .post, headers: jsonHeaders, body: json(["token": token])) {
            response in
            #expect(response.object["state"] as? String == "claimed")
        }
        try await client.execute(uri: "/api/v1/bookings/cancel", method: .post, headers: jsonHeaders, body: json(["token": token])) {
            response in
            #expect(response.status == .conflict)
            #expect((response.object["error"] as? [String: Any])?["allowedActions"] as? [String] == ["book", "withdraw"])
        }
        try await client.execute(uri: "/api/v1/withdrawal", method: .post, headers: jsonHeaders, body: json(["token": token])) { response in
            #expect(response.object["state"] as? String == "withdrawn")
            #expect(response.object["canWrite"] as? Bool == false)
        }
        try await client.execute(
            uri: "/api/v1/messages", method: .post, headers: jsonHeaders, body: json(["token": token, "body": "Hallo?"])
        ) { response in
            #expect(response.status == .conflict)
        }
        try await client.execute(
            uri: "/api/v1/messages", method: .post, headers: jsonHeaders, body: json(["token": Token.generate().formatted, "body": "x"])
        ) {
            #expect($0.status == .notFound)
        }
    }
    #expect(try await world.staff.desk.summary(reference).intakeCase.state == .withdrawn)
}

@Test func aTimeTakenByAnotherPersonIsRefused() async throws {
    let world = try StaffWorld()
    let (token, _, slots) = try await preparedCase(world)
    let (other, otherReference) = try await world.submit()
    let jonas = try await world.logIn("jonas")
    _ = jonas
    _ = try await world.staff.desk.claim(
        otherReference, by: try await world.staff.directory.authenticate(token: String(jonas[.authorization]!.dropFirst(7)))!)
    _ = try await world.citizen.intake.book(try await world.citizen.intake.findCase(token: other), slotID: slots[0])
    try await world.citizenApp.test(.router) { client in
        try await client.execute(
            uri: "/api/v1/bookings?lang=en", method: .post, headers: jsonHeaders, body: json(["token": token, "slot": slots[0]])
        ) { response in
            #expect(response.status == .conflict)
            #expect(response.errorMessage == "That time was just taken. Please choose another.")
        }
    }
}

@Test func theCasePageLetsThePersonReadReplyBookAndEndTheCaseWithoutTypingTheCodeAgain() async throws {
    let world = try StaffWorld()
    let (token, _, slots) = try await preparedCase(world)
    try await world.citizenApp.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.get("/token?lang=en")
        let opened = try await browser.post("/token", [("token", token), ("lang", "en")])
        #expect(opened.redirects == ["/case"])
        #expect(opened.html.contains("You have new replies from a counsellor"))
        #expect(opened.html.contains("Hej, jeg hedder Mette."))
        #expect(!opened.html.contains("Intern note"))
        #expect(opened.html.contains("action=\"/case/message\""))
        // The tests run on Sunday 22 November 2026; the first time is two days later.
        #expect(opened.html.contains("Tuesday 24 November at 10:00 · 30 min · By phone"))
        #expect(!opened.html.contains("Vesterbrogade"))
        // What happens next, for the state the case is in, and the day in words.
        #expect(opened.html.contains("What happens next"))
        #expect(opened.html.contains("Choose a time for the clarifying conversation below"))
        #expect(opened.html.contains("Sunday 22 November"))
        // No form carries the code: the session does.
        #expect(!opened.html.contains(token) && !opened.html.contains("name=\"token\""))

        let empty = try await browser.post("/case/message", [("body", "")])
        #expect(empty.redirects == ["/case#reply"])
        #expect(empty.html.contains("Fill in this field."))
        let sent = try await browser.post("/case/message", [("body", "Thank you")])
        #expect(sent.html.contains("Your message has been sent."))
        #expect(sent.html.contains("Thank you"))
        // Reload shows the reply again, but not the notice.
        let reloaded = try await browser.get("/case")
        #expect(reloaded.html.contains("Thank you") && !reloaded.html.contains("Your message has been sent."))

        let booked = try await browser.post("/case/book", [("lang", "da"), ("slot", "\(slots[1])")])
        #expect(booked.html.contains("Tiden er booket."))
        #expect(booked.html.contains("onsdag d. 25. november kl. 10.00"))
        #expect(booked.html.contains("læs din kode op"))
        #expect(booked.html.contains("Din afklarende samtale er onsdag d. 25. november kl. 10.00."))
        #expect(try await browser.post("/case/cancel-booking", [("lang", "da")]).html.contains("Din tid er aflyst."))
        let asked = try await browser.get("/case/withdraw")
        #expect(asked.html.contains("Vil du afslutte din sag?"))
        #expect(asked.html.contains("class=\"warning\""))
        let ended = try await browser.post("/case/withdraw", [("lang", "da")])
        #expect(ended.html.contains("Din sag er afsluttet."))
        #expect(!ended.html.contains("action=\"/case/message\""))

        let forger = PageBrowser(client)
        forger.headers[.cookie] = "indgang_case=\(browser.cookies["indgang_case"] ?? "")"
        var crossSite = formHeaders
        crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
        crossSite[.cookie] = "indgang_case=\(browser.cookies["indgang_case"] ?? "")"
        try await client.execute(uri: "/case/message", method: .post, headers: crossSite, body: form([("body", "forged")])) {
            #expect($0.status == .forbidden)
        }
        // Logging out ends the session: the case page asks for the code again.
        let left = try await browser.post("/case/logout", [])
        #expect(left.redirects == ["/token?ended=left"])
        #expect(left.html.contains("Du er logget ud") || left.html.contains("You are logged out"))
        let after = try await browser.get("/case")
        #expect(after.path.hasPrefix("/token"))
    }
}

@Test func aCaseSessionEndsAfterFifteenMinutesUnused() async throws {
    let sessions = CaseSessions(idleTimeout: .milliseconds(50), capacity: 2)
    let first = await sessions.open(caseID: 1)
    #expect(await sessions.caseID(for: first) == 1)
    #expect(await sessions.caseID(for: "not a session id") == nil)
    try await Task.sleep(for: .milliseconds(80))
    #expect(await sessions.caseID(for: first) == nil)
    // Bounded: beyond its capacity, the longest unused session ends first.
    let a = await sessions.open(caseID: 2)
    let b = await sessions.open(caseID: 3)
    _ = await sessions.caseID(for: a)
    _ = await sessions.open(caseID: 4)
    #expect(await sessions.count == 2)
    #expect(await sessions.caseID(for: b) == nil)
    #expect(CaseSessions().idleTimeout == .seconds(15 * 60))
}

@Test func theCasePageShowsTheDecisionAndTheProvider() async throws {
    let world = try StaffWorld()
    let (token, reference, _) = try await preparedCase(world)
    _ = try await world.citizen.database.addProvider(
        ProviderInput(
            slug: "anonym-roskilde", name: "Anonym behandling Roskilde", contact: "Tlf. 46 31 00 00", isAnonymous: true,
            isOutsideMunicipality: true),
        at: testInstant
    )
    let admin = try await world.logIn("anne", admin: true)
    let identity = try await world.staff.directory.authenticate(token: String(admin[.authorization]!.dropFirst(7)))!
    _ = try await world.staff.desk.decide(
        reference, DecisionInput(track: .anonymous, provider: "anonym-roskilde", plannedStart: testToday.adding(days: 8)), by: identity
    )
    try await world.citizenApp.test(.router) { client in
        let response = try await PageBrowser(client).post("/token", [("token", token), ("lang", "en")])
        do {
            #expect(response.html.contains("The decision"))
            #expect(response.html.contains("Anonym behandling Roskilde"))
            #expect(response.html.contains("Tlf. 46 31 00 00"))
            #expect(response.html.contains("Monday 30 November"))  // the planned start, in words
            #expect(!response.html.contains("Choose a time"))
        }
    }
}

@Test func theReceiptAndTheCasePageSayHowLongTheCaseIsKept() async throws {
    var configuration = AppConfiguration.testing
    configuration.retention.closedCaseDays = 60
    let services = try CitizenServices.testing(configuration: configuration)
    let (app, _) = try makeApplication(services: services)
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        let receipt = try await browser.submitEverything(language: "en")
        #expect(receipt.html.contains("We keep your case for 60 days after it has ended"))
        #expect(receipt.html.contains("deleted after 30 days"))
        let token = try #require(receipt.shownToken)
        let opened = try await browser.post("/token", [("token", token), ("lang", "da")])
        #expect(opened.html.contains("Vi gemmer din sag i 60 dage"))
    }
}

@Test func thePageAsksThePersonToRemoveAPhoneNumberBeforeItIsStored() async throws {
    let world = try StaffWorld()
    let (token, reference, _) = try await preparedCase(world)
    try await world.citizenApp.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.post("/token", [("token", token), ("lang", "en")])
        let fields: [(String, String)] = [("lang", "en"), ("body", "Ring til mig på 12 34 56 78")]
        let held = try await browser.post("/case/message", fields)
        #expect(held.redirects == ["/case#reply"])
        #expect(held.html.contains("Your message seems to contain a phone number."))
        #expect(held.html.contains("name=\"sendAnyway\""))
        #expect(held.html.contains("Ring til mig på 12 34 56 78</textarea>"))
        #expect(try await world.citizen.intake.show(try await world.citizen.intake.findCase(token: token)).messages.count == 1)
        let sent = try await browser.post("/case/message", fields + [("sendAnyway", "yes")])
        #expect(sent.html.contains("Your message has been sent."))
    }
    let mette = try await world.staff.directory.authenticate(
        token: String((try await world.logIn("anne", admin: true))[.authorization]!.dropFirst(7)))!
    let file = try await world.staff.desk.openCaseFile(reference, by: mette)
    #expect(file.messages.last?.identifiers == [.phone])
}

@Test func throughTheJSONAPIAnIdentifyingMessageIsStoredButFlaggedForStaff() async throws {
    let world = try StaffWorld()
    let (token, reference, _) = try await preparedCase(world)
    let admin = try await world.logIn("anne", admin: true)
    try await world.citizenApp.test(.router) { client in
        try await client.execute(
            uri: "/api/v1/messages", method: .post, headers: jsonHeaders, body: json(["token": token, "body": "Skriv til a@b.dk"])
        ) {
            response in
            #expect(response.status == .created)
            #expect((response.object["conversation"] as? [[String: Any]])?.last?["identifiers"] as? [String] == ["email"])
        }
    }
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases/\(reference)", method: .get, headers: admin) { response in
            let conversation = response.object["conversation"] as? [[String: Any]] ?? []
            #expect(conversation.last?["identifiers"] as? [String] == ["email"])
            #expect(conversation.first?["identifiers"] as? [String] == [])
        }
    }
}
