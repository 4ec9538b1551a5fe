import Foundation
import GRDB

/// A case ready to be stored, with everything but its reference and id.
struct NewCase: Sendable {
    var tokenHash: Data
    var createdOn: Day
    var language: Language
    var answers: AnswerSheet
    var assessment: Assessment
    var municipality: String?
    var partner: String?
    var channel: CaseChannel = .web
    /// The counsellor who entered the answers with the person: they hold the case from the start,
    /// and the code is theirs to hand over until the person chooses their own.
    var openedBy: StaffIdentity? = nil
}

/// What the client's idempotency key contributes to a submission.
struct ReceiptRequest: Sendable {
    var keyHash: Data
    var requestDigest: Data
    var sealedToken: Data
}

/// How storing a submission ended.
enum StoredSubmission: Sendable {
    /// A new case was stored.
    case created(IntakeCase)
    /// The idempotency key was seen before with the same request: the first case and its sealed token.
    case replayed(IntakeCase, sealedToken: Data)
    /// The idempotency key was seen before with a different request.
    case keyReused
}

extension AppDatabase {
    /// How long a receipt is kept for replays, in days.
    static let receiptLifetimeDays = 1

    /// Stores a submission as a new case, or answers a retry with the case its first attempt
    /// created. The case is sealed here, before the writer is asked; submissions that arrive
    /// while the writer is busy are then stored together in its next transaction, one commit and
    /// one fsync for all (`GroupCommit`), and each one's answer comes only after that commit.
    func submitIntake(_ newCase: NewCase, receipt: ReceiptRequest?) async throws -> StoredSubmission {
        let sealed = try sealed(newCase, reference: .generate())
        return try await submissions.store(PendingSubmission(sealed: sealed, receipt: receipt), in: self)
    }

    /// Stores `batch` in one transaction, each submission in a savepoint of its own: one that
    /// fails fails alone, and a commit that fails fails them all.
    func storeSubmissions(_ batch: [PendingSubmission]) async throws -> [Result<StoredSubmission, any Error>] {
        try await transaction(units: batch.count) { db in
            if let day = batch.first(where: { $0.receipt != nil })?.sealed.newCase.createdOn {
                try SubmissionReceipt.filter(SubmissionReceipt.Columns.createdOn < day.adding(days: -Self.receiptLifetimeDays)).deleteAll(
                    db)
            }
            return batch.map { pending in Result { try Self.inSavepoint(db) { try storeSubmission(pending, db) } } }
        }
    }

    /// Runs `operations` in a savepoint of the open transaction: what they wrote stays only if
    /// they return, so each submission of a batch is stored whole or not at all. The savepoint's
    /// statements are kept prepared; GRDB's `inSavepoint` prepares them anew each time, which
    /// was a tenth of the writer's work per submission.
    static func inSavepoint<T>(_ db: Database, _ operations: () throws -> T) throws -> T {
        try db.cachedStatement(sql: "SAVEPOINT submission").execute()
        let value: T
        do {
            value = try operations()
        } catch {
            try? db.cachedStatement(sql: "ROLLBACK TRANSACTION TO SAVEPOINT submission").execute()
            try? db.cachedStatement(sql: "RELEASE SAVEPOINT submission").execute()
            throw error
        }
        try db.cachedStatement(sql: "RELEASE SAVEPOINT submission").execute()
        return value
    }

