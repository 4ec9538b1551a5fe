/// What the staff queue shows of a case.
public struct CaseSummary: Sendable {
    public let intakeCase: IntakeCase
    /// The username of the staff member who holds it.
    public let assignee: String?
    /// Messages from the person that staff have not read.
    public let unreadFromCitizen: Int
    /// The booked time, if any.
    public let booking: Slot?
}

/// A case with everything staff may read: the summary, the conversation with internal notes,
/// and the provider it is referred to.
public struct CaseFile: Sendable {
    public let summary: CaseSummary
    public let messages: [Message]
    /// Usernames of the staff who wrote messages and notes, by id.
    public let authors: [Int64: String]
    public let provider: Provider?
}

/// What the queue can be filtered by. Without states, only open cases are listed.
public struct QueueFilter: Sendable {
    public var states: [CaseState]?
    public var track: Track?
    public var municipality: String?
    public var flag: Flag?
    public var limit = 500

    public init(states: [CaseState]? = nil, track: Track? = nil, municipality: String? = nil, flag: Flag? = nil, limit: Int = 500) {
        self.states = states
        self.track = track
        self.municipality = municipality
        self.flag = flag
        self.limit = limit
    }
}
