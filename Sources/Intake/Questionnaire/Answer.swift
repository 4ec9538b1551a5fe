/// One validated answer. In JSON: a whole number, a string, an array of strings, or `"skip"`.
public enum Answer: Sendable, Equatable, Codable {
    /// "I'd rather not say".
    case skip
    /// A count of days, a rating or a scale value.
    case number(Int)
    /// One option of a choice item.
    case choice(String)
    /// The chosen options of a set item (empty when none apply).
    case selection([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = text == Questionnaire.skip ? .skip : .choice(text)
        } else {
            self = .selection(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .skip: try container.encode(Questionnaire.skip)
        case .number(let number): try container.encode(number)
        case .choice(let text): try container.encode(text)
        case .selection(let values): try container.encode(values)
        }
    }
}
