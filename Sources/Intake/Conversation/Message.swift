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
public struct Message: Sendable, Equatable {
    public var id: Int64
    public var intakeCaseId: Int64
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
    /// What in the body could identify the person (sent anyway, or through the JSON API).
    public var identifiers: [Identifier] = []
}

/// A message about to be stored: everything but its id.
struct NewMessage: Sendable {
    var intakeCaseId: Int64
    var author: MessageAuthor
    var staffUserId: Int64? = nil
    var isInternal = false
    var body: String
    var createdOn: Day
    var isReadByCitizen: Bool
    var isReadByStaff: Bool
    var identifiers: [Identifier] = []

    /// The message as it is stored with `id`.
    func stored(as id: Int64) -> Message {
        Message(
            id: id, intakeCaseId: intakeCaseId, author: author, staffUserId: staffUserId, isInternal: isInternal, body: body,
            createdOn: createdOn, isReadByCitizen: isReadByCitizen, isReadByStaff: isReadByStaff, identifiers: identifiers)
    }
}

extension MessageAuthor: DatabaseValueConvertible {}
