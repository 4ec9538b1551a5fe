import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Intake
@testable import IntakeServer

/// A staff identity that may act, without the HTTP login.
private func counsellor(_ world: StaffWorld, _ username: String, role: StaffRole = .staff) async throws -> StaffIdentity {
    let oneTime = try await world.staff.directory.addUser(username, role: role)
    return try await world.staff.directory.logIn(username: username, password: oneTime).identity
}

/// Two o'clock on the day after the tests' today, as slots are written.
private let tomorrow = testToday.adding(days: 1).iso + "T14:00"

@Test func aTimeOfferedToOnePersonIsShownToThemAloneAndOnlyTheyCanBookIt() async throws {
    let world = try StaffWorld()
    let mette = try await counsellor(world, "mette")
    let (tokenA, referenceA) = try await world.submit(["bg.contact": "phone"])
    let (tokenB, referenceB) = try await world.submit(["bg.contact": "phone"])
    let input = SlotInput(startsAt: tomorrow, lengthMinutes: 30, mode: .centre, place: "Vesterbrogade 1")
    // Not before the case is claimed, and only by the one who holds it.
    await #expect(throws: CaseWorkError.self) { try await world.staff.desk.offerSlot(input, to: referenceA, by: mette) }
    _ = try await world.staff.desk.claim(referenceA, by: mette)
    _ = try await world.staff.desk.claim(referenceB, by: mette)
    let jonas = try await counsellor(world, "jonas")
    await #expect(throws: CaseWorkError.heldBy("mette")) { try await world.staff.desk.offerSlot(input, to: referenceA, by: jonas) }
    let offered = try await world.staff.desk.offerSlot(input, to: referenceA, by: mette)
    let open = try await world.staff.desk.createSlot(
        SlotInput(startsAt: testToday.adding(days: 2).iso + "T10:00", lengthMinutes: 30, mode: .phone, place: "Ring 33 17 33 17"), by: mette
    )

    let caseA = try await world.citizen.intake.findCase(token: tokenA)
    let caseB = try await world.citizen.intake.findCase(token: tokenB)
    // A sees the offer first (a centre time, though they wished for the phone), then the open time.
    #expect(try await world.citizen.intake.show(caseA).openSlots.map(\.id) == [offered.id, open.id])
    #expect(try await world.citizen.intake.show(caseB).openSlots.map(\.id) == [open.id])
    await #expect(throws: CaseWorkError.slotNotFound) { try await world.citizen.intake.book(caseB, slotID: offered.id) }
    #expect(try await world.citizen.intake.book(caseA, slotID: offered.id).state == .booked)

    let audit = try await world.citizen.database.auditEntries(AuditFilter(caseReference: referenceA))
    #expect(audit.contains { $0.action == .slotOffer && $0.actor == "mette" })
    // The week view says whom it was offered to and who booked it.
    let listed = try await world.staff.desk.slots(SlotFilter()).first { $0.slot.id == offered.id }
    #expect(listed?.caseReference?.value == referenceA && listed?.slot.isOffered == true)
}

@Test func theCaseAndThePersonsPageShowTheOffer() async throws {
    let world = try StaffWorld()
    let headers = try await world.logIn("mette")
    let (token, reference) = try await world.submit(["bg.contact": "phone"])
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: headers) { #expect($0.status == .ok) }
        let body = try json(["start": tomorrow, "length": 30, "mode": "centre", "place": "Vesterbrogade 1"])
        let offerID = try await client.execute(
            uri: "/staff/v1/cases/\(reference)/offers", method: .post, headers: headers.withJSON, body: body
        ) { response in
            #expect(response.status == .created && response.object["isOffered"] as? Bool == true)
            #expect(response.object["offeredTo"] as? String == reference && response.object["caseReference"] == nil)
            return response.object["id"] as? Int
        }
        try await client.execute(uri: "/staff/v1/cases/\(reference)", method: .get, headers: headers) { response in
            let offers = response.object["offers"] as? [[String: Any]] ?? []
            #expect(offers.count == 1 && offers.first?["id"] as? Int == offerID)
        }
        try await client.execute(
            uri: "/staff/v1/cases/NOPE-00/offers", method: .post, headers: headers.withJSON, body: body
        ) { #expect($0.status == .notFound) }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/offers", method: .post, headers: headers.withJSON,
            body: try json(["start": "tomorrow"])
        ) { #expect($0.status == .unprocessableContent) }
    }
    try await world.citizenApp.test(.router) { client in
        let page = try await PageBrowser(client).post("/token", [("token", token), ("lang", "en")])
        #expect(page.html.contains("offered to you"))
    }
}

