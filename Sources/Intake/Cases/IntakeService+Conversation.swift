import Foundation

/// What the person sees on their page: the case, the conversation (never internal notes), the
/// times they can book, their booking and the provider they are referred to.
public struct CitizenCaseSummary: Sendable {
    public let intakeCase: IntakeCase
    public let messages: [Message]
    /// How many of the messages are replies the person has not seen before.
    public let unreadReplies: Int
    public let openSlots: [Slot]
    public let booking: Slot?
    public let provider: Provider?
}

extension IntakeService {
    /// The person's view of their case. Showing it marks the replies as seen.
    public func show(_ found: IntakeCase, markingRead: Bool = true) async throws -> CitizenCaseSummary {
        let summary = try await database.citizenSummary(
            of: found, openSlotsAfter: found.state.next(after: .book) != nil ? clock.now().localMinute : nil,
            wished: found.answers.choice("bg.contact").flatMap(ContactMode.init(rawValue:)))
        if markingRead, summary.unreadReplies > 0 { _ = try await database.markReadByCitizen(caseID: found.id) }
        return summary
    }

    /// A message from the person on their case (opened with their token by the caller). What in
    /// it could identify them is found and stored with it, for staff to see; a caller that can
    /// ask the person first passes `refusingIdentifiers` and gets `MessageError.identifying`.
    public func sendMessage(_ found: IntakeCase, body: String, refusingIdentifiers: Bool = false) async throws -> Message {
        // The length is checked before any other work on the text: the detectors never see more
        // than a message may hold.
        if let problem = FieldProblem.text(body, field: "body", maximum: AppDatabase.messageLimit) {
            throw CaseWorkError.invalid([problem])
        }
        let identifiers = IdentifierDetector.identifiers(in: body)
        if refusingIdentifiers, !identifiers.isEmpty { throw MessageError.identifying(identifiers) }
        return try await database.addCitizenMessage(caseID: found.id, body: body, identifiers: identifiers, on: clock.now().day)
    }

    /// Books a time for the clarifying conversation (or moves the booking to another time);
    /// returns the case as it is now.
    public func book(_ found: IntakeCase, slotID: Int64) async throws -> IntakeCase {
        try await database.book(slotID: slotID, caseID: found.id, at: clock.now())
    }

    /// Cancels the person's booked time.
    public func cancelBooking(_ found: IntakeCase) async throws -> IntakeCase {
        try await database.cancelBooking(caseID: found.id)
    }

    /// Ends the case at the person's wish.
    public func withdraw(_ found: IntakeCase) async throws -> IntakeCase {
        try await database.withdraw(caseID: found.id, on: clock.now().day)
    }

    /// The case with `id` (a case page session's), or `nil` when it is gone (purged).
    public func openCase(id: Int64) async throws -> IntakeCase? {
        try await database.intakeCase(id: id)
    }

    /// The case as it is stored now (after a refused change, say), without the token again.
    public func reload(_ found: IntakeCase) async throws -> IntakeCase {
        guard let current = try await database.intakeCase(id: found.id) else { throw CaseWorkError.caseNotFound }
        return current
    }
}

/// Why the person's message was held back.
public enum MessageError: Error, Equatable, Sendable {
    /// It looks like it contains something that identifies the person.
    case identifying([Identifier])
}
