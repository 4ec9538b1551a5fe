/// What a counsellor decides after the clarifying conversation.
public struct DecisionInput: Sendable {
    /// The final track.
    public var track: Track?
    /// Why, when it differs from the suggested track.
    public var reason: String?
    /// The provider the person is referred to, by slug.
    public var provider: String?
    /// The planned start of treatment.
    public var plannedStart: Day?
    /// Why a § 101 start is later than 14 days after the first contact.
    public var startDelayReason: String?

    public init(track: Track?, reason: String? = nil, provider: String? = nil, plannedStart: Day?, startDelayReason: String? = nil) {
        self.track = track
        self.reason = reason
        self.provider = provider
        self.plannedStart = plannedStart
        self.startDelayReason = startDelayReason
    }
}
