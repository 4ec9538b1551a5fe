import Foundation
import GRDB

/// Reading and writing the sealed rows: every case and message passes through here, opened or
/// sealed with the data cipher.
extension AppDatabase {
    /// The case with `id`, opened.
    func fetchCase(id: Int64, _ db: Database) throws -> IntakeCase? {
        // Kept prepared: every page of a person's session opens their case by its id.
        let statement = try db.cachedStatement(sql: "SELECT * FROM intakeCase WHERE id = ?")
        return try IntakeCaseRow.fetchOne(statement, arguments: [id]).map { try IntakeCase($0, cipher: cipher) }
    }

    /// The cases a request finds, opened.
    func fetchCases(_ request: QueryInterfaceRequest<IntakeCaseRow>, _ db: Database) throws -> [IntakeCase] {
        try request.fetchAll(db).map { try IntakeCase($0, cipher: cipher) }
    }

    /// The cases a request finds, opened where their sealed values open; the others by the
    /// columns that are not sealed, so one damaged row does not hide the rest of the queue.
    func fetchCasesOpeningWhatOpens(_ request: QueryInterfaceRequest<IntakeCaseRow>, _ db: Database) throws -> [OpenedOrNot] {
        try request.fetchAll(db).map { row in
            do {
                return .opened(try IntakeCase(row, cipher: cipher))
            } catch let failure as DataCipher.Failure {
                return .unreadable(
                    UnreadableCase(
                        reference: row.reference, createdOn: row.createdOn, state: row.state, priority: row.priority, flags: row.flags,
                        failure: failure))
            }
        }
    }

    /// A case as a request finds it: opened, or not.
    enum OpenedOrNot {
        case opened(IntakeCase)
        case unreadable(UnreadableCase)
    }

    /// Stores a new case, sealed, with `reference`; returns it with the id SQLite gave it.
    func insert(_ newCase: NewCase, reference: CaseReference, _ db: Database) throws -> IntakeCase {
        try insert(try sealed(newCase, reference: reference), db)
    }

    /// A new case sealed for its row, with `reference` (the associated data of every sealed
    /// value): the costly part of storing it, done before the writer is asked.
    func sealed(_ newCase: NewCase, reference: CaseReference) throws -> SealedNewCase {
        let assessment = newCase.assessment
        let at = { (column: String) in SealedPlace.intakeCase(column, reference) }
        let row = NewIntakeCaseRow(
            reference: reference, tokenHash: newCase.tokenHash, createdOn: newCase.createdOn,
            questionnaireVersion: assessment.questionnaireVersion, rulesVersion: assessment.rulesVersion, language: newCase.language,
            answers: try cipher.seal(newCase.answers.json, at: at("answers")),
            composites: try cipher.seal(assessment.composites.json, at: at("composites")), track: assessment.track,
            flags: assessment.flags, reasons: try cipher.seal(Reason.json(assessment.reasons), at: at("reasons")),
            priority: assessment.priority, municipality: newCase.municipality, partner: newCase.partner,
            state: newCase.openedBy == nil ? .new : .claimed, channel: newCase.channel, codeFromStaff: newCase.openedBy != nil,
            assignedToId: newCase.openedBy?.userID
        )
        return SealedNewCase(newCase: newCase, row: row)
    }

    /// Stores a sealed new case; returns it with the id SQLite gave it.
    func insert(_ sealed: SealedNewCase, _ db: Database) throws -> IntakeCase {
        try sealed.row.insert(into: db)
        let (newCase, assessment, reference) = (sealed.newCase, sealed.newCase.assessment, sealed.row.reference)
        return IntakeCase(
            id: db.lastInsertedRowID, reference: reference, tokenHash: newCase.tokenHash, createdOn: newCase.createdOn,
            questionnaireVersion: assessment.questionnaireVersion, rulesVersion: assessment.rulesVersion, language: newCase.language,
            answers: newCase.answers, composites: assessment.composites, track: assessment.track, flags: assessment.flags,
            reasons: assessment.reasons, priority: assessment.priority, municipality: newCase.municipality, partner: newCase.partner,
            state: newCase.openedBy == nil ? .new : .claimed, assignedToId: newCase.openedBy?.userID, channel: newCase.channel,
            codeFromStaff: newCase.openedBy != nil
        )
    }

    /// Stores the changes to a case that is stored already.
    func update(_ intakeCase: IntakeCase, _ db: Database) throws {
        try intakeCase.row(cipher).update(db)
    }

    /// Stores a new message, sealed at its place, after the case's last one; returns it with its
    /// id, drawn at random so that ids say nothing about when messages of different cases came.
    @discardableResult
    func insert(_ message: NewMessage, _ db: Database) throws -> Message {
        let id = try Self.unusedMessageID(db)
        let last = try Int.fetchOne(db, sql: "SELECT MAX(position) FROM message WHERE intakeCaseId = ?", arguments: [message.intakeCaseId])
        try NewMessageRow(
            id: id, position: (last ?? 0) + 1, intakeCaseId: message.intakeCaseId, author: message.author,
            staffUserId: message.staffUserId, isInternal: message.isInternal,
            body: try cipher.seal(Data(message.body.utf8), at: .messageBody(id: id, caseID: message.intakeCaseId)),
            createdOn: message.createdOn, isReadByCitizen: message.isReadByCitizen, isReadByStaff: message.isReadByStaff,
            identifiers: message.identifiers
        ).insert(db)
        return message.stored(as: id)
    }

    /// A random message id no message has, below 2⁵³ so that JavaScript reads it exactly.
    static func unusedMessageID(_ db: Database) throws -> Int64 {
        while true {
            let id = Int64.random(in: 1...(1 << 53 - 1))
            if try MessageRow.fetchOne(db, key: id) == nil { return id }
        }
    }

    /// The messages a request finds, opened.
    func fetchMessages(_ request: QueryInterfaceRequest<MessageRow>, _ db: Database) throws -> [Message] {
        try request.fetchAll(db).map { try Message($0, cipher: cipher) }
    }

    /// Opens every sealed value with `cipher`, and throws if one does not open: the check that a
    /// rotation left nothing under an older key.
    func openEveryValue(with cipher: DataCipher) async throws {
        try await snapshot { db in
            for row in try IntakeCaseRow.fetchAll(db) { _ = try IntakeCase(row, cipher: cipher) }
            for row in try MessageRow.fetchAll(db) { _ = try Message(row, cipher: cipher) }
        }
    }

    /// Seals every sealed value again under `new` (the rotation of the data key), in one transaction.
    func reseal(from old: DataCipher, to new: DataCipher) async throws -> Int {
        try await transaction { db in
            var count = 0
            for row in try IntakeCaseRow.fetchAll(db) {
                let resealed = try IntakeCase(row, cipher: old).row(new)
                try resealed.update(db)
                count += 1
            }
            for row in try MessageRow.fetchAll(db) {
                let resealed = try Message(row, cipher: old).row(new)
                try resealed.update(db)
                count += 1
            }
            return count
        }
    }
}

/// A new case with its row sealed under its reference, ready for the writer.
struct SealedNewCase: Sendable {
    let newCase: NewCase
    let row: NewIntakeCaseRow
}
