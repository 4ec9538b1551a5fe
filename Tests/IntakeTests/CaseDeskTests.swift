import Foundation
import Testing

@testable import Intake

/// The result of async work, success or error.
func outcome<T: Sendable>(_ work: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await work()) } catch { return .failure(error) }
}

@Test func exactlyOneOfTwoConcurrentClaimsWins() async throws {
    let place = try Workplace()
    let (_, reference) = try await place.submit()
    let mette = try await place.staff("mette")
    let jonas = try await place.staff("jonas")
    async let first = outcome { try await place.desk.claim(reference, by: mette) }
    async let second = outcome { try await place.desk.claim(reference, by: jonas) }
    let results = await [first, second]
    #expect(results.filter { if case .success = $0 { true } else { false } }.count == 1)
    let loser = results.compactMap { if case .failure(let error) = $0 { error as? CaseWorkError } else { nil } }
    #expect(loser.count == 1)
    if case .heldBy(let holder) = loser.first {
        #expect(["mette", "jonas"].contains(holder))
    } else {
        Issue.record("expected heldBy, got \(loser)")
    }
}

@Test func onlyTheHolderOrAnAdminChangesACase() async throws {
    let place = try Workplace()
    let (_, reference) = try await place.submit()
    let mette = try await place.staff("mette")
    let jonas = try await place.staff("jonas")
    let admin = try await place.staff("anne", role: .admin)
    _ = try await place.desk.claim(reference, by: mette)
    await #expect(throws: CaseWorkError.heldBy("mette")) { try await place.desk.release(reference, by: jonas) }
    await #expect(throws: CaseWorkError.heldBy("mette")) {
        try await place.desk.write(reference, body: "Hej", isInternal: false, by: jonas)
    }
    let handed = try await place.desk.handOver(reference, to: "jonas", by: admin)
    #expect(handed.intakeCase.assignedToId == jonas.userID && handed.intakeCase.state == .claimed && handed.assignee == "jonas")
    await #expect(throws: CaseWorkError.unknownStaff("nobody")) { try await place.desk.handOver(reference, to: "nobody", by: jonas) }
    let released = try await place.desk.release(reference, by: jonas).intakeCase
    #expect(released.state == .new && released.assignedToId == nil)
}

@Test func illegalTransitionsNameTheAllowedOnes() async throws {
    let place = try Workplace()
    let (_, reference) = try await place.submit()
    let mette = try await place.staff("mette")
    await #expect(throws: CaseWorkError.notAllowed(state: .new, action: .decide, allowed: [.claim, .withdraw, .markSpam])) {
        try await place.desk.decide(reference, DecisionInput(track: .ambulant, plannedStart: place.clock.today), by: mette)
    }
    await #expect(throws: CaseWorkError.caseNotFound) { try await place.desk.claim("ZZZ-ZZZ", by: mette) }
    await #expect(throws: CaseWorkError.caseNotFound) { try await place.desk.claim("not a reference", by: mette) }
}

@Test func decisionChecksTheReasonTheStartAndTheProvider() async throws {
    let place = try Workplace()
    // The baseline profile is suggested ambulant.
    let (token, reference) = try await place.submit()
    let mette = try await place.staff("mette")
    _ = try await place.desk.claim(reference, by: mette)
    let today = place.clock.today
    _ = try await place.database.addProvider(
        ProviderInput(
            slug: "kbh-ambulant", name: "Rusmiddelcenter København", contact: "Tlf. 33 17 33 17", isAnonymous: false,
            isOutsideMunicipality: false), at: place.clock.now
    )

    await #expect(throws: CaseWorkError.invalid([FieldProblem("reason", .requiredWhenTrackDiffers)])) {
        try await place.desk.decide(reference, DecisionInput(track: .anonymous, plannedStart: today), by: mette)
    }
    await #expect(throws: CaseWorkError.invalid([FieldProblem("startDelayReason", .requiredWhenLate(deadline: today.adding(days: 14)))])) {
        try await place.desk.decide(reference, DecisionInput(track: .ambulant, plannedStart: today.adding(days: 15)), by: mette)
    }
    await #expect(throws: CaseWorkError.invalid([FieldProblem("provider", .notAnonymousProvider)])) {
        try await place.desk.decide(
            reference, DecisionInput(track: .anonymous, reason: "Talked it through", provider: "kbh-ambulant", plannedStart: today),
            by: mette
        )
    }
    await #expect(throws: CaseWorkError.unknownProvider("nowhere")) {
        try await place.desk.decide(reference, DecisionInput(track: .ambulant, provider: "nowhere", plannedStart: today), by: mette)
    }
    await #expect(throws: CaseWorkError.invalid([FieldProblem("track", .required), FieldProblem("plannedStart", .required)])) {
        try await place.desk.decide(reference, DecisionInput(track: nil, plannedStart: nil), by: mette)
    }

    let decided = try await place.desk.decide(
        reference,
        DecisionInput(
            track: .ambulant, provider: "kbh-ambulant", plannedStart: today.adding(days: 16), startDelayReason: "Wanted after the holidays"),
        by: mette
    ).intakeCase
    #expect(decided.state == .decided && decided.decidedOn == today && decided.plannedStart == today.adding(days: 16))
    let view = try await place.intake.show(try await place.intake.findCase(token: token))
    #expect(view.provider?.name == "Rusmiddelcenter København")

    await #expect(throws: CaseWorkError.invalid([FieldProblem("reason", .tooLong(maximum: 1_000))])) {
        try await place.desk.close(reference, reason: String(repeating: "x", count: 1_001), by: mette)
    }
    let closed = try await place.desk.close(reference, reason: nil, by: mette).intakeCase
    #expect(closed.state == .closed && closed.closedOn == today)
}

