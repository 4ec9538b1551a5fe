import Foundation
import Hummingbird
import HummingbirdAuth
import Intake

/// The queue and the work on a case: reading, claiming, handing over, the conversation, the
/// booking, the decision and closing. Refusals of the domain become 4xx answers.
struct StaffCaseController {
    let services: StaffServices

    /// One page of the queue, with how many cases the filter finds in all pages.
    struct QueueResponse: ResponseEncodable {
        /// A case of the page whose sealed values do not open, by its readable columns.
        struct Unreadable: Encodable {
            let reference: String
            let createdOn: Day
            let state: CaseState
            let priority: Int
            let flags: [Flag]
            let message: String
        }

        let items: [StaffCaseResponse]
        let unreadable: [Unreadable]
        let total: Int
        let offset: Int
        let limit: Int
    }

    /// The largest page of the queue.
    static let pageLimit = 500

    /// `GET cases?state=claimed,booked&track=&municipality=&flag=&limit=&offset=`: most urgent
    /// first, then oldest, a page at a time (100 by default, at most 500), with the total.
    func queue(request: Request, context: StaffRequestContext) async throws -> QueueResponse {
        let language = request.preferredLanguage
        let query = request.uri.queryParameters
        var filter = QueueFilter()
        if let states = query.get("state") {
            filter.states = try states.split(separator: ",", omittingEmptySubsequences: false).map { name in
                guard let state = CaseState(rawValue: String(name)) else {
                    throw services.texts.badQuery(
                        "state", String(name), hint: CaseState.allCases.map(\.rawValue).joined(separator: ", "), language)
                }
                return state
            }
        }
        filter.track = try query.get("track").map { try parse($0, as: Track.self, name: "track", language) }
        filter.flag = try query.get("flag").map { try parse($0, as: Flag.self, name: "flag", language) }
        filter.municipality = query.get("municipality")
        filter.channel = try query.get("channel").map { try parse($0, as: CaseChannel.self, name: "channel", language) }
        // `reply=due`: no first reply yet, and the promise ends today or has passed.
        if let reply = query.get("reply") {
            guard reply == "due" else { throw services.texts.badQuery("reply", reply, hint: "due", language) }
            filter.unrepliedCreatedOnOrBefore = services.promise.latestCreatedDue(on: services.clock.now().day)
        }
        filter.sort = try query.get("sort").map { try parse($0, as: QueueSort.self, name: "sort", language) } ?? .priority
        filter.limit = try query.get("limit").map { try count($0, name: "limit", in: 1...Self.pageLimit, language) } ?? 100
        filter.offset = try query.get("offset").map { try count($0, name: "offset", in: 0...1_000_000, language) } ?? 0
        let page = try await services.desk.queuePage(filter)
        let today = services.clock.now().day
        let staff = try context.requireIdentity()
        return QueueResponse(
            items: page.items.map { StaffCaseResponse($0, for: staff, today: today, language: language, services: services) },
            unreadable: page.unreadable.map { found in
                .init(
                    reference: found.reference.value, createdOn: found.createdOn, state: found.state,
                    priority: found.priority, flags: found.flags, message: found.failure.message(services.texts, language))
            },
            total: page.total, offset: filter.offset, limit: filter.limit)
    }

    /// A whole number in `range` from a query parameter; `400` otherwise.
    private func count(_ text: String, name: String, in range: ClosedRange<Int>, _ language: Language) throws -> Int {
        guard text.utf8.count <= 9, let value = Int(text), range.contains(value) else {
            throw services.texts.badQuery(name, text, hint: "\(range.lowerBound)–\(range.upperBound)", language)
        }
        return value
    }

    /// The outcome of marking cases as spam, one line per reference given.
    struct SpamResponse: ResponseEncodable {
        struct Refused: Encodable {
            let reference: String
            let message: String
        }

        let marked: [String]
        let refused: [Refused]
    }

    /// `POST cases/spam {"references": [...]}` (administrators): closes new cases nobody claimed
    /// as spam, each audited; the others are listed with why.
    func markSpam(request: Request, context: StaffRequestContext) async throws -> SpamResponse {
        var request = request
        let staff = try context.requireIdentity()
        let language = request.preferredLanguage
        let body = try await request.jsonObject(context: context, texts: services.texts, language: language)
        guard case .array(let values) = body["references"], !values.isEmpty, values.count <= 500 else {
            throw InvalidFields([FieldProblem("references", .invalid)])
        }
        let references = try values.map { value -> String in
            guard case .string(let text) = value else { throw InvalidFields([FieldProblem("references", .invalid)]) }
            return text
        }
        let outcomes = try await services.desk.markSpam(references, by: staff)
        let context = AnswerContext(
            texts: services.texts, language: language, actions: [], currentQuestionnaire: services.questionnaire.version)
        return SpamResponse(
            marked: outcomes.filter { $0.refusal == nil }.map(\.reference),
            refused: outcomes.compactMap { outcome in
                outcome.refusal.map { .init(reference: outcome.reference, message: $0.answer(in: context).message) }
            })
    }

