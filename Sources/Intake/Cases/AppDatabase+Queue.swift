import Foundation
import GRDB

extension AppDatabase {
    /// The queue: most urgent first (priority), then oldest first.
    func queue(_ filter: QueueFilter) async throws -> [CaseSummary] {
        try await writer.read { db in
            let states = filter.states ?? CaseState.allCases.filter(\.isOpen)
            var request = IntakeCase.filter(states.contains(IntakeCase.Columns.state))
            if let track = filter.track { request = request.filter(IntakeCase.Columns.track == track) }
            if let municipality = filter.municipality { request = request.filter(IntakeCase.Columns.municipality == municipality) }
            if let flag = filter.flag {
                request = request.filter(
                    sql: "EXISTS (SELECT 1 FROM json_each(intakeCase.flags) WHERE value = ?)", arguments: [flag.rawValue])
            }
            return try request.order(IntakeCase.Columns.priority, IntakeCase.Columns.createdOn, Column("id"))
                .limit(max(1, min(filter.limit, 2_000))).fetchAll(db)
                .map { try Self.summary(of: $0, db) }
        }
    }

    /// One case as the queue shows it.
    func summary(_ reference: CaseReference) async throws -> CaseSummary {
        try await writer.read { db in try Self.summary(of: try Self.intakeCase(reference, db), db) }
    }

    /// Everything staff may read of a case; the read is audited, and the holder's read marks
    /// the person's messages as seen.
    func caseFile(_ reference: CaseReference, by staff: StaffIdentity, at: Date, action: String = "case.read") async throws -> CaseFile {
        try await writer.write { db in
            let found = try Self.intakeCase(reference, db)
            try Self.audit(db, at: at, actor: staff.username, action: action, caseReference: reference)
            return try Self.caseFile(of: found, reader: staff, db)
        }
    }

    /// The case file of the case whose token hashes to `tokenHash` (the phone channel).
    func caseFile(tokenHash: Data, by staff: StaffIdentity, at: Date) async throws -> CaseFile? {
        try await writer.write { db in
            guard let found = try IntakeCase.filter(IntakeCase.Columns.tokenHash == tokenHash).fetchOne(db),
                constantTimeEquals(found.tokenHash, tokenHash)
            else { return nil }
            try Self.audit(db, at: at, actor: staff.username, action: "case.lookup", caseReference: found.reference)
            return try Self.caseFile(of: found, reader: staff, db)
        }
    }

    private static func caseFile(of found: IntakeCase, reader staff: StaffIdentity, _ db: Database) throws -> CaseFile {
        let caseID = found.id ?? 0
        if found.assignedToId == staff.userID {
            try Message.filter(Message.Columns.intakeCaseId == caseID).filter(!Message.Columns.isReadByStaff)
                .updateAll(db, Message.Columns.isReadByStaff.set(to: true))
        }
        let messages = try Message.filter(Message.Columns.intakeCaseId == caseID).order(Column("id")).fetchAll(db)
        var authors: [Int64: String] = [:]
        for id in Set(messages.compactMap(\.staffUserId)) { authors[id] = try username(id, db) }
        return CaseFile(
            summary: try summary(of: found, db), messages: messages, authors: authors,
            provider: try found.providerId.flatMap { try Provider.fetchOne(db, key: $0) }
        )
    }

    private static func summary(of found: IntakeCase, _ db: Database) throws -> CaseSummary {
        let caseID = found.id ?? 0
        return CaseSummary(
            intakeCase: found, assignee: try found.assignedToId.map { try username($0, db) },
            unreadFromCitizen: try Message.filter(Message.Columns.intakeCaseId == caseID)
                .filter(Message.Columns.author == MessageAuthor.citizen).filter(!Message.Columns.isReadByStaff).fetchCount(db),
            booking: try Slot.filter(Slot.Columns.intakeCaseId == caseID).fetchOne(db)
        )
    }
}
