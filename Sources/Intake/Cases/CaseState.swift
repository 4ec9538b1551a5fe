/// Where a case is in its life: `new → claimed → booked → decided → closed`, or `withdrawn`
/// when the person ends it. Every change goes through `CaseAction`, and only the transitions
/// listed here are allowed.
public enum CaseState: String, Codable, Sendable, CaseIterable {
    /// Submitted and waiting for a counsellor.
    case new
    /// A counsellor has picked it up.
    case claimed
    /// The person has booked a time for the clarifying conversation.
    case booked
    /// The track is decided, with a planned start.
    case decided
    /// Finished.
    case closed
    /// Ended by the person.
    case withdrawn

    /// Whether the case is still open (not closed or withdrawn).
    public var isOpen: Bool { self != .closed && self != .withdrawn }

    /// The actions allowed in this state.
    public var allowedActions: [CaseAction] {
        CaseAction.allCases.filter { next(after: $0) != nil }
    }

    /// The state after `action`, or `nil` when the action is not allowed now.
    public func next(after action: CaseAction) -> CaseState? {
        switch (self, action) {
        case (.new, .claim): .claimed
        case (.claimed, .release): .new
        case (.claimed, .handOver), (.booked, .handOver): self
        case (.claimed, .book), (.booked, .book): .booked
        case (.booked, .cancelBooking): .claimed
        case (.claimed, .decide), (.booked, .decide): .decided
        case (.claimed, .close), (.booked, .close), (.decided, .close): .closed
        case (.new, .withdraw), (.claimed, .withdraw), (.booked, .withdraw), (.decided, .withdraw): .withdrawn
        case (.new, .markSpam): .closed
        default: nil
        }
    }
}

/// Something that changes a case's state.
public enum CaseAction: String, Codable, Sendable, CaseIterable {
    case claim
    case release
    case handOver = "hand_over"
    case book
    case cancelBooking = "cancel_booking"
    case decide
    case close
    case withdraw
    /// An administrator closes a new case nobody claimed as flood or spam (in bulk).
    case markSpam = "mark_spam"

    /// The actions staff take; the others (booking, withdrawing) belong to the person.
    public static let staffActions: [CaseAction] = [.claim, .release, .handOver, .cancelBooking, .decide, .close]
}
