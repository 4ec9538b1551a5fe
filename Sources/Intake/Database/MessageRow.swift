import Foundation
import GRDB

/// A message as it is stored: its body sealed with the data key.
struct MessageRow: Sendable, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "message"

    var id: Int64
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
}

/// A new message as it is stored: its body sealed at its place. Its id is random (ids reveal no
/// order across cases); `position` keeps the order within its case.
struct NewMessageRow: Encodable, PersistableRecord {
    static let databaseTableName = MessageRow.databaseTableName

    var id: Int64
    var position: Int
    var intakeCaseId: Int64
    var author: MessageAuthor
    var staffUserId: Int64?
    var isInternal: Bool
    var body: Data
    var createdOn: Day
    var isReadByCitizen: Bool
    var isReadByStaff: Bool
    var identifiers: [Identifier]
}

extension Message {
    init(_ row: MessageRow, cipher: DataCipher) throws {
        self.init(
            id: row.id, intakeCaseId: row.intakeCaseId, author: row.author, staffUserId: row.staffUserId, isInternal: row.isInternal,
            body: String(decoding: try cipher.open(row.body, at: .messageBody(id: row.id, caseID: row.intakeCaseId)), as: UTF8.self),
            createdOn: row.createdOn,
            isReadByCitizen: row.isReadByCitizen, isReadByStaff: row.isReadByStaff, identifiers: row.identifiers
        )
    }

    func row(_ cipher: DataCipher) throws -> MessageRow {
        MessageRow(
            id: id, intakeCaseId: intakeCaseId, author: author, staffUserId: staffUserId, isInternal: isInternal,
            body: try cipher.seal(Data(body.utf8), at: .messageBody(id: id, caseID: intakeCaseId)), createdOn: createdOn,
            isReadByCitizen: isReadByCitizen, isReadByStaff: isReadByStaff,
            identifiers: identifiers
        )
    }
}