    private func storeSubmission(_ pending: PendingSubmission, _ db: Database) throws -> StoredSubmission {
        if let receipt = pending.receipt, let earlier = try SubmissionReceipt.fetchOne(db, key: receipt.keyHash) {
            guard constantTimeEquals(earlier.requestDigest, receipt.requestDigest),
                let firstCase = try fetchCase(id: earlier.intakeCaseId, db)
            else { return .keyReused }
            return .replayed(firstCase, sealedToken: earlier.sealedToken)
        }
        var sealed = pending.sealed
        // The reference was drawn before the writer was asked; if another case has it (one in a
        // billion), another one is drawn and the case sealed under it.
        // A statement kept prepared: preparing it anew (and SQLite asking GRDB's authorizer about
        // each table and column) was a sixth of a submission's instructions.
        let taken = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM intakeCase WHERE reference = ?)")
        if try Bool.fetchOne(taken, arguments: [sealed.row.reference]) ?? false {
            sealed = try self.sealed(sealed.newCase, reference: try Self.unusedReference(db))
        }
        let stored = try insert(sealed, db)
        if let receipt = pending.receipt {
            try SubmissionReceipt(
                keyHash: receipt.keyHash, intakeCaseId: stored.id, requestDigest: receipt.requestDigest,
                sealedToken: receipt.sealedToken, createdOn: sealed.newCase.createdOn
            ).insert(db)
        }
        return .created(stored)
    }

    /// Stores a case a counsellor opened for a person, held by them, with its audit line.
    func openCaseForPerson(_ newCase: NewCase, at: Date) async throws -> IntakeCase {
        try await transaction { db in
            let stored = try insert(newCase, reference: try Self.unusedReference(db), db)
            if let staff = newCase.openedBy {
                try Self.audit(
                    db, at: at, actor: staff.username, action: .caseOpenForPerson, caseReference: stored.reference,
                    detail: newCase.channel.rawValue)
            }
            return stored
        }
    }

    /// Replaces a code handed out by staff with the person's own, if it is still the one `old`
    /// hashes to; whether it was replaced.
    func replaceStaffCode(caseID: Int64, old: Data, new: Data) async throws -> Bool {
        try await transaction { db in
            guard let found = try fetchCase(id: caseID, db), found.codeFromStaff, constantTimeEquals(found.tokenHash, old) else {
                return false
            }
            try db.execute(sql: "UPDATE intakeCase SET tokenHash = ?, codeFromStaff = 0 WHERE id = ?", arguments: [new, caseID])
            return true
        }
    }

    /// A code read out on the phone in place of one handed out by staff (`old`), still marked as
    /// handed out by staff; audited. The case's reference.
    func replaceStaffCodeByPhone(old: Data, new: Data, by staff: StaffIdentity, at: Date) async throws -> CaseReference {
        try await transaction { db in
            guard let found = try fetchCases(IntakeCaseRow.filter(IntakeCaseRow.Columns.tokenHash == old), db).first,
                constantTimeEquals(found.tokenHash, old)
            else { throw TokenLookupError.unknown }
            guard found.codeFromStaff else { throw TokenLookupError.personsOwn }
            try db.execute(sql: "UPDATE intakeCase SET tokenHash = ? WHERE id = ?", arguments: [new, found.id])
            try Self.audit(db, at: at, actor: staff.username, action: .caseNewCodeByPhone, caseReference: found.reference)
            return found.reference
        }
    }

    /// Whether a submission was stored with the idempotency key whose digest is `keyHash`.
    func hasReceipt(keyHash: Data) async throws -> Bool {
        try await snapshot { db in try SubmissionReceipt.exists(db, key: keyHash) }
    }

    /// The case whose token hashes to `tokenHash`, if any.
    func intakeCase(tokenHash: Data) async throws -> IntakeCase? {
        try await snapshot { db in
            // Kept prepared: every return with a code asks this, and so does every guess at one.
            let statement = try db.cachedStatement(sql: "SELECT * FROM intakeCase WHERE tokenHash = ?")
            return try IntakeCaseRow.fetchOne(statement, arguments: [tokenHash]).map { try IntakeCase($0, cipher: cipher) }
        }
    }

    /// The case with `id`, opened.
    func intakeCase(id: Int64) async throws -> IntakeCase? {
        try await snapshot { db in try fetchCase(id: id, db) }
    }

    /// How many cases are stored.
    public func caseCount() async throws -> Int {
        try await snapshot { db in try IntakeCaseRow.fetchCount(db) }
    }

    /// A reference no stored case has (30 random bits; a clash is rare and simply retried).
    private static func unusedReference(_ db: Database) throws -> CaseReference {
        while true {
            let reference = CaseReference.generate()
            if try !IntakeCaseRow.filter(IntakeCaseRow.Columns.reference == reference).isEmpty(db) { continue }
            return reference
        }
    }
}
