import Foundation
import GRDB

/// A case as it is stored: the fields that would reveal answers (the answers, composites,
/// reasons and staff's free texts) are sealed with the data key. Day, state, track, flags,
/// priority, municipality and partner stay readable for the queue and the statistics.
struct IntakeCaseRow: Sendable, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "intakeCase"

    var id: Int64
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
    var channel: CaseChannel
    var codeFromStaff: Bool

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
}

/// A new case as it is first stored: the columns a submission fills, sealed; the id comes from
/// SQLite, and the holder, decision and closing columns start empty.
struct NewIntakeCaseRow: Encodable, PersistableRecord, Sendable {
    static let databaseTableName = IntakeCaseRow.databaseTableName

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
    var channel: CaseChannel
    var codeFromStaff: Bool
    var assignedToId: Int64?
}

extension NewIntakeCaseRow {
    /// The statement that stores a new case, kept prepared by `insert(into:)`.
    private static let insertSQL = """
        INSERT INTO intakeCase (reference, tokenHash, createdOn, questionnaireVersion, rulesVersion, language, answers, \
        composites, track, flags, reasons, priority, municipality, partner, state, channel, codeFromStaff, assignedToId) \
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Stores the row as its `PersistableRecord` conformance would, through a statement kept
    /// prepared: GRDB's record insert encodes the row through `Encoder`, its flags through
    /// `JSONEncoder`, and looks its statement up by building it, some 100,000 instructions of a
    /// submission. `NewCaseInsertTests` holds the two to the same stored row.
    func insert(into db: Database) throws {
        var flagsJSON = JSONWriter(capacity: 64)
        flagsJSON.strings(flags.map(\.rawValue))
        let statement = try db.cachedStatement(sql: Self.insertSQL)
        try statement.execute(arguments: [
            reference, tokenHash, createdOn, questionnaireVersion, rulesVersion, language, answers, composites, track,
            String(decoding: flagsJSON.bytes, as: UTF8.self), reasons, priority, municipality, partner, state, channel,
            codeFromStaff, assignedToId,
        ])
    }
}

extension IntakeCase {
    /// Opens a stored case.
    init(_ row: IntakeCaseRow, cipher: DataCipher) throws {
        let at = { (column: String) in SealedPlace.intakeCase(column, row.reference) }
        self.init(
            id: row.id, reference: row.reference, tokenHash: row.tokenHash, createdOn: row.createdOn,
            questionnaireVersion: row.questionnaireVersion, rulesVersion: row.rulesVersion, language: row.language,
            answers: try cipher.open(answers: row.answers, at: at("answers")),
            composites: try cipher.open(json: row.composites, as: Composites.self, at: at("composites")), track: row.track,
            flags: row.flags, reasons: try cipher.open(json: row.reasons, as: [Reason].self, at: at("reasons")), priority: row.priority,
            municipality: row.municipality, partner: row.partner, state: row.state, assignedToId: row.assignedToId,
            decidedTrack: row.decidedTrack, decisionReason: try cipher.open(text: row.decisionReason, at: at("decisionReason")),
            providerId: row.providerId, plannedStart: row.plannedStart,
            startDelayReason: try cipher.open(text: row.startDelayReason, at: at("startDelayReason")), decidedOn: row.decidedOn,
            closedOn: row.closedOn, closeReason: try cipher.open(text: row.closeReason, at: at("closeReason")),
            channel: row.channel, codeFromStaff: row.codeFromStaff
        )
    }

    /// The case as it is to be stored.
    func row(_ cipher: DataCipher) throws -> IntakeCaseRow {
        let at = { (column: String) in SealedPlace.intakeCase(column, reference) }
        return IntakeCaseRow(
            id: id, reference: reference, tokenHash: tokenHash, createdOn: createdOn, questionnaireVersion: questionnaireVersion,
            rulesVersion: rulesVersion, language: language, answers: try cipher.seal(answers.json, at: at("answers")),
            composites: try cipher.seal(composites.json, at: at("composites")), track: track, flags: flags,
            reasons: try cipher.seal(Reason.json(reasons), at: at("reasons")), priority: priority, municipality: municipality,
            partner: partner,
            state: state, assignedToId: assignedToId, decidedTrack: decidedTrack,
            decisionReason: try cipher.seal(text: decisionReason, at: at("decisionReason")), providerId: providerId,
            plannedStart: plannedStart, startDelayReason: try cipher.seal(text: startDelayReason, at: at("startDelayReason")),
            decidedOn: decidedOn, closedOn: closedOn, closeReason: try cipher.seal(text: closeReason, at: at("closeReason")),
            channel: channel, codeFromStaff: codeFromStaff
        )
    }
}