    /// A case with its answers and conversation; the read is audited.
    func show(request: Request, context: StaffRequestContext) async throws -> StaffCaseResponse {
        let staff = try context.requireIdentity()
        return try await answer(request, staff) { try await services.desk.openCaseFile(try reference(context), by: staff) }
    }

    /// `POST cases/lookup {"token"}`: the case of a token read out on the phone.
    func lookUp(request: Request, context: StaffRequestContext) async throws -> StaffCaseResponse {
        let (staff, token) = try await readOut(request, context)
        return try await answer(request, staff) { try await services.desk.lookUp(token: token, by: staff) }
    }

    struct NewCodeResponse: ResponseEncodable {
        let reference: String
        /// The new code, shown this once, to read out.
        let token: String
        /// Still a code handed out by staff: the counsellor heard it.
        let codeFromStaff: Bool
    }

    /// `POST cases/lookup/new-code {"token"}`: the person on the phone reads out a code a
    /// colleague handed out; they get a new one to write down, and the old one stops working.
    /// `409` for the person's own code, which only they change.
    func newCodeByPhone(request: Request, context: StaffRequestContext) async throws -> NewCodeResponse {
        let (staff, token) = try await readOut(request, context)
        let (reference, newToken) = try await services.desk.newCodeByPhone(token: token, by: staff)
        return NewCodeResponse(reference: reference.value, token: newToken.formatted, codeFromStaff: true)
    }

    /// Who asks, and the `token` of the body: a code read out on the phone.
    private func readOut(_ request: Request, _ context: StaffRequestContext) async throws -> (StaffIdentity, String) {
        var request = request
        let staff = try context.requireIdentity()
        let body = try await request.jsonObject(context: context, texts: services.texts, language: request.preferredLanguage)
        guard case .string(let token) = body["token"] else { throw required("token") }
        return (staff, token)
    }

    func claim(request: Request, context: StaffRequestContext) async throws -> StaffCaseResponse {
        try await change(request, context) { staff, reference, _ in try await services.desk.claim(reference, by: staff) }
    }

    func release(request: Request, context: StaffRequestContext) async throws -> StaffCaseResponse {
        try await change(request, context) { staff, reference, _ in try await services.desk.release(reference, by: staff) }
    }

    /// `POST cases/{reference}/handover {"to": "username"}`.
    func handOver(request: Request, context: StaffRequestContext) async throws -> StaffCaseResponse {
        try await change(request, context, readsBody: .required) { staff, reference, body in
            guard case .string(let colleague) = body["to"] else { throw required("to") }
            return try await services.desk.handOver(reference, to: colleague, by: staff)
        }
    }

    /// `POST cases/{reference}/messages {"body", "internal"}`: a message to the person, or an
    /// internal note they never see.
    func write(request: Request, context: StaffRequestContext) async throws -> EditedResponse<StaffCaseResponse.MessageResponse> {
        var request = request
        let staff = try context.requireIdentity()
        let language = request.preferredLanguage
        let body = try await request.jsonObject(context: context, texts: services.texts, language: language)
        guard case .string(let text) = body["body"] else { throw required("body") }
        var fields = JSONFields(body)
        let isInternal = fields.bool("internal") ?? false
        try fields.validate()
        let message = try await services.desk.write(try reference(context), body: text, isInternal: isInternal, by: staff)
        return EditedResponse(
            status: .created,
            response: .init(
                id: message.id, author: message.author, staffUser: staff.username, isInternal: message.isInternal,
                body: message.body, createdOn: message.createdOn, identifiers: message.identifiers
            )
        )
    }

    /// `POST cases/{reference}/decision {"track", "reason", "provider", "plannedStart", "startDelayReason", "message"}`:
    /// the decision, and a message to the person in their language that says it and what
    /// happens at the start, with `message` (the counsellor's own words) in it.
    func decide(request: Request, context: StaffRequestContext) async throws -> StaffCaseResponse {
        try await change(request, context, readsBody: .required) { staff, reference, body in
            let input = try decisionInput(body)
            return try await services.desk.decide(reference, input, letter: DecisionLetter.writer(input, pages: services.pages), by: staff)
        }
    }

    struct DecisionPreviewResponse: ResponseEncodable {
        /// The person's language, in which the message is written.
        let language: Language
        let message: String
    }

    /// `POST cases/{reference}/decision/preview`, the same body as a decision: the message the
    /// person would get, after the same checks; nothing is stored.
    func previewDecision(request: Request, context: StaffRequestContext) async throws -> DecisionPreviewResponse {
        var request = request
        let staff = try context.requireIdentity()
        let body = try await request.jsonObject(context: context, texts: services.texts, language: request.preferredLanguage)
        let input = try decisionInput(body)
        let preview = try await services.desk.previewDecision(
            try reference(context), input, letter: DecisionLetter.writer(input, pages: services.pages), by: staff)
        return DecisionPreviewResponse(language: preview.language, message: preview.text)
    }

