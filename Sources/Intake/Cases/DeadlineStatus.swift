/// Where a case that waits for a decision stands against the § 101 start guarantee on a day.
public enum DeadlineStatus: String, Sendable, Codable, CaseIterable {
    /// More than `IntakeCase.deadlineNearDays` days are left.
    case onTrack
    /// The deadline is at most `IntakeCase.deadlineNearDays` days away, or today.
    case near
    /// The deadline was an earlier day.
    case passed
}

extension IntakeCase {
    /// Days before the start deadline from which a case counts as near it.
    public static let deadlineNearDays = 3

    /// The status on `today` (a day in the service's time zone), or `nil` when no deadline
    /// applies (§ 101a) or the case no longer waits for a decision. A deadline passes at
    /// midnight at its end: on the deadline day itself the case is still `near`.
    public func deadlineStatus(on today: Day) -> DeadlineStatus? {
        guard let deadline = startDeadline, [CaseState.new, .claimed, .booked].contains(state) else { return nil }
        if today > deadline { return .passed }
        if today >= deadline.adding(days: -Self.deadlineNearDays) { return .near }
        return .onTrack
    }
}
