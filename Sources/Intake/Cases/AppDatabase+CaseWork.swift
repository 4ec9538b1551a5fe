import Foundation
import GRDB

extension AppDatabase {
    /// Assigns a new case to the caller. Of two concurrent claims exactly one wins (writes are
    /// serialised); the other learns who holds the case.
    func claim(_ reference: CaseReference, by staff: StaffIdentity, at: Date) async throws -> CaseSummary {
        try await transaction { db in
            var found = try intakeCase(reference, db)
            guard found.state == .new else {
                if let holder = found.assignedToId, found.state.isOpen {
                    throw CaseWorkError.heldBy(try Self.username(holder, db))
                }
                throw CaseWorkError.notAllowed(state: found.state, action: .claim, allowed: found.state.allowedActions)
            }
            found.state = .claimed
            found.assignedToId = staff.userID
            try update(found, db)
            try Self.audit(db, at: at, actor: staff.username, action: .caseClaim, caseReference: reference, detail: "new→claimed")
            return try Self.summary(of: found, db)
        }
    }

    /// Gives a claimed case back to the queue.
    func release(_ reference: CaseReference, by staff: StaffIdentity, at: Date) async throws -> CaseSummary {
        try await changeCase(reference, .release, by: staff, at: at) { found, _ in found.assignedToId = nil }
    }

    /// Hands a case over to a colleague.
    func handOver(_ reference: CaseReference, to username: String, by staff: StaffIdentity, at: Date) async throws -> CaseSummary {
        try await changeCase(reference, .handOver, by: staff, at: at, detail: "to \(username.lowercased())") { found, db in
            guard let colleague = try StaffUser.filter(StaffUser.Columns.username == username.lowercased()).fetchOne(db),
                !colleague.isDisabled
            else { throw CaseWorkError.unknownStaff(username) }
            found.assignedToId = colleague.id
        }
    }

    /// Records the final track, the referral and the planned start.
    func decide(
        _ reference: CaseReference, _ input: DecisionInput, letter: DecisionLetterWriter?, by staff: StaffIdentity, at moment: Moment
    ) async throws -> CaseSummary {
        try await changeCase(reference, .decide, by: staff, at: moment.instant, detail: input.track.map { "track \($0.rawValue)" }) {
            found, db in
            let provider = try Self.decisionProvider(input, db)
            try input.apply(to: &found, provider: provider, on: moment.day)
            // The person is told in the conversation, in their language, what was decided and
            // what happens at the start: the same text the counsellor previewed.
            guard let letter else { return }
            try insert(
                NewMessage(
                    intakeCaseId: found.id, author: .staff, staffUserId: staff.userID, body: letter(found, provider),
                    createdOn: moment.day, isReadByCitizen: false, isReadByStaff: true
                ), db)
        }
    }

    /// The message a decision would send, without deciding: the same checks (state, holder,
    /// every field), nothing stored.
    func previewDecision(
        _ reference: CaseReference, _ input: DecisionInput, letter: @escaping DecisionLetterWriter, by staff: StaffIdentity,
        on day: Day
    ) async throws -> (language: Language, text: String) {
        try await snapshot { db in
            var found = try intakeCase(reference, db)
            guard found.state.next(after: .decide) != nil else {
                throw CaseWorkError.notAllowed(state: found.state, action: .decide, allowed: found.state.allowedActions)
            }
            try Self.requireHolder(found, staff, db)
            let provider = try Self.decisionProvider(input, db)
            try input.apply(to: &found, provider: provider, on: day)
            return (found.language, letter(found, provider))
        }
    }

    /// The active provider a decision names; `unknownProvider` when there is none by that slug.
    private static func decisionProvider(_ input: DecisionInput, _ db: Database) throws -> Provider? {
        guard let slug = input.provider else { return nil }
        guard let provider = try Provider.filter(Provider.Columns.slug == slug).filter(Provider.Columns.isActive).fetchOne(db) else {
            throw CaseWorkError.unknownProvider(slug)
        }
        return provider
    }

