import Foundation
import GRDB

extension AppDatabase {
    /// The queue: most urgent first (priority), then oldest first.
    func queue(_ filter: QueueFilter) async throws -> [CaseSummary] {
        try await queuePage(filter).items
    }

    /// One page of the queue, and how many cases the filter finds in all: a long queue is paged,
    /// never cut off without saying so.
    func queuePage(_ filter: QueueFilter) async throws -> QueuePage {
        try await snapshot { db in
            let states = filter.states ?? CaseState.allCases.filter(\.isOpen)
            var request = IntakeCaseRow.filter(states.contains(IntakeCaseRow.Columns.state))
            if let track = filter.track { request = request.filter(IntakeCaseRow.Columns.track == track) }
            if let municipality = filter.municipality { request = request.filter(IntakeCaseRow.Columns.municipality == municipality) }
            if let channel = filter.channel { request = request.filter(Column("channel") == channel) }
            if let flag = filter.flag {
                request = request.filter(
                    sql: "EXISTS (SELECT 1 FROM json_each(intakeCase.flags) WHERE value = ?)", arguments: [flag.rawValue])
            }
            let replied =
                "EXISTS (SELECT 1 FROM message WHERE message.intakeCaseId = intakeCase.id AND author = 'staff' AND NOT isInternal)"
            if let due = filter.unrepliedCreatedOnOrBefore {
                request = request.filter(IntakeCaseRow.Columns.createdOn <= due).filter(sql: "NOT \(replied)")
            }
            let total = try request.fetchCount(db)
            let ordered =
                switch filter.sort {
                case .priority: request.order(IntakeCaseRow.Columns.priority, IntakeCaseRow.Columns.createdOn, Column("id"))
                case .replyBy:
                    request.order(
                        SQL(sql: replied).sqlExpression, IntakeCaseRow.Columns.createdOn, IntakeCaseRow.Columns.priority, Column("id"))
                }
            let page =
                ordered
                .limit(max(1, min(filter.limit, 2_000)), offset: max(0, filter.offset))
            var items: [CaseSummary] = []
            var unreadable: [UnreadableCase] = []
            for found in try fetchCasesOpeningWhatOpens(page, db) {
                switch found {
                case .opened(let opened): items.append(try Self.summary(of: opened, db))
                case .unreadable(let damaged): unreadable.append(damaged)
                }
            }
            return QueuePage(items: items, unreadable: unreadable, total: total)
        }
    }

    /// One case as the queue shows it.
    func summary(_ reference: CaseReference) async throws -> CaseSummary {
        try await snapshot { db in try Self.summary(of: try intakeCase(reference, db), db) }
    }

    /// Everything staff may read of a case; the read is audited, and the holder's read marks
    /// the person's messages as seen.
    func openCaseFile(_ reference: CaseReference, by staff: StaffIdentity, at: Date, action: AuditAction = .caseRead) async throws
        -> CaseFile
    {
        try await transaction { db in
            let found = try intakeCase(reference, db)
            try Self.audit(db, at: at, actor: staff.username, action: action, caseReference: reference)
            return try caseFile(of: found, reader: staff, db)
        }
    }

    /// The case file of the case whose token hashes to `tokenHash` (the phone channel).
    func openCaseFile(tokenHash: Data, by staff: StaffIdentity, at: Date) async throws -> CaseFile? {
        try await transaction { db in
            guard let found = try fetchCases(IntakeCaseRow.filter(IntakeCaseRow.Columns.tokenHash == tokenHash), db).first,
                constantTimeEquals(found.tokenHash, tokenHash)
            else { return nil }
            try Self.audit(db, at: at, actor: staff.username, action: .caseLookup, caseReference: found.reference)
            return try caseFile(of: found, reader: staff, db)
        }
    }

    private func caseFile(of found: IntakeCase, reader staff: StaffIdentity, _ db: Database) throws -> CaseFile {
        let caseID = found.id
        if found.assignedToId == staff.userID {
            try MessageRow.filter(MessageRow.Columns.intakeCaseId == caseID).filter(!MessageRow.Columns.isReadByStaff)
                .updateAll(db, MessageRow.Columns.isReadByStaff.set(to: true))
        }
        let messages = try fetchMessages(MessageRow.filter(MessageRow.Columns.intakeCaseId == caseID).order(Column("position")), db)
        var authors: [Int64: String] = [:]
        for id in Set(messages.compactMap(\.staffUserId)) { authors[id] = try Self.username(id, db) }
        return CaseFile(
            summary: try Self.summary(of: found, db), messages: messages, authors: authors,
            provider: try found.providerId.flatMap { try Provider.fetchOne(db, key: $0) },
            offers: try Slot.filter(Slot.Columns.offeredToCaseId == caseID).filter(Slot.Columns.intakeCaseId == nil)
                .order(Slot.Columns.startsAt).fetchAll(db)
        )
    }

    /// The case as the queue shows it, inside a transaction.
    static func summary(of found: IntakeCase, _ db: Database) throws -> CaseSummary {
        let caseID = found.id
        return CaseSummary(
            intakeCase: found, assignee: try found.assignedToId.map { try username($0, db) },
            unreadFromCitizen: try MessageRow.filter(MessageRow.Columns.intakeCaseId == caseID)
                .filter(MessageRow.Columns.author == MessageAuthor.citizen).filter(!MessageRow.Columns.isReadByStaff).fetchCount(db),
            booking: try Slot.filter(Slot.Columns.intakeCaseId == caseID).fetchOne(db),
            firstRepliedOn: try Day.fetchOne(
                db, sql: "SELECT MIN(createdOn) FROM message WHERE intakeCaseId = ? AND author = 'staff' AND NOT isInternal",
                arguments: [caseID])
        )
    }
}
