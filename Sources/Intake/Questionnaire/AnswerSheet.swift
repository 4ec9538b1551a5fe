import Foundation

/// A complete, validated set of answers keyed by item id.
///
/// The accessors read answers the way the triage rules do: a skipped item has no number, no
/// choice and no selection.
public struct AnswerSheet: Sendable, Equatable, Codable {
    /// The answers by item id.
    public var answers: [String: Answer]

    /// Creates a sheet from answers that were already validated.
    public init(_ answers: [String: Answer]) {
        self.answers = answers
    }

    public init(from decoder: any Decoder) throws {
        answers = try decoder.singleValueContainer().decode([String: Answer].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(answers)
    }

    /// The answer to `item`, if there is one.
    public subscript(item: String) -> Answer? { answers[item] }

    /// Whether `item` was answered "I'd rather not say" (or is absent).
    public func isSkipped(_ item: String) -> Bool {
        switch answers[item] {
        case .skip, nil: true
        default: false
        }
    }

    /// The whole-number answer, or `nil` when skipped.
    public func number(_ item: String) -> Int? {
        if case .number(let value) = answers[item] { value } else { nil }
    }

    /// The whole-number answer, counting a skip as 0 (the rules' reading of counts and ratings).
    public func count(_ item: String) -> Int { number(item) ?? 0 }

    /// The chosen option, or `nil` when skipped.
    public func choice(_ item: String) -> String? {
        if case .choice(let value) = answers[item] { value } else { nil }
    }

    /// The chosen options of a set item, or `nil` when skipped.
    public func selection(_ item: String) -> [String]? {
        if case .selection(let values) = answers[item] { values } else { nil }
    }
}

extension AnswerSheet {
    /// The sheet as JSON, what its `Codable` conformance writes (an object of item ids to a
    /// number, a string or an array of strings), by `JSONWriter`: Foundation's `JSONEncoder`
    /// took some 400,000 instructions for a sheet of 52 answers, an eighth of a submission. The
    /// keys come in the dictionary's order; nothing compares these bytes.
    var json: Data {
        var writer = JSONWriter(capacity: answers.count * 24)
        writer.object(answers, sortedKeys: false) { writer, answer in
            switch answer {
            case .skip: writer.string(Questionnaire.skip)
            case .number(let number): writer.integer(number)
            case .choice(let text): writer.string(text)
            case .selection(let values): writer.strings(values)
            }
        }
        return writer.data
    }
}

extension AnswerSheet {
    /// The sheet in `json`, read by the reader of common JSON (`JSONValue(commonJSON:)`), or
    /// `nil` where that reader or the sheet's shape leaves it to Foundation's decoder: a `\u`
    /// escape, a number that is not a short whole number, a value that is no answer. Every
    /// return with a code opens the case's answers; the decoder took some 800,000 instructions
    /// for a sheet of 52, more than a whole submission. `AnswerSheetJSONTests` holds the two
    /// readings to each other.
    init?(commonJSON json: Data) {
        guard case .object(let members)? = JSONValue(commonJSON: json) else { return nil }
        var answers: [String: Answer] = [:]
        answers.reserveCapacity(members.count)
        for (item, value) in members {
            switch value {
            case .integer(let number): answers[item] = .number(number)
            case .string(let text): answers[item] = text == Questionnaire.skip ? .skip : .choice(text)
            case .array(let values):
                var texts: [String] = []
                texts.reserveCapacity(values.count)
                for value in values {
                    guard case .string(let text) = value else { return nil }
                    texts.append(text)
                }
                answers[item] = .selection(texts)
            default: return nil
            }
        }
        self.init(answers)
    }

    /// The sheet in `json`: by the reader of common JSON where it reads it, else by Foundation's
    /// decoder (cases sealed by `JSONEncoder`, and anything unusual); `nil` when neither reads
    /// a sheet.
    static func read(json: Data) -> AnswerSheet? {
        AnswerSheet(commonJSON: json) ?? (try? JSONDecoder().decode(AnswerSheet.self, from: json))
    }
}
