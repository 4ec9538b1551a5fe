import Foundation
import GRDB

/// What a list of slots can be filtered by.
public struct SlotFilter: Sendable {
    public var from: Day?
    public var to: Day?
    public var mode: ContactMode?
    public var onlyOpen = false

    public init(from: Day? = nil, to: Day? = nil, mode: ContactMode? = nil, onlyOpen: Bool = false) {
        self.from = from
        self.to = to
        self.mode = mode
        self.onlyOpen = onlyOpen
    }
}

extension AppDatabase {
    /// Publishes a time for the clarifying conversation: open to anyone who may book, or, with
    /// `offeredTo`, offered to that case's person only (by the staff member who holds it, while
    /// the case may book).
    func createSlot(_ input: SlotInput, offeredTo reference: CaseReference? = nil, by staff: StaffIdentity, at moment: Moment)
        async throws -> Slot
    {
        let problems = input.problems(after: moment.localMinute)
        guard problems.isEmpty, let start = input.startsAt, let length = input.lengthMinutes, let mode = input.mode, let place = input.place
        else { throw CaseWorkError.invalid(problems) }
        return try await transaction { db in
            var offeredTo: IntakeCase?
            if let reference {
                let found = try intakeCase(reference, db)
                guard found.state.next(after: .book) != nil else {
                    throw CaseWorkError.notAllowed(state: found.state, action: .book, allowed: found.state.allowedActions)
                }
                try Self.requireHolder(found, staff, db)
                offeredTo = found
            }
            let new = NewSlot(
                startsAt: start, lengthMinutes: length, mode: mode, place: place.trimmed, createdById: staff.userID,
                offeredToCaseId: offeredTo?.id)
            try new.insert(db)
            let slot = new.stored(as: db.lastInsertedRowID)
            try Self.audit(
                db, at: moment.instant, actor: staff.username, action: offeredTo == nil ? .slotCreate : .slotOffer,
                caseReference: offeredTo?.reference, detail: "slot \(slot.id) \(mode.rawValue) \(start)")
            return slot
        }
    }

    /// Removes a time nobody has booked.
    func deleteSlot(_ id: Int64, by staff: StaffIdentity, at: Date) async throws {
        try await transaction { db in
            guard let slot = try Slot.fetchOne(db, key: id) else { throw CaseWorkError.slotNotFound }
            guard !slot.isBooked else { throw CaseWorkError.slotBooked }
            try slot.delete(db)
            try Self.audit(db, at: at, actor: staff.username, action: .slotDelete, detail: "slot \(id)")
        }
    }

    /// Slots by start, with the reference of the case that booked each (or that it is offered to).
    public func slots(_ filter: SlotFilter) async throws -> [(slot: Slot, caseReference: CaseReference?)] {
        try await snapshot { db in
            var request = Slot.order(Slot.Columns.startsAt)
            if let from = filter.from { request = request.filter(Slot.Columns.startsAt >= from.iso) }
            if let to = filter.to { request = request.filter(Slot.Columns.startsAt < to.adding(days: 1).iso) }
            if let mode = filter.mode { request = request.filter(Slot.Columns.mode == mode) }
            if filter.onlyOpen { request = request.filter(Slot.Columns.intakeCaseId == nil) }
            return try request.limit(2_000).fetchAll(db).map { slot in
                (slot, try (slot.intakeCaseId ?? slot.offeredToCaseId).flatMap { try IntakeCaseRow.fetchOne(db, key: $0)?.reference })
            }
        }
    }

    /// The slots `caseID` can book that have not begun: those offered to it (whatever their
    /// mode) first, then the open ones, optionally of one mode. A time offered to another case is
    /// never among them.
    static func openSlots(after localNow: String, mode: ContactMode?, for caseID: Int64, _ db: Database) throws -> [Slot] {
        let free = Slot.filter(Slot.Columns.intakeCaseId == nil).filter(Slot.Columns.startsAt > localNow)
        let offered = try free.filter(Slot.Columns.offeredToCaseId == caseID).order(Slot.Columns.startsAt).limit(20).fetchAll(db)
        var open = free.filter(Slot.Columns.offeredToCaseId == nil)
        if let mode { open = open.filter(Slot.Columns.mode == mode) }
        return offered + (try open.order(Slot.Columns.startsAt).limit(50).fetchAll(db))
    }

    /// The slot a case has booked.
    static func bookedSlot(caseID: Int64, _ db: Database) throws -> Slot? {
        // Kept prepared: every page and status a person reads shows the booking.
        try Slot.fetchOne(try db.cachedStatement(sql: "SELECT * FROM slot WHERE intakeCaseId = ? LIMIT 1"), arguments: [caseID])
    }

    /// Books a slot for the person; a case that had one gives it up (rebooking).
    func book(slotID: Int64, caseID: Int64, at moment: Moment) async throws -> IntakeCase {
        try await transaction { db in
            guard var found = try fetchCase(id: caseID, db) else { throw CaseWorkError.caseNotFound }
            guard let next = found.state.next(after: .book) else {
                throw CaseWorkError.notAllowed(state: found.state, action: .book, allowed: found.state.allowedActions)
            }
            // A time offered to someone else is not there for this person.
            guard var slot = try Slot.fetchOne(db, key: slotID), slot.offeredToCaseId == nil || slot.offeredToCaseId == caseID else {
                throw CaseWorkError.slotNotFound
            }
            guard slot.intakeCaseId == nil || slot.intakeCaseId == caseID else { throw CaseWorkError.slotTaken }
            guard slot.startsAt > moment.localMinute else { throw CaseWorkError.slotInPast }
            try Self.freeSlot(of: found, db)
            slot.intakeCaseId = caseID
            slot.bookedOn = moment.day
            try slot.update(db)
            found.state = next
            try update(found, db)
            return found
        }
    }

    /// The person cancels their booked time.
    func cancelBooking(caseID: Int64) async throws -> IntakeCase {
        try await transaction { db in
            guard var found = try fetchCase(id: caseID, db) else { throw CaseWorkError.caseNotFound }
            guard let next = found.state.next(after: .cancelBooking) else {
                throw CaseWorkError.notAllowed(state: found.state, action: .cancelBooking, allowed: found.state.allowedActions)
            }
            try Self.freeSlot(of: found, db)
            found.state = next
            try update(found, db)
            return found
        }
    }

    /// Staff cancel the person's booked time; the person is told in the conversation, by the
    /// `notice` written in the case's language about the time it frees.
    func cancelBooking(
        _ reference: CaseReference, by staff: StaffIdentity, at moment: Moment,
        notice: @escaping @Sendable (Language, Slot?) -> String
    ) async throws -> CaseSummary {
        try await changeCase(reference, .cancelBooking, by: staff, at: moment.instant) { found, db in
            let booking = try Slot.filter(Slot.Columns.intakeCaseId == found.id).fetchOne(db)
            let notice = notice(found.language, booking)
            try Self.freeSlot(of: found, db)
            try addSystemMessage(caseID: found.id, body: notice, on: moment.day, db)
        }
    }
}
