import Hummingbird
import Intake

extension TextCatalog {
    /// The HTTP answer to a refused change of a case. `offering` limits the allowed actions named
    /// to those the caller can take.
    func apiError(for error: CaseWorkError, _ language: Language, offering: [CaseAction] = CaseAction.allCases) -> APIError {
        switch error {
        case .caseNotFound:
            return apiError(.notFound, "caseNotFound", language)
        case .notAllowed(let state, let action, let allowed):
            let names = allowed.filter(offering.contains).map(\.rawValue)
            var answer = apiError(
                .conflict, "caseNotAllowed", language,
                ["state": state.rawValue, "action": action.rawValue, "allowed": names.isEmpty ? "–" : names.joined(separator: ", ")]
            )
            answer.allowedActions = names
            return answer
        case .heldBy(let holder):
            return holder.isEmpty
                ? apiError(.conflict, "caseHeldByNobody", language) : apiError(.conflict, "caseHeldBy", language, ["holder": holder])
        case .notOpen(let state):
            return apiError(.conflict, "caseNotOpen", language, ["state": state.rawValue])
        case .unknownStaff(let name):
            var answer = apiError(.unprocessableContent, "unknownStaff", language, ["name": String(name.prefix(40))])
            answer.items = [.init(item: "to", message: answer.message)]
            return answer
        case .unknownProvider(let slug):
            var answer = apiError(.unprocessableContent, "unknownProvider", language, ["slug": String(slug.prefix(40))])
            answer.items = [.init(item: "provider", message: answer.message)]
            return answer
        case .slotNotFound: return apiError(.notFound, "slotNotFound", language)
        case .slotTaken: return apiError(.conflict, "slotTaken", language)
        case .slotInPast: return apiError(.conflict, "slotInPast", language)
        case .slotBooked: return apiError(.conflict, "slotBooked", language)
        case .invalid(let problems):
            var answer = apiError(.unprocessableContent, "invalidRequest", language)
            answer.items = problems.map { .init(item: $0.field, message: message(for: $0.kind, language)) }
            return answer
        }
    }

    /// A 400 for a query parameter that cannot be used.
    func badQuery(_ name: String, _ value: String, hint: String, _ language: Language) -> APIError {
        apiError(.badRequest, "badQuery", language, ["name": name, "value": String(value.prefix(40)), "hint": hint])
    }

    /// The day a query parameter names, `nil` when it is absent; `400` when it is not a real
    /// `YYYY-MM-DD` date.
    func queryDay(_ text: String?, _ name: String, _ language: Language) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(iso: text) else { throw badQuery(name, text, hint: "YYYY-MM-DD", language) }
        return day
    }

    /// `422` for query values that are each well-formed but do not fit together (a range backwards).
    func badRange(_ name: String, _ value: String, hint: String, _ language: Language) -> APIError {
        apiError(.unprocessableContent, "badQuery", language, ["name": name, "value": String(value.prefix(40)), "hint": hint])
    }
}
