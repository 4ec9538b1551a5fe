import Hummingbird
import Intake

extension TextCatalog {
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
