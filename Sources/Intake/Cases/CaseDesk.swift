import Foundation

/// The staff side of cases: the queue, reading a case, claiming, the conversation, bookings,
/// decisions, slots, providers, the audit log and statistics. Every change and every read is
/// audited in the transaction that makes it.
public struct CaseDesk: Sendable {
    let database: AppDatabase
    let keys: KeyRing
    let clock: ServiceClock
    let texts: TextCatalog

    public init(database: AppDatabase, keys: KeyRing, clock: ServiceClock, texts: TextCatalog) {
        self.database = database
        self.keys = keys
        self.clock = clock
        self.texts = texts
    }

    // MARK: - Reading

    public func queue(_ filter: QueueFilter) async throws -> [CaseSummary] {
        try await database.queue(filter)
    }

    /// One page of the queue, with the number of cases in all pages.
    public func queuePage(_ filter: QueueFilter) async throws -> QueuePage {
        try await database.queuePage(filter)
    }

    /// A case as the queue shows it, without auditing a read (the answer to a change).
    public func summary(_ reference: String) async throws -> CaseSummary {
        try await database.summary(try parse(reference))
    }

    public func openCaseFile(_ reference: String, by staff: StaffIdentity) async throws -> CaseFile {
        try await database.openCaseFile(try parse(reference), by: staff, at: clock.now().instant)
    }

    /// The case of a token the person reads out on the phone.
    public func lookUp(token text: String, by staff: StaffIdentity) async throws -> CaseFile {
        guard let token = Token(parsing: text) else { throw TokenLookupError.malformed }
        guard let file = try await database.openCaseFile(tokenHash: keys.hash(token), by: staff, at: clock.now().instant) else {
            throw TokenLookupError.unknown
        }
        return file
    }

    /// A new code for a person on the phone who reads out a code a colleague handed out: the old
    /// one stops working at once, so the colleague who read it out can no longer open the case
    /// as the person. The new one is heard by the counsellor on the call, so it stays marked as
    /// handed out by staff, and the person's first use on the web replaces it again. Audited.
    /// Returns the case's reference and the new code, to read out once.
    public func newCodeByPhone(token text: String, by staff: StaffIdentity) async throws -> (reference: CaseReference, token: Token) {
        guard let old = Token(parsing: text) else { throw TokenLookupError.malformed }
        let token = Token.generate()
        let reference = try await database.replaceStaffCodeByPhone(
            old: keys.hash(old), new: keys.hash(token), by: staff, at: clock.now().instant)
        return (reference, token)
    }

    // MARK: - Changing

    public func claim(_ reference: String, by staff: StaffIdentity) async throws -> CaseSummary {
        try await database.claim(try parse(reference), by: staff, at: clock.now().instant)
    }

    public func release(_ reference: String, by staff: StaffIdentity) async throws -> CaseSummary {
        try await database.release(try parse(reference), by: staff, at: clock.now().instant)
    }

    public func handOver(_ reference: String, to username: String, by staff: StaffIdentity) async throws -> CaseSummary {
        try await database.handOver(try parse(reference), to: username, by: staff, at: clock.now().instant)
    }

    public func write(_ reference: String, body: String, isInternal: Bool, by staff: StaffIdentity) async throws -> Message {
        try await database.addStaffMessage(
            try parse(reference), body: body, isInternal: isInternal, by: staff, at: clock.now()
        )
    }

    /// Cancels the person's booked time and tells them so in the conversation, in their language.
    public func cancelBooking(_ reference: String, by staff: StaffIdentity) async throws -> CaseSummary {
        let texts = texts
        // Written in the same transaction, from the case and the time it frees: no read of the
        // case file of its own (and no `case.read` in the audit log beside the cancellation).
        return try await database.cancelBooking(try parse(reference), by: staff, at: clock.now()) { language, booking in
            let time = booking.map { $0.startsAt.replacingOccurrences(of: "T", with: " ") } ?? ""
            return texts.text("system.bookingCancelled", language, ["time": time])
        }
    }

    /// Decides the case and, with a `letter`, sends the person its message about it in the same
    /// transaction.
    public func decide(_ reference: String, _ input: DecisionInput, letter: DecisionLetterWriter? = nil, by staff: StaffIdentity)
        async throws -> CaseSummary
    {
        try await database.decide(try parse(reference), input, letter: letter, by: staff, at: clock.now())
    }

    /// The message deciding this way would send the person, and its language; nothing is stored.
    public func previewDecision(
        _ reference: String, _ input: DecisionInput, letter: @escaping DecisionLetterWriter, by staff: StaffIdentity
    ) async throws -> (language: Language, text: String) {
        try await database.previewDecision(try parse(reference), input, letter: letter, by: staff, on: clock.now().day)
    }

    /// Closes new cases as spam, in bulk (at most 500 at a time); a reference that names no case
    /// is refused with the others still closed.
    public func markSpam(_ references: [String], by staff: StaffIdentity) async throws -> [SpamOutcome] {
        let parsed = references.prefix(500).map { CaseReference(parsing: $0) }
        let known = parsed.compactMap { $0 }
        var outcomes = try await database.markSpam(known, by: staff, at: clock.now())
        for (text, reference) in zip(references, parsed) where reference == nil {
            outcomes.append(SpamOutcome(reference: String(text.prefix(20)), refusal: .caseNotFound))
        }
        return outcomes
    }

    public func close(_ reference: String, reason: String?, by staff: StaffIdentity) async throws -> CaseSummary {
        try await database.close(try parse(reference), reason: reason, by: staff, at: clock.now())
    }

    // MARK: - Slots, providers, audit, statistics

    public func createSlot(_ input: SlotInput, by staff: StaffIdentity) async throws -> Slot {
        try await database.createSlot(input, by: staff, at: clock.now())
    }

    /// A time offered to the person of `reference` only, by the staff member who holds the case.
    public func offerSlot(_ input: SlotInput, to reference: String, by staff: StaffIdentity) async throws -> Slot {
        try await database.createSlot(input, offeredTo: try parse(reference), by: staff, at: clock.now())
    }

    public func deleteSlot(_ id: Int64, by staff: StaffIdentity) async throws {
        try await database.deleteSlot(id, by: staff, at: clock.now().instant)
    }

    public func slots(_ filter: SlotFilter) async throws -> [(slot: Slot, caseReference: CaseReference?)] {
        try await database.slots(filter)
    }

    public func providers() async throws -> [Provider] { try await database.providers() }

    public func auditEntries(_ filter: AuditFilter) async throws -> [AuditEntry] { try await database.auditEntries(filter) }

    public func statistics(from: Day, to: Day) async throws -> [WeeklyStatistics] {
        try await database.weeklyStatistics(from: from, to: to)
    }

    private func parse(_ reference: String) throws -> CaseReference {
        guard let parsed = CaseReference(parsing: reference) else { throw CaseWorkError.caseNotFound }
        return parsed
    }
}
