import Hummingbird
import Intake

/// The person's case as the JSON API shows it: state, assessment, the conversation (never
/// internal notes), the times they can book, their booking and the decision. Never the answers.
struct CitizenCaseResponse: ResponseEncodable {
    struct MessageEntry: Encodable {
        let author: MessageAuthor
        let body: String
        let createdOn: Day
        /// A reply the person had not seen before this answer.
        let isNew: Bool
        /// What in the person's own message could identify them.
        let identifiers: [Identifier]
    }

    struct Decision: Encodable {
        let track: Track
        let trackText: String
        let provider: String?
        let providerContact: String?
        let plannedStart: Day?
    }

    let caseReference: CaseReference
    let state: CaseState
    let stateText: String
    let createdOn: Day
    let assessment: AssessmentResponse
    let conversation: [MessageEntry]
    let unreadReplies: Int
    let openSlots: [SlotResponse]
    let booking: SlotResponse?
    let decision: Decision?
    let canWrite: Bool
    let canWithdraw: Bool

    init(_ view: CitizenCaseSummary, language: Language, texts: TextCatalog) {
        let found = view.intakeCase
        caseReference = found.reference
        state = found.state
        stateText = texts.text("state.\(found.state.rawValue)", language)
        createdOn = found.createdOn
        assessment = AssessmentResponse(found.assessment, language: language, texts: texts)
        conversation = view.messages.map { message in
            MessageEntry(
                author: message.author, body: message.body, createdOn: message.createdOn, isNew: !message.isReadByCitizen,
                identifiers: message.identifiers
            )
        }
        unreadReplies = view.unreadReplies
        openSlots = view.openSlots.map { SlotResponse($0, caseReference: nil) }
        booking = view.booking.map { SlotResponse($0, caseReference: nil) }
        decision = found.decidedTrack.map { track in
            Decision(
                track: track, trackText: texts.text("track.\(track.rawValue)", language), provider: view.provider?.name,
                providerContact: view.provider?.contact, plannedStart: found.plannedStart
            )
        }
        canWrite = found.state.isOpen
        canWithdraw = found.state.next(after: .withdraw) != nil
    }

    private enum CodingKeys: String, CodingKey {
        case caseReference, state, stateText, createdOn, conversation, unreadReplies, openSlots, booking, decision, canWrite, canWithdraw
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caseReference, forKey: .caseReference)
        try container.encode(state, forKey: .state)
        try container.encode(stateText, forKey: .stateText)
        try container.encode(createdOn, forKey: .createdOn)
        try container.encode(conversation, forKey: .conversation)
        try container.encode(unreadReplies, forKey: .unreadReplies)
        try container.encode(openSlots, forKey: .openSlots)
        try container.encodeIfPresent(booking, forKey: .booking)
        try container.encodeIfPresent(decision, forKey: .decision)
        try container.encode(canWrite, forKey: .canWrite)
        try container.encode(canWithdraw, forKey: .canWithdraw)
        try assessment.encode(to: encoder)
    }
}
