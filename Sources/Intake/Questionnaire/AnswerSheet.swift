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
    /// number, a string or an array of strings), written byte by byte: Foundation's
    /// `JSONEncoder` took some 400,000 instructions for a sheet of 52 answers, an eighth of a
    /// submission. The keys come in the dictionary's order; nothing compares these bytes.
    var json: Data {
        var out: [UInt8] = []
        out.reserveCapacity(answers.count * 24)
        out.append(UInt8(ascii: "{"))
        for (index, (item, answer)) in answers.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.append(item, to: &out)
            out.append(UInt8(ascii: ":"))
            switch answer {
            case .skip: JSONText.append(Questionnaire.skip, to: &out)
            case .number(let number): out.append(contentsOf: String(number).utf8)
            case .choice(let text): JSONText.append(text, to: &out)
            case .selection(let values):
                out.append(UInt8(ascii: "["))
                for (position, value) in values.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    JSONText.append(value, to: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
        }
        out.append(UInt8(ascii: "}"))
        return Data(out)
    }
}

/// JSON strings written from Swift strings.
enum JSONText {
    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string: quoted, with the quote, the backslash and the control
    /// characters escaped (RFC 8259 § 7). A Swift string is valid Unicode, so its UTF-8 bytes are
    /// copied as they are.
    static func append(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