@Test func closingWithoutADecisionNeedsAReason() async throws {
    let place = try Workplace()
    let (_, reference) = try await place.submit()
    let mette = try await place.staff("mette")
    _ = try await place.desk.claim(reference, by: mette)
    await #expect(throws: CaseWorkError.invalid([FieldProblem("reason", .required)])) {
        try await place.desk.close(reference, reason: " ", by: mette)
    }
    #expect(try await place.desk.close(reference, reason: "No reply in 6 weeks", by: mette).intakeCase.closeReason == "No reply in 6 weeks")
}

@Test func conversationKeepsNotesFromThePersonAndShowsNewReplies() async throws {
    let place = try Workplace()
    let (token, reference) = try await place.submit()
    let mette = try await place.staff("mette")
    await #expect(throws: CaseWorkError.notAllowed(state: .new, action: .claim, allowed: [.claim])) {
        try await place.desk.write(reference, body: "Hej", isInternal: false, by: mette)
    }
    _ = try await place.desk.claim(reference, by: mette)
    _ = try await place.desk.write(reference, body: "Hej, jeg hedder Mette.", isInternal: false, by: mette)
    _ = try await place.desk.write(reference, body: "Ring evt. i morgen.", isInternal: true, by: mette)
    _ = try await place.intake.sendMessage(try await place.intake.findCase(token: token), body: "Tak, det lyder godt.")

    let found = try await place.intake.findCase(token: token)
    let first = try await place.intake.show(found)
    #expect(first.messages.map(\.body) == ["Hej, jeg hedder Mette.", "Tak, det lyder godt."])
    #expect(first.unreadReplies == 1)
    #expect(try await place.intake.show(found).unreadReplies == 0)

    let file = try await place.desk.openCaseFile(reference, by: mette)
    #expect(file.messages.count == 3)
    #expect(file.messages.filter(\.isInternal).map(\.body) == ["Ring evt. i morgen."])
    #expect(file.authors.values.contains("mette"))
    #expect(try await place.desk.queue(QueueFilter()).first?.unreadFromCitizen == 0)

    await #expect(throws: CaseWorkError.invalid([FieldProblem("body", .required)])) {
        try await place.intake.sendMessage(try await place.intake.findCase(token: token), body: "  ")
    }
    await #expect(throws: CaseWorkError.invalid([FieldProblem("body", .tooLong(maximum: 2_000))])) {
        try await place.intake.sendMessage(try await place.intake.findCase(token: token), body: String(repeating: "a", count: 2_001))
    }
}

