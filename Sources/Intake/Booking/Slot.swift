import Foundation
import GRDB

/// How the clarifying conversation takes place.
public enum ContactMode: String, Codable, Sendable, CaseIterable {
    case phone
    case video
    case chat
    case centre
    case outreach
}

/// A time staff offer for the clarifying conversation, and the case that booked it, if any.
public struct Slot: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "slot"

    public var id: Int64
    /// The start in the service's time zone, `YYYY-MM-DDTHH:MM`.
    public var startsAt: String
    public var lengthMinutes: Int
    public var mode: ContactMode
    /// Where, or how: an address, a video link, the number to call (phone: the person calls and
    /// reads out their token; they never give a number).
    public var place: String
    var createdById: Int64?
    /// The case that booked it.
    var intakeCaseId: Int64?
    /// The day it was booked.
    public var bookedOn: Day?
    /// The case it is offered to: only that person sees it and can book it. `nil`: open to
    /// anyone who may book.
    var offeredToCaseId: Int64?

    /// Whether a case has booked it.
    public var isBooked: Bool { intakeCaseId != nil }

    public enum Columns {
        static let startsAt = Column(CodingKeys.startsAt)
        static let mode = Column(CodingKeys.mode)
        static let intakeCaseId = Column(CodingKeys.intakeCaseId)
        static let offeredToCaseId = Column(CodingKeys.offeredToCaseId)
    }

    /// Whether it is offered to one person only.
    public var isOffered: Bool { offeredToCaseId != nil }
}

/// A time about to be published: every column but the id, which SQLite gives it.
struct NewSlot: Encodable, PersistableRecord {
    static let databaseTableName = Slot.databaseTableName

    var startsAt: String
    var lengthMinutes: Int
    var mode: ContactMode
    var place: String
    var createdById: Int64?
    var offeredToCaseId: Int64?

    /// The time as it is stored with `id`, not yet booked.
    func stored(as id: Int64) -> Slot {
        Slot(
            id: id, startsAt: startsAt, lengthMinutes: lengthMinutes, mode: mode, place: place, createdById: createdById,
            intakeCaseId: nil, bookedOn: nil, offeredToCaseId: offeredToCaseId)
    }
}

extension ContactMode: DatabaseValueConvertible {}
