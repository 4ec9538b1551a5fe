import Foundation
import GRDB

/// A case as it is stored: the fields that would reveal answers (the answers, composites,
/// reasons and staff's free texts) are sealed with the data key. Day, state, track, flags,
/// priority, municipality and partner stay readable for the queue and the statistics.
struct IntakeCaseRow: Sendable, Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "intakeCase"

    var id: Int64?
    var reference: CaseReference
    var tokenHash: Data
    var createdOn: Day
    var questionnaireVersion: String
    var rulesVersion: String
    var language: Language
    var answers: Data
    var composites: Data
    var track: Track
    var flags: [Flag]
    var reasons: Data
    var priority: Int
    var municipality: String?
    var partner: String?
    var state: CaseState
    var assignedToId: Int64?
    var decidedTrack: Track?
    var decisionReason: Data?
    var providerId: Int64?
    var plannedStart: Day?
    var startDelayReason: Data?
    var decidedOn: Day?
    var closedOn: Day?
    var closeReason: Data?

    enum Columns {
        static let reference = Column(CodingKeys.reference)
        static let tokenHash = Column(CodingKeys.tokenHash)
        static let state = Column(CodingKeys.state)
        static let priority = Column(CodingKeys.priority)
        static let createdOn = Column(CodingKeys.createdOn)
        static let track = Column(CodingKeys.track)
        static let municipality = Column(CodingKeys.municipality)
        static let assignedToId = Column(CodingKeys.assignedToId)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A message as it is stored: its body sealed with the data key.
struct MessageRow: Sendable, Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "message"

    var id: Int64?
    var intakeCaseId: Int64
    var author: MessageAuthor
    var staffUserId: Int64?
    var isInternal: Bool
    var body: Data
    var createdOn: Day
    var isReadByCitizen: Bool
    var isReadByStaff: Bool
    var identifiers: [Identifier]

    enum Columns {
        static let intakeCaseId = Column(CodingKeys.intakeCaseId)
        static let author = Column(CodingKeys.author)
        static let isInternal = Column(CodingKeys.isInternal)
        static let isReadByCitizen = Column(CodingKeys.isReadByCitizen)
        static let isReadByStaff = Column(CodingKeys.isReadByStaff)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension IntakeCase {
    /// Opens a stored case.
    init(_ row: IntakeCaseRow, cipher: DataCipher) throws {
        self.init(
            id: row.id, reference: row.reference, tokenHash: row.tokenHash, createdOn: row.createdOn,
            questionnaireVersion: row.questionnaireVersion, rulesVersion: row.rulesVersion, language: row.language,
            answers: try cipher.open(json: row.answers, as: AnswerSheet.self),
            composites: try cipher.open(json: row.composites, as: Composites.self), track: row.track, flags: row.flags,
            reasons: try cipher.open(json: row.reasons, as: [Reason].self), priority: row.priority, municipality: row.municipality,
            partner: row.partner, state: row.state, assignedToId: row.assignedToId, decidedTrack: row.decidedTrack,
            decisionReason: try cipher.open(text: row.decisionReason), providerId: row.providerId, plannedStart: row.plannedStart,
            startDelayReason: try cipher.open(text: row.startDelayReason), decidedOn: row.decidedOn, closedOn: row.closedOn,
            closeReason: try cipher.open(text: row.closeReason)
        )
    }

    /// The case as it is to be stored.
    func row(_ cipher: DataCipher) throws -> IntakeCaseRow {
        IntakeCaseRow(
            id: id, reference: reference, tokenHash: tokenHash, createdOn: createdOn, questionnaireVersion: questionnaireVersion,
            rulesVersion: rulesVersion, language: language, answers: try cipher.seal(json: answers),
            composites: try cipher.seal(json: composites), track: track, flags: flags, reasons: try cipher.seal(json: reasons),
            priority: priority, municipality: municipality, partner: partner, state: state, assignedToId: assignedToId,
            decidedTrack: decidedTrack, decisionReason: try cipher.seal(text: decisionReason), providerId: providerId,
            plannedStart: plannedStart, startDelayReason: try cipher.seal(text: startDelayReason), decidedOn: decidedOn,
            closedOn: closedOn, closeReason: try cipher.seal(text: closeReason)
        )
    }
}

extension Message {
    init(_ row: MessageRow, cipher: DataCipher) throws {
        self.init(
            id: row.id, intakeCaseId: row.intakeCaseId, author: row.author, staffUserId: row.staffUserId, isInternal: row.isInternal,
            body: String(decoding: try cipher.open(row.body), as: UTF8.self), createdOn: row.createdOn,
            isReadByCitizen: row.isReadByCitizen, isReadByStaff: row.isReadByStaff, identifiers: row.identifiers
        )
    }

    func row(_ cipher: DataCipher) throws -> MessageRow {
        MessageRow(
            id: id, intakeCaseId: intakeCaseId, author: author, staffUserId: staffUserId, isInternal: isInternal,
            body: try cipher.seal(Data(body.utf8)), createdOn: createdOn, isReadByCitizen: isReadByCitizen, isReadByStaff: isReadByStaff,
            identifiers: identifiers
        )
    }
}

extension AppDatabase {
    /// The case with `id`, opened.
    func fetchCase(id: Int64, _ db: Database) throws -> IntakeCase? {
        try IntakeCaseRow.fetchOne(db, key: id).map { try IntakeCase($0, cipher: cipher) }
    }

    /// The cases a request finds, opened.
    func fetchCases(_ request: QueryInterfaceRequest<IntakeCaseRow>, _ db: Database) throws -> [IntakeCase] {
        try request.fetchAll(db).map { try IntakeCase($0, cipher: cipher) }
    }

    /// Stores a case: inserts it when it has no id yet, updates it otherwise.
    func save(_ intakeCase: inout IntakeCase, _ db: Database) throws {
        var row = try intakeCase.row(cipher)
        if row.id == nil {
            try row.insert(db)
            intakeCase.id = row.id
        } else {
            try row.update(db)
        }
    }

    /// Stores a new message.
    func insert(_ message: inout Message, _ db: Database) throws {
        var row = try message.row(cipher)
        try row.insert(db)
        message.id = row.id
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