@Test func aSlotIsBookedOnceAndCanBeCancelledAndRebooked() async throws {
    let place = try Workplace()
    let (token, reference) = try await place.submit(["bg.contact": .string("phone")])
    let (otherToken, otherReference) = try await place.submit(["bg.contact": .string("phone")])
    let mette = try await place.staff("mette")
    _ = try await place.desk.claim(reference, by: mette)
    _ = try await place.desk.claim(otherReference, by: mette)
    let phone = try await place.desk.createSlot(
        SlotInput(startsAt: place.localTime(days: 2, "10:00"), lengthMinutes: 30, mode: .phone, place: "Ring 33 17 33 17"), by: mette)
    let video = try await place.desk.createSlot(
        SlotInput(startsAt: place.localTime(days: 2, "11:00"), lengthMinutes: 30, mode: .video, place: "https://video.example/room"),
        by: mette)

    // The person sees the times of the mode they asked for.
    let view = try await place.intake.show(try await place.intake.findCase(token: token))
    #expect(view.openSlots.map(\.id) == [phone.id])

    let booked = try await place.intake.book(try await place.intake.findCase(token: token), slotID: phone.id)
    #expect(booked.state == .booked)
    #expect(try await place.intake.show(booked).booking?.bookedOn == place.clock.today)
    #expect(try await place.intake.findCase(token: token).state == .booked)
    await #expect(throws: CaseWorkError.slotTaken) {
        try await place.intake.book(try await place.intake.findCase(token: otherToken), slotID: phone.id)
    }
    await #expect(throws: CaseWorkError.slotBooked) { try await place.desk.deleteSlot(phone.id, by: mette) }

    // Rebooking moves the booking and frees the first time.
    _ = try await place.intake.book(try await place.intake.findCase(token: token), slotID: video.id)
    #expect(try await place.desk.slots(SlotFilter(onlyOpen: true)).map(\.slot.id) == [phone.id])

    _ = try await place.intake.cancelBooking(try await place.intake.findCase(token: token))
    #expect(try await place.intake.findCase(token: token).state == .claimed)
    _ = try await place.intake.book(try await place.intake.findCase(token: token), slotID: phone.id)
    let auditedBefore = try await place.desk.auditEntries(AuditFilter()).count
    let cancelled = try await place.desk.cancelBooking(reference, by: mette)
    #expect(cancelled.intakeCase.state == .claimed && cancelled.booking == nil)
    // One audit line, the cancellation; not a read of the case file beside it.
    let audited = try await place.desk.auditEntries(AuditFilter())
    #expect(audited.count == auditedBefore + 1)
    #expect(audited.map(\.action).contains(.caseCancelBooking))
    let notice = try await place.intake.show(try await place.intake.findCase(token: token)).messages.last
    #expect(notice?.author == .system)
    #expect(notice?.body.contains(place.localTime(days: 2, "10:00").replacingOccurrences(of: "T", with: " ")) == true)
}

@Test func slotsMustBeInTheFutureWithAPlaceAndAPhoneNumberForPhoneCalls() async throws {
    let place = try Workplace()
    let mette = try await place.staff("mette")
    await #expect(throws: CaseWorkError.invalid([FieldProblem("start", .invalid)])) {
        try await place.desk.createSlot(
            SlotInput(startsAt: place.localTime(days: -1, "10:00"), lengthMinutes: 30, mode: .centre, place: "Vesterbrogade 1"), by: mette)
    }
    await #expect(throws: CaseWorkError.invalid([FieldProblem("place", .phoneNumberNeeded)])) {
        try await place.desk.createSlot(
            SlotInput(startsAt: place.localTime(days: 2, "10:00"), lengthMinutes: 30, mode: .phone, place: "Vi ringer"), by: mette)
    }
    await #expect(
        throws: CaseWorkError.invalid([
            FieldProblem("start", .required), FieldProblem("length", .invalid), FieldProblem("mode", .required),
            FieldProblem("place", .required),
        ])
    ) {
        try await place.desk.createSlot(SlotInput(startsAt: nil, lengthMinutes: 2, mode: nil, place: nil), by: mette)
    }
    await #expect(throws: CaseWorkError.invalid([FieldProblem("start", .invalid)])) {
        try await place.desk.createSlot(
            SlotInput(startsAt: "2026-11-31T25:00", lengthMinutes: 30, mode: .chat, place: "Her på siden"), by: mette)
    }
}

@Test func aBookedTimeInThePastCannotBeBooked() async throws {
    let place = try Workplace()
    let (token, reference) = try await place.submit()
    let mette = try await place.staff("mette")
    _ = try await place.desk.claim(reference, by: mette)
    let slot = try await place.desk.createSlot(
        SlotInput(startsAt: place.localTime(days: 0, "12:00"), lengthMinutes: 30, mode: .chat, place: "Chat her"), by: mette)
    place.clock.advance(4 * 3600)
    await #expect(throws: CaseWorkError.slotInPast) {
        try await place.intake.book(try await place.intake.findCase(token: token), slotID: slot.id)
    }
}