@Test func aDecisionSendsThePersonAMessageInTheirLanguageThatThePreviewShowedFirst() async throws {
    let world = try StaffWorld()
    let headers = try await world.logIn("mette")
    _ = try await world.citizen.database.addProvider(
        ProviderInput(
            slug: "anonym-roskilde", name: "Anonym behandling Roskilde", contact: "Tlf. 46 31 00 00", isAnonymous: true,
            isOutsideMunicipality: true),
        at: testInstant)
    let (token, reference) = try await world.submit()  // answered in English
    let decision = try json([
        "track": "anonymous", "provider": "anonym-roskilde", "plannedStart": testToday.adding(days: 8).iso,
        "message": "Bring your code, and a friend if you like.",
    ])
    let previewed = try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: headers) { #expect($0.status == .ok) }
        let previewed = try await client.execute(
            uri: "/staff/v1/cases/\(reference)/decision/preview", method: .post, headers: headers.withJSON,
            body: decision
        ) { response in
            #expect(response.status == .ok && response.object["language"] as? String == "en")
            return response.object["message"] as? String ?? ""
        }
        for expected in [
            "anonymous treatment under section 101a", "Anonym behandling Roskilde. Contact: Tlf. 46 31 00 00", "Monday 30 November",
            "At the start you meet the counsellor without saying who you are", "Bring your code, and a friend if you like.",
            "write to us here",
        ] {
            #expect(previewed.contains(expected), "\(expected)")
        }
        // The preview stores nothing; it checks what a decision checks.
        try await client.execute(uri: "/staff/v1/cases/\(reference)", method: .get, headers: headers) { response in
            #expect(response.object["state"] as? String == "claimed" && (response.object["conversation"] as? [Any])?.isEmpty == true)
        }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/decision/preview", method: .post, headers: headers.withJSON,
            body: try json(["track": "anonymous"])
        ) { #expect($0.status == .unprocessableContent) }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/decision", method: .post, headers: headers.withJSON, body: decision
        ) { #expect($0.status == .ok) }
        return previewed
    }
    let found = try await world.citizen.intake.findCase(token: token)
    let shown = try await world.citizen.intake.show(found)
    #expect(shown.messages.map(\.body) == [previewed] && shown.unreadReplies == 1)
    #expect(!previewed.contains(reference) && !previewed.contains("{"))
}

@Test func aDanishCaseGetsTheDecisionInDanishWithWhatHappensAtTheStartOfItsTrack() async throws {
    let world = try StaffWorld()
    let mette = try await counsellor(world, "mette")
    let (token, reference) = try await world.submit(language: .da)
    _ = try await world.staff.desk.claim(reference, by: mette)
    let input = DecisionInput(track: .ambulant, reason: "Mere end stofbrug", plannedStart: testToday.adding(days: 5))
    _ = try await world.staff.desk.decide(reference, input, letter: DecisionLetter.writer(input, pages: world.staff.pages), by: mette)
    let message = try #require(try await world.citizen.intake.show(try await world.citizen.intake.findCase(token: token)).messages.first)
    #expect(message.body.hasPrefix("Vi har nu besluttet"))
    #expect(message.body.contains("skal du oplyse dit navn og dit CPR-nummer"))
    #expect(!message.body.contains("Mere end stofbrug"))  // the reason is for the file, not for the person
}
