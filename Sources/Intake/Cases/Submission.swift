/// A self-assessment as a client sends it, before validation.
public struct Submission: Sendable {
    /// The questionnaire version the answers belong to.
    public var questionnaire: String?
    /// The language the person answered in, or `nil` if they named one the service does not speak.
    public var language: Language?
    /// The answers by item id, as raw JSON values.
    public var answers: [String: JSONValue]?
    /// The partner slug the person came through, if any; stored only for a registered, active partner.
    public var partner: String?

    /// Creates a submission.
    public init(questionnaire: String?, language: Language?, answers: [String: JSONValue]?, partner: String? = nil) {
        self.questionnaire = questionnaire
        self.language = language
        self.answers = answers
        self.partner = partner
    }
}

/// Why a submission is refused. Nothing is stored for a refused submission.
public enum SubmissionError: Error, Sendable, Equatable {
    /// Fields or answers are wrong; each problem names its field or item.
    case invalid([AnswerProblem])
    /// The idempotency key was used before for a different submission.
    case idempotencyKeyReused
    /// The idempotency key is too short, too long or has unusual characters.
    case idempotencyKeyMalformed
}

/// A stored submission, as the person gets it back: the only time the token is shown.
public struct IssuedCase: Sendable {
    /// The person's token.
    public let token: Token
    /// The stored case.
    public let storedCase: IntakeCase
    /// Whether this answers a retry of an earlier request (same idempotency key).
    public let isReplay: Bool
}
