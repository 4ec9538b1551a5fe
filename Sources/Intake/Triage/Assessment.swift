/// The result of scoring and triaging one answer sheet: everything needed to explain the
/// suggestion again later, or to re-run it under a newer rule version.
public struct Assessment: Sendable, Equatable, Codable {
    /// The questionnaire version that was answered.
    public let questionnaireVersion: String
    /// The triage rule version that was applied.
    public let rulesVersion: String
    /// The seven composites, at full precision.
    public let composites: Composites
    /// The suggested track.
    public let track: Track
    /// The raised flags, in a fixed order.
    public let flags: [Flag]
    /// The queue priority: 1 crisis, 2 outreach or under 18, 3 the rest.
    public let priority: Int
    /// The rules that fired, with their numbers: the track's first, then each flag's.
    public let reasons: [Reason]
}