    private func decisionInput(_ body: [String: JSONValue]) throws -> DecisionInput {
        var fields = JSONFields(body)
        let input = DecisionInput(
            track: fields.parsed("track", Track.init(rawValue:)), reason: fields.string("reason"), provider: fields.string("provider"),
            plannedStart: fields.parsed("plannedStart", Day.init(iso:)), startDelayReason: fields.string("startDelayReason"),
            message: fields.string("message")
        )
        try fields.validate()
        return input
    }

    struct OpenedResponse: ResponseEncodable {
        let receipt: SubmissionController.Receipt
        let channel: CaseChannel

        func encode(to encoder: any Encoder) throws {
            try receipt.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(channel, forKey: .channel)
            try container.encode(true, forKey: .codeFromStaff)
        }

        private enum CodingKeys: String, CodingKey {
            case channel, codeFromStaff
        }
    }

    /// `POST cases {"channel", "questionnaire", "language", "answers"}` → `201`: a case opened for
    /// a person on the phone (`phone`), at the counter (`walk_in`) or on the street (`street`),
    /// with the answers the counsellor entered; the same validation, scoring and triage as a web
    /// submission. The counsellor holds it from the start; the code is shown this once, to read
    /// out or print, and the person replaces it at their first use.
    func open(request: Request, context: StaffRequestContext) async throws -> EditedResponse<OpenedResponse> {
        var request = request
        let staff = try context.requireIdentity()
        let language = request.preferredLanguage
        let body = try await request.jsonObject(context: context, texts: services.texts, language: language)
        var fields = JSONFields(body)
        let channel = fields.parsed("channel", CaseChannel.init(rawValue:))
        let problems = channel == nil && body["channel"] == nil ? [FieldProblem("channel", .required)] : []
        let web = channel == .web ? [FieldProblem("channel", .invalid)] : []
        guard fields.problems.isEmpty, problems.isEmpty, web.isEmpty, let channel else {
            throw InvalidFields(reading: fields.problems, then: problems + web)
        }
        let submission = Submission(body: body, fallbackLanguage: language)
        let issued = try await services.intake.openForPerson(submission, channel: channel, by: staff)
        let stored = issued.storedCase
        let receipt = SubmissionController.Receipt(
            token: issued.token.formatted, caseReference: stored.reference, createdOn: stored.createdOn, language: stored.language,
            assessment: AssessmentResponse(stored.assessment, language: stored.language, texts: services.texts))
        return EditedResponse(status: .created, response: OpenedResponse(receipt: receipt, channel: channel))
    }

    /// `POST cases/{reference}/close {"reason"}`: a reason is needed unless the case is decided.
    func close(request: Request, context: StaffRequestContext) async throws -> StaffCaseResponse {
        try await change(request, context, readsBody: .optional) { staff, reference, body in
            var fields = JSONFields(body)
            let reason = fields.string("reason")
            try fields.validate()
            return try await services.desk.close(reference, reason: reason, by: staff)
        }
    }

    /// `DELETE cases/{reference}/booking`: frees the person's time and tells them so.
    func cancelBooking(request: Request, context: StaffRequestContext) async throws -> StaffCaseResponse {
        try await change(request, context) { staff, reference, _ in try await services.desk.cancelBooking(reference, by: staff) }
    }

    // MARK: - Shared

    /// Whether a change reads a JSON body: not at all, if one is sent, or always.
    private enum BodyUse {
        case none, optional, required
    }

    /// Runs a change and answers with the case as the change left it (read in its transaction).
    private func change(
        _ request: Request, _ context: StaffRequestContext, readsBody: BodyUse = .none,
        _ work: (StaffIdentity, String, [String: JSONValue]) async throws -> CaseSummary
    ) async throws -> StaffCaseResponse {
        var request = request
        let staff = try context.requireIdentity()
        let language = request.preferredLanguage
        let reference = try reference(context)
        let body =
            readsBody == .none
            ? [:]
            : try await request.jsonObject(context: context, texts: services.texts, language: language, optional: readsBody == .optional)
        let summary = try await work(staff, reference, body)
        return StaffCaseResponse(summary, for: staff, today: services.clock.now().day, language: language, services: services)
    }

    /// Reads a whole case file and shows it.
    private func answer(_ request: Request, _ staff: StaffIdentity, _ read: () async throws -> CaseFile) async throws -> StaffCaseResponse {
        let file = try await read()
        return StaffCaseResponse(
            file.summary, file: file, for: staff, today: services.clock.now().day, language: request.preferredLanguage, services: services)
    }

    private func reference(_ context: StaffRequestContext) throws -> String {
        try context.parameters.require("reference")
    }

    private func required(_ field: String) -> InvalidFields {
        InvalidFields([FieldProblem(field, .required)])
    }

    private func parse<Value: RawRepresentable & CaseIterable>(
        _ text: String, as: Value.Type, name: String, _ language: Language
    ) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            throw services.texts.badQuery(name, text, hint: Value.allCases.map(\.rawValue).joined(separator: ", "), language)
        }
        return value
    }
}
