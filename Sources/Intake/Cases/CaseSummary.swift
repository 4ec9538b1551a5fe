/// What the staff queue shows of a case.
public struct CaseSummary: Sendable {
    public let intakeCase: IntakeCase
    /// The username of the staff member who holds it.
    public let assignee: String?
    /// Messages from the person that staff have not read.
    public let unreadFromCitizen: Int
    /// The booked time, if any.
    public let booking: Slot?
    /// The day a counsellor first wrote to the person (not an internal note), if one has.
    public let firstRepliedOn: Day?
}

/// A case with everything staff may read: the summary, the conversation with internal notes,
/// and the provider it is referred to.
public struct CaseFile: Sendable {
    public let summary: CaseSummary
    public let messages: [Message]
    /// Usernames of the staff who wrote messages and notes, by id.
    public let authors: [Int64: String]
    public let provider: Provider?
    /// The times offered to this person only that nobody has booked yet.
    public var offers: [Slot] = []
}

/// What the queue can be filtered by. Without states, only open cases are listed.
public struct QueueFilter: Sendable {
    public var states: [CaseState]?
    public var track: Track?
    public var municipality: String?
    public var flag: Flag?
    /// Only cases that came in through this door.
    public var channel: CaseChannel?
    /// Only cases without a first reply that came in on or before this day: those whose response
    /// promise ends today or has passed (`ResponsePromise.latestCreatedDue`).
    public var unrepliedCreatedOnOrBefore: Day?
    /// The order: by priority (the default), or by the day a reply is promised, unreplied first.
    public var sort: QueueSort = .priority
    public var limit = 500
    /// How many of the sorted cases to skip (the pages before).
    public var offset = 0

    public init(states: [CaseState]? = nil, track: Track? = nil, municipality: String? = nil, flag: Flag? = nil, limit: Int = 500) {
        self.states = states
        self.track = track
        self.municipality = municipality
        self.flag = flag
        self.limit = limit
    }
}

/// The orders the queue can be read in.
public enum QueueSort: String, Sendable, CaseIterable {
    /// Priority 1 first, then the oldest.
    case priority
    /// Cases still waiting for a first reply first, the earliest promise first (cases that came
    /// in earlier are promised earlier), then priority.
    case replyBy = "reply_by"
}

/// What marking one case as spam came to.
public struct SpamOutcome: Sendable, Equatable {
    /// The reason stored on a case closed as spam.
    public static let closeReason = "spam"

    /// The reference as it was given.
    public let reference: String
    /// Why it was not closed (not new any more, not found); `nil` when it was.
    public let refusal: CaseWorkError?
}

/// One page of the queue.
public struct QueuePage: Sendable {
    public let items: [CaseSummary]
    /// The cases of the page whose sealed values do not open (damaged in the file, or sealed
    /// under a data key that is missing), by what is stored readable: listed, not hidden, and not
    /// in the way of the others.
    public var unreadable: [UnreadableCase] = []
    /// How many cases the filter finds in all pages, the unreadable among them.
    public let total: Int
}

/// A case whose answers cannot be opened, by the columns that are not sealed.
public struct UnreadableCase: Sendable, Equatable {
    public let reference: CaseReference
    public let createdOn: Day
    public let state: CaseState
    public let priority: Int
    public let flags: [Flag]
    /// Why it does not open: what the operator restores (the database or the keys).
    public let failure: DataCipher.Failure
}