@Test func withdrawingFreesTheTimeAndEndsTheCase() async throws {
    let place = try Workplace()
    let (token, reference) = try await place.submit()
    let mette = try await place.staff("mette")
    _ = try await place.desk.claim(reference, by: mette)
    let slot = try await place.desk.createSlot(
        SlotInput(startsAt: place.localTime(days: 2, "10:00"), lengthMinutes: 30, mode: .chat, place: "Chat"), by: mette)
    _ = try await place.intake.book(try await place.intake.findCase(token: token), slotID: slot.id)
    let withdrawn = try await place.intake.withdraw(try await place.intake.findCase(token: token))
    #expect(withdrawn.state == .withdrawn && withdrawn.closedOn == place.clock.today)
    #expect(try await place.desk.slots(SlotFilter(onlyOpen: true)).count == 1)
    await #expect(throws: CaseWorkError.notOpen(.withdrawn)) {
        try await place.intake.sendMessage(try await place.intake.findCase(token: token), body: "Hej igen")
    }
    await #expect(throws: CaseWorkError.notAllowed(state: .withdrawn, action: .withdraw, allowed: [])) {
        try await place.intake.withdraw(try await place.intake.findCase(token: token))
    }
}

@Test func queueIsSortedByPriorityThenAgeAndFilters() async throws {
    let place = try Workplace()
    let (_, plain) = try await place.submit()
    place.clock.advance(86_400)
    let (_, crisis) = try await place.submit(["crisis.now": .string("yes")])
    let (_, young) = try await place.submit(["bg.age_band": .string("under18")])
    let queue = try await place.desk.queue(QueueFilter())
    #expect(queue.map(\.intakeCase.reference.value) == [crisis, young, plain])
    #expect(try await place.desk.queue(QueueFilter(flag: .under18)).map(\.intakeCase.reference.value) == [young])
    #expect(try await place.desk.queue(QueueFilter(states: [.claimed])).isEmpty)
    #expect(try await place.desk.queue(QueueFilter(track: .anonymous)).isEmpty)
    #expect(try await place.desk.queue(QueueFilter(municipality: "101")).count == 3)
    #expect(try await place.desk.queue(QueueFilter(municipality: "751")).isEmpty)
}

@Test func everyStaffReadAndChangeIsAuditedWithoutCitizenData() async throws {
    let place = try Workplace()
    let (token, reference) = try await place.submit()
    let mette = try await place.staff("mette")
    _ = try await place.desk.openCaseFile(reference, by: mette)
    _ = try await place.desk.claim(reference, by: mette)
    _ = try await place.desk.lookUp(token: token, by: mette)
    _ = try await place.desk.write(reference, body: "Hej med dig", isInternal: false, by: mette)
    let entries = try await place.desk.auditEntries(AuditFilter(caseReference: reference))
    #expect(entries.map(\.action) == [.messageWrite, .caseLookup, .caseClaim, .caseRead])
    #expect(entries.allSatisfy { $0.actor == "mette" })
    let everything = try await place.desk.auditEntries(AuditFilter()).map {
        "\($0.actor) \($0.action.rawValue) \($0.caseReference ?? "") \($0.detail ?? "")"
    }
    #expect(everything.contains("cli staff.add  mette staff"))
    #expect(!everything.joined().contains("Hej med dig"))
    #expect(!everything.joined().contains(token))
}

@Test func statisticsHideCountsBelowFive() async throws {
    let place = try Workplace()
    for _ in 0..<6 { _ = try await place.submit() }
    _ = try await place.submit(["crisis.now": .string("yes")])
    let weeks = try await place.desk.statistics(from: Day(iso: "2026-11-01")!, to: Day(iso: "2026-11-30")!)
    #expect(weeks.count == 1)
    #expect(weeks[0].week == "2026-W47")
    #expect(weeks[0].total == .count(7))
    #expect(weeks[0].byTrack["ambulant"] == .count(7))
    #expect(weeks[0].byFlag["crisis"] == .fewerThanFive)
    #expect(weeks[0].byFlag["low_need"] == .count(7))
    #expect(weeks[0].byMunicipality["101"] == .count(7))
    #expect(weeks[0].byPartner["none"] == .count(7))
    #expect(SmallCount(0) == .count(0))
    #expect(SmallCount(4) == .fewerThanFive)
    #expect(SmallCount(5) == .count(5))
}

@Test func theRegisterSaysWhatAnonymousTreatmentLacks() async throws {
    let place = try Workplace()
    #expect(try await place.database.anonymousProviderGaps().count == 2)
    for (slug, outside) in [("a", false), ("b", true)] {
        _ = try await place.database.addProvider(
            ProviderInput(slug: slug, name: slug, contact: "-", isAnonymous: true, isOutsideMunicipality: outside),
            at: place.clock.now
        )
    }
    #expect(try await place.database.anonymousProviderGaps().isEmpty)
    try await place.database.disableProvider("b", at: place.clock.now)
    #expect(try await place.database.anonymousProviderGaps().count == 2)
}
