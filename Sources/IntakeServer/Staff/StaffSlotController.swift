import Hummingbird
import HummingbirdAuth
import Intake

/// Times for the clarifying conversation: publish, list, remove.
struct StaffSlotController {
    let services: StaffServices

    /// `GET slots?from=YYYY-MM-DD&to=YYYY-MM-DD&mode=&open=true`, by start.
    func list(request: Request, context: StaffRequestContext) async throws -> ListResponse<SlotResponse> {
        let language = request.preferredLanguage
        let query = request.uri.queryParameters
        var filter = SlotFilter()
        filter.from = try services.texts.queryDay(query.get("from"), "from", language)
        filter.to = try services.texts.queryDay(query.get("to"), "to", language)
        if let mode = query.get("mode") {
            guard let parsed = ContactMode(rawValue: mode) else {
                throw services.texts.badQuery("mode", mode, hint: ContactMode.allCases.map(\.rawValue).joined(separator: ", "), language)
            }
            filter.mode = parsed
        }
        if let open = query.get("open") {
            guard let onlyOpen = Bool(open) else { throw services.texts.badQuery("open", open, hint: "true, false", language) }
            filter.onlyOpen = onlyOpen
        }
        return ListResponse(items: try await services.desk.slots(filter).map { SlotResponse($0.slot, caseReference: $0.caseReference) })
    }

    /// `POST slots {"start": "YYYY-MM-DDTHH:MM", "length": minutes, "mode", "place"}`: a time
    /// anyone who may book can choose.
    func create(request: Request, context: StaffRequestContext) async throws -> EditedResponse<SlotResponse> {
        let staff = try context.requireIdentity()
        let slot = try await services.desk.createSlot(try await input(request, context), by: staff)
        return EditedResponse(status: .created, response: SlotResponse(slot, caseReference: nil))
    }

    /// `POST cases/{reference}/offers {"start", "length", "mode", "place"}`: a time offered to
    /// this case's person only, by the staff member who holds it; nobody else sees or books it.
    func offer(request: Request, context: StaffRequestContext) async throws -> EditedResponse<SlotResponse> {
        let staff = try context.requireIdentity()
        let reference = try context.parameters.require("reference")
        let slot = try await services.desk.offerSlot(try await input(request, context), to: reference, by: staff)
        return EditedResponse(status: .created, response: SlotResponse(slot, caseReference: CaseReference(parsing: reference)))
    }

    private func input(_ request: Request, _ context: StaffRequestContext) async throws -> SlotInput {
        var request = request
        let body = try await request.jsonObject(context: context, texts: services.texts, language: request.preferredLanguage)
        var fields = JSONFields(body)
        let input = SlotInput(
            startsAt: fields.string("start"), lengthMinutes: fields.integer("length"),
            mode: fields.parsed("mode", ContactMode.init(rawValue:)),
            place: fields.string("place")
        )
        try fields.validate()
        return input
    }

    /// `DELETE slots/{id}`: only a time nobody has booked.
    func delete(request: Request, context: StaffRequestContext) async throws -> HTTPResponse.Status {
        let staff = try context.requireIdentity()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw CaseWorkError.slotNotFound }
        try await services.desk.deleteSlot(id, by: staff)
        return .noContent
    }
}