    /// Closes a case; without a decision a reason is needed.
    func close(_ reference: CaseReference, reason: String?, by staff: StaffIdentity, at moment: Moment) async throws -> CaseSummary {
        try await changeCase(reference, .close, by: staff, at: moment.instant) { found, db in
            if let problem = FieldProblem.text(
                reason, field: "reason", maximum: DecisionInput.reasonLimit, required: found.state != .decided)
            {
                throw CaseWorkError.invalid([problem])
            }
            found.closeReason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
            found.closedOn = moment.day
            try Self.freeSlot(of: found, db)
        }
    }

    /// Closes new cases nobody claimed as spam (a flood), each with its own audit line; the
    /// others are refused one by one, and the rest still closed.
    func markSpam(_ references: [CaseReference], by staff: StaffIdentity, at moment: Moment) async throws -> [SpamOutcome] {
        var outcomes: [SpamOutcome] = []
        for reference in references {
            do {
                _ = try await changeCase(reference, .markSpam, by: staff, at: moment.instant) { found, _ in
                    found.closeReason = SpamOutcome.closeReason
                    found.closedOn = moment.day
                }
                outcomes.append(SpamOutcome(reference: reference.value, refusal: nil))
            } catch let refusal as CaseWorkError {
                outcomes.append(SpamOutcome(reference: reference.value, refusal: refusal))
            }
        }
        return outcomes
    }

    /// Ends a case at the person's wish, from their page.
    func withdraw(caseID: Int64, on day: Day) async throws -> IntakeCase {
        try await transaction { db in
            guard var found = try fetchCase(id: caseID, db) else { throw CaseWorkError.caseNotFound }
            guard let next = found.state.next(after: .withdraw) else {
                throw CaseWorkError.notAllowed(state: found.state, action: .withdraw, allowed: found.state.allowedActions)
            }
            try Self.freeSlot(of: found, db)
            found.state = next
            found.closedOn = day
            try update(found, db)
            return found
        }
    }

    // MARK: - Shared

    /// Applies a staff action in one transaction: the state machine decides whether it is
    /// allowed, only the holder (or an admin) may act, and the audit line is written with it.
    /// Returns the case as the queue shows it afterwards, read in the same transaction.
    func changeCase(
        _ reference: CaseReference, _ action: CaseAction, by staff: StaffIdentity, at: Date, detail: String? = nil,
        _ change: @escaping @Sendable (inout IntakeCase, Database) throws -> Void
    ) async throws -> CaseSummary {
        try await transaction { db in
            var found = try intakeCase(reference, db)
            guard let next = found.state.next(after: action) else {
                throw CaseWorkError.notAllowed(state: found.state, action: action, allowed: found.state.allowedActions)
            }
            try Self.requireHolder(found, staff, db)
            let before = found.state
            try change(&found, db)
            found.state = next
            try update(found, db)
            let transition = "\(before.rawValue)→\(next.rawValue)" + (detail.map { " \($0)" } ?? "")
            if let audited = AuditAction(action) {
                try Self.audit(db, at: at, actor: staff.username, action: audited, caseReference: reference, detail: transition)
            }
            return try Self.summary(of: found, db)
        }
    }

    /// Only the staff member who holds a case, or an admin, may change it.
    static func requireHolder(_ found: IntakeCase, _ staff: StaffIdentity, _ db: Database) throws {
        guard found.isChangeable(by: staff) else {
            throw CaseWorkError.heldBy(try found.assignedToId.map { try username($0, db) } ?? "")
        }
    }

    /// The case with `reference`, opened; `caseNotFound` when there is none.
    func intakeCase(_ reference: CaseReference, _ db: Database) throws -> IntakeCase {
        guard let found = try fetchCases(IntakeCaseRow.filter(IntakeCaseRow.Columns.reference == reference), db).first else {
            throw CaseWorkError.caseNotFound
        }
        return found
    }

    static func username(_ id: Int64, _ db: Database) throws -> String {
        try StaffUser.fetchOne(db, key: id)?.username ?? "?"
    }

    /// Frees the slot a case booked, if any.
    static func freeSlot(of found: IntakeCase, _ db: Database) throws {
        try Slot.filter(Slot.Columns.intakeCaseId == found.id).updateAll(
            db, Slot.Columns.intakeCaseId.set(to: nil), Column("bookedOn").set(to: nil))
    }
}

extension String {
    /// `nil` for an empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
