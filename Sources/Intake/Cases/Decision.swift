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
    /// The counsellor's own words to the person, added to the decision's message.
    public var message: String?

    public init(
        track: Track?, reason: String? = nil, provider: String? = nil, plannedStart: Day?, startDelayReason: String? = nil,
        message: String? = nil
    ) {
        self.track = track
        self.reason = reason
        self.provider = provider
        self.plannedStart = plannedStart
        self.startDelayReason = startDelayReason
        self.message = message
    }
}

extension DecisionInput {
    /// The longest reason text accepted.
    public static let reasonLimit = 1_000
    /// The longest own words to the person: the whole message must fit a message's limit.
    public static let messageLimit = 1_000

    /// Every problem with deciding `found` this way, `provider` being the active provider the
    /// input names (looked up by the caller; `nil` when it names none). Pure: the rules of a
    /// decision in one place, checked by `DecisionRuleTests`.
    public func problems(for found: IntakeCase, provider: Provider?) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if track == nil { problems.append(FieldProblem("track", .required)) }
        if let reasonProblem = FieldProblem.text(reason, field: "reason", maximum: Self.reasonLimit, required: false) {
            problems.append(reasonProblem)
        } else if let track, track != found.track, (reason ?? "").trimmed.isEmpty {
            problems.append(FieldProblem("reason", .requiredWhenTrackDiffers))
        }
        if let plannedStart {
            if plannedStart < found.createdOn { problems.append(FieldProblem("plannedStart", .beforeFirstContact)) }
            let deadline = found.createdOn.adding(days: IntakeCase.startGuaranteeDays)
            if let track, track != .anonymous, plannedStart > deadline, (startDelayReason ?? "").trimmed.isEmpty {
                problems.append(FieldProblem("startDelayReason", .requiredWhenLate(deadline: deadline)))
            }
        } else {
            problems.append(FieldProblem("plannedStart", .required))
        }
        if let delay = FieldProblem.text(startDelayReason, field: "startDelayReason", maximum: Self.reasonLimit, required: false) {
            problems.append(delay)
        }
        if let words = FieldProblem.text(message, field: "message", maximum: Self.messageLimit, required: false) {
            problems.append(words)
        }
        if track == .anonymous, let provider, !provider.isAnonymous { problems.append(FieldProblem("provider", .notAnonymousProvider)) }
        return problems
    }

    /// Writes the decision into `found`, decided on `day`; `CaseWorkError.invalid` naming every
    /// problem when it cannot be taken.
    public func apply(to found: inout IntakeCase, provider: Provider?, on day: Day) throws {
        let problems = problems(for: found, provider: provider)
        guard problems.isEmpty else { throw CaseWorkError.invalid(problems) }
        found.decidedTrack = track
        found.decisionReason = reason?.trimmed.nilIfEmpty
        found.providerId = provider?.id
        found.plannedStart = plannedStart
        found.startDelayReason = startDelayReason?.trimmed.nilIfEmpty
        found.decidedOn = day
    }
}

/// Writes the message that tells the person about the decision taken on a case (given the case
/// as decided and its provider), in the person's language. The HTTP layer supplies it: its
/// texts and day formats are the pages'.
public typealias DecisionLetterWriter = @Sendable (IntakeCase, Provider?) -> String
