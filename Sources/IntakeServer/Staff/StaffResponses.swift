import Foundation
import Hummingbird
import Intake

/// A case as the staff API shows it: the summary in the queue; with the answers, the
/// conversation and the decision when read on its own.
struct StaffCaseResponse: ResponseEncodable {
    struct Municipality: Encodable {
        let code: String
        let name: String?
    }

    struct MessageResponse: ResponseEncodable {
        let id: Int64
        let author: MessageAuthor
        let staffUser: String?
        let isInternal: Bool
        let body: String
        let createdOn: Day
        /// What in the person's message could identify them: a warning for staff.
        let identifiers: [Identifier]
    }

    struct DecisionResponse: Encodable {
        let track: Track
        let reason: String?
        let provider: ProviderResponse?
        let plannedStart: Day?
        let startDelayReason: String?
        let decidedOn: Day?
    }

    let reference: CaseReference
    let createdOn: Day
    let ageDays: Int
    let state: CaseState
    let allowedActions: [CaseAction]
    /// The actions the staff member asking may take now (`IntakeCase.actions(for:)`).
    let yourActions: [CaseAction]
    /// Whether the staff member asking may write in the conversation.
    let mayWrite: Bool
    let priority: Int
    let suggestedTrack: Track
    let flags: [Flag]
    let composites: Composites
    let reasons: [AssessmentResponse.ReasonEntry]
    let municipality: Municipality?
    let partner: String?
    let assignee: String?
    let unreadMessages: Int
    let startDeadline: Day?
    let deadlineAtRisk: Bool
    /// `onTrack`, `near` or `passed` on the service's today; absent when no deadline applies.
    let deadlineStatus: DeadlineStatus?
    /// The last day of the promise of a first reply (`--reply-within-working-days`).
    let replyBy: Day
    /// `waiting`, `dueToday`, `passed` or `replied`; absent for a case closed without a reply.
    let replyStatus: ResponsePromise.Status?
    let booking: SlotResponse?
    /// The door the case came in through.
    let channel: CaseChannel
    /// Whether the person still has the code a counsellor handed out (not one of their own yet).
    let codeFromStaff: Bool
    // Only when a case is read on its own:
    let language: Language?
    let answers: AnswerSheet?
    let conversation: [MessageResponse]?
    /// The times offered to this person only, not booked yet.
    let offers: [SlotResponse]?
    let decision: DecisionResponse?
    let closedOn: Day?
    let closeReason: String?

    init(
        _ summary: CaseSummary, file: CaseFile? = nil, for staff: StaffIdentity, today: Day, language: Language, services: StaffServices
    ) {
        let found = summary.intakeCase
        reference = found.reference
        createdOn = found.createdOn
        ageDays = found.createdOn.days(until: today)
        state = found.state
        allowedActions = found.state.allowedActions.filter(CaseAction.staffActions.contains)
        yourActions = found.actions(for: staff)
        mayWrite = found.acceptsMessages(from: staff)
        priority = found.priority
        suggestedTrack = found.track
        flags = found.flags
        composites = found.composites.rounded
        reasons = found.reasons.map { .init(rule: $0.rule, values: $0.values, text: services.texts.explain($0, language)) }
        municipality = found.municipality.map { Municipality(code: $0, name: services.municipalityName($0)) }
        partner = found.partner
        assignee = summary.assignee
        unreadMessages = summary.unreadFromCitizen
        startDeadline = found.startDeadline
        deadlineStatus = found.deadlineStatus(on: today)
        deadlineAtRisk = deadlineStatus == .near || deadlineStatus == .passed
        replyBy = services.promise.replyBy(found)
        replyStatus = services.promise.status(of: found, firstRepliedOn: summary.firstRepliedOn, on: today)
        booking = summary.booking.map { SlotResponse($0, caseReference: found.reference) }
        channel = found.channel
        codeFromStaff = found.codeFromStaff
        self.language = file == nil ? nil : found.language
        answers = file == nil ? nil : found.answers
        conversation = file?.messages.map { message in
            MessageResponse(
                id: message.id, author: message.author, staffUser: message.staffUserId.flatMap { file?.authors[$0] },
                isInternal: message.isInternal, body: message.body, createdOn: message.createdOn, identifiers: message.identifiers
            )
        }
        offers = file?.offers.map { SlotResponse($0, caseReference: found.reference) }
        decision = found.decidedTrack.map { track in
            DecisionResponse(
                track: track, reason: found.decisionReason, provider: file?.provider.map(ProviderResponse.init),
                plannedStart: found.plannedStart, startDelayReason: found.startDelayReason, decidedOn: found.decidedOn
            )
        }
        closedOn = found.closedOn
        closeReason = found.closeReason
    }
}

/// A published time, with the case that booked it.
struct SlotResponse: ResponseEncodable {
    let id: Int64
    let startsAt: String
    let lengthMinutes: Int
    let mode: ContactMode
    let place: String
    let isBooked: Bool
    /// The case that booked it.
    let caseReference: CaseReference?
    /// Whether it is offered to one person only.
    let isOffered: Bool
    /// The case it is offered to (for staff only).
    let offeredTo: CaseReference?

    /// `reference` is the case the slot belongs to: the one that booked it or that it is offered to.
    init(_ slot: Slot, caseReference reference: CaseReference?) {
        id = slot.id
        startsAt = slot.startsAt
        lengthMinutes = slot.lengthMinutes
        mode = slot.mode
        place = slot.place
        isBooked = slot.isBooked
        isOffered = slot.isOffered
        caseReference = slot.isBooked ? reference : nil
        offeredTo = slot.isOffered ? reference : nil
    }
}

/// A provider of the register.
struct ProviderResponse: ResponseEncodable {
    let slug: String
    let name: String
    let isAnonymous: Bool
    let isOutsideMunicipality: Bool
    let contact: String
    let isActive: Bool

    init(_ provider: Provider) {
        slug = provider.slug
        name = provider.name
        isAnonymous = provider.isAnonymous
        isOutsideMunicipality = provider.isOutsideMunicipality
        contact = provider.contact
        isActive = provider.isActive
    }
}

/// The register, and whether it covers what § 101a asks (`RegisterCoverage`).
struct ProviderListResponse: ResponseEncodable {
    let items: [ProviderResponse]
    let coverage: RegisterCoverage

    init(_ providers: [Provider]) {
        items = providers.map(ProviderResponse.init)
        coverage = RegisterCoverage(providers)
    }
}

/// A list in an object, so the answer can grow fields later.
struct ListResponse<Element: Encodable>: ResponseEncodable {
    let items: [Element]
}
