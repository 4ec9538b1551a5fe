import Foundation
import GRDB

/// Who wrote a message.
public enum MessageAuthor: String, Codable, Sendable {
    /// The person, with their token.
    case citizen
    /// A staff member.
    case staff
    /// The service itself (a cancelled time, a decision).
    case system
}

/// One message of a case's conversation, or an internal note staff keep for themselves. Dated by
/// the day only; the row id keeps the order.
public struct Message: Sendable, Equatable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "message"

    public var id: Int64?
    var intakeCaseId: Int64
    public var author: MessageAuthor
    /// The staff member who wrote it, for staff messages and notes.
    public var staffUserId: Int64?
    /// An internal note: never shown to the person.
    public var isInternal: Bool
    public var body: String
    public var createdOn: Day
    /// Whether the person has seen it (staff and system messages).
    public var isReadByCitizen: Bool
    /// Whether staff have seen it (the person's messages).
    public var isReadByStaff: Bool

    public enum Columns {
        static let intakeCaseId = Column(CodingKeys.intakeCaseId)
        static let author = Column(CodingKeys.author)
        static let isInternal = Column(CodingKeys.isInternal)
        static let isReadByCitizen = Column(CodingKeys.isReadByCitizen)
        static let isReadByStaff = Column(CodingKeys.isReadByStaff)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension MessageAuthor: DatabaseValueConvertible {}
