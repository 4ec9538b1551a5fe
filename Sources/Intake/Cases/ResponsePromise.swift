/// The promise the person is given: a first reply from a counsellor within a number of working
/// days (`--reply-within-working-days`, 2 by default), counted from the day the case came in.
/// It sits beside the § 101 start deadline; unlike that, it applies on every track.
public struct ResponsePromise: Sendable, Equatable {
    /// Working days (Monday–Friday, Danish public holidays not counted) to the first reply.
    public let workingDays: Int

    public init(workingDays: Int = 2) {
        self.workingDays = max(0, workingDays)
    }

    /// Where a case stands against the promise.
    public enum Status: String, Sendable, Codable {
        /// No reply yet, and the day of the promise is later than today.
        case waiting
        /// No reply yet, and today is the last day of the promise.
        case dueToday
        /// No reply, and the day of the promise has passed.
        case passed
        /// A counsellor has written to the person.
        case replied
    }

    /// The last day a first reply keeps the promise.
    public func replyBy(_ found: IntakeCase) -> Day { WorkingDays.adding(workingDays, to: found.createdOn) }

    /// Where `found` stands on `today`, given the day of its first reply; `nil` once the case is
    /// closed or withdrawn without one.
    public func status(of found: IntakeCase, firstRepliedOn: Day?, on today: Day) -> Status? {
        if firstRepliedOn != nil { return .replied }
        guard found.state.isOpen else { return nil }
        let due = replyBy(found)
        return today < due ? .waiting : today == due ? .dueToday : .passed
    }

    /// The latest day a case may have come in and be due by `today` (its promise ends today or
    /// earlier): every case created on or before it is due or late without a reply.
    public func latestCreatedDue(on today: Day) -> Day {
        var day = today
        while WorkingDays.adding(workingDays, to: day) > today { day = day.adding(days: -1) }
        return day
    }
}
