import Foundation
import GRDB

extension AppDatabase {
    /// The longest message accepted.
    public static let messageLimit = 2_000

    /// A message or internal note from the staff member who holds the case.
    func addStaffMessage(
        _ reference: CaseReference, body: String, isInternal: Bool, by staff: StaffIdentity, at moment: Moment
    ) async throws -> Message {
        if let problem = FieldProblem.text(body, field: "body", maximum: Self.messageLimit) { throw CaseWorkError.invalid([problem]) }
        return try await transaction { db in
            let found = try intakeCase(reference, db)
            guard found.state.isOpen else { throw CaseWorkError.notOpen(found.state) }
            guard found.state != .new else {
                throw CaseWorkError.notAllowed(state: .new, action: .claim, allowed: [.claim])
            }
            try Self.requireHolder(found, staff, db)
            let message = try insert(
                NewMessage(
                    intakeCaseId: found.id, author: .staff, staffUserId: staff.userID, isInternal: isInternal, body: body.trimmed,
                    createdOn: moment.day, isReadByCitizen: isInternal, isReadByStaff: true
                ), db)
            try Self.audit(
                db, at: moment.instant, actor: staff.username, action: isInternal ? .noteWrite : .messageWrite, caseReference: reference
            )
            return message
        }
    }

    /// A message from the person, on an open case, with what in it could identify them.
    func addCitizenMessage(caseID: Int64, body: String, identifiers: [Identifier], on day: Day) async throws -> Message {
        if let problem = FieldProblem.text(body, field: "body", maximum: Self.messageLimit) { throw CaseWorkError.invalid([problem]) }
        return try await transaction { db in
            guard let found = try fetchCase(id: caseID, db) else { throw CaseWorkError.caseNotFound }
            guard found.state.isOpen else { throw CaseWorkError.notOpen(found.state) }
            return try insert(
                NewMessage(
                    intakeCaseId: caseID, author: .citizen, body: body.trimmed, createdOn: day, isReadByCitizen: true, isReadByStaff: false,
                    identifiers: identifiers
                ), db)
        }
    }

    /// A message from the service to the person (a cancelled time, for instance).
    func addSystemMessage(caseID: Int64, body: String, on day: Day, _ db: Database) throws {
        try insert(
            NewMessage(intakeCaseId: caseID, author: .system, body: body, createdOn: day, isReadByCitizen: false, isReadByStaff: true), db)
    }

    /// The conversation of a case in order; internal notes only when asked for.
    func messages(caseID: Int64, includingInternal: Bool) async throws -> [Message] {
        try await snapshot { db in try messages(caseID: caseID, includingInternal: includingInternal, db) }
    }

    /// What the person sees of their case besides the case itself: the conversation without
    /// internal notes, the times they can book after `openSlotsAfter` (none when `nil`; those
    /// of the mode they `wished` for), their booking and the provider decided on. One read
    /// transaction for all, so one moment's view, and cheaper than one read each.
    func citizenSummary(of found: IntakeCase, openSlotsAfter: String?, wished: ContactMode?) async throws -> CitizenCaseSummary {
        try await snapshot { db in
            let messages = try messages(caseID: found.id, includingInternal: false, db)
            return CitizenCaseSummary(
                intakeCase: found, messages: messages, unreadReplies: messages.filter { !$0.isReadByCitizen }.count,
                openSlots: try openSlotsAfter.map { try Self.openSlots(after: $0, mode: wished, for: found.id, db) } ?? [],
                booking: try Self.bookedSlot(caseID: found.id, db), provider: try Self.provider(id: found.providerId, db))
        }
    }

    /// The conversation of a case in order, read in `db`.
    func messages(caseID: Int64, includingInternal: Bool, _ db: Database) throws -> [Message] {
        // Kept prepared: every page and status a person reads lists the conversation.
        let statement = try db.cachedStatement(
            sql: includingInternal
                ? "SELECT * FROM message WHERE intakeCaseId = ? ORDER BY position"
                : "SELECT * FROM message WHERE intakeCaseId = ? AND NOT isInternal ORDER BY position")
        return try MessageRow.fetchAll(statement, arguments: [caseID]).map { try Message($0, cipher: cipher) }
    }

    /// Marks every staff and system message as seen by the person; returns how many were new.
    func markReadByCitizen(caseID: Int64) async throws -> Int {
        try await transaction { db in
            try MessageRow.filter(MessageRow.Columns.intakeCaseId == caseID).filter(!MessageRow.Columns.isReadByCitizen)
                .updateAll(db, MessageRow.Columns.isReadByCitizen.set(to: true))
        }
    }
}
