import Foundation

/// Why a rule fired: the rule's id and the numbers (or answers) that made it fire, so a
/// decision can be explained again later.
public struct Reason: Sendable, Equatable, Codable {
    /// A value quoted by a reason: a number, an answer, a list of ids, or unknown (`null`).
    public enum Value: Sendable, Equatable, Codable {
        case number(Double)
        case text(String)
        case list([String])
        case unknown

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .unknown
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .list(try container.decode([String].self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            case .list(let list): try container.encode(list)
            case .unknown: try container.encodeNil()
            }
        }

        /// A composite rounded to 3 decimals, or unknown.
        static func composite(_ value: Double?) -> Value {
            value.map { .number(($0 * 1000).rounded() / 1000) } ?? .unknown
        }

        /// A whole number.
        static func count(_ value: Int) -> Value { .number(Double(value)) }

        /// A choice answer, or `skip` when skipped.
        static func answer(_ value: String?) -> Value { .text(value ?? Questionnaire.skip) }
    }

    /// The rule id, e.g. `track.outreach.mixed_use`.
    public let rule: String
    /// The values that fired it, by name.
    public let values: [String: Value]

    /// Creates a reason.
    public init(rule: String, values: [String: Value] = [:]) {
        self.rule = rule
        self.values = values
    }
}

extension Reason.Value {
    /// Writes what `encode(to:)` writes.
    public func write(to writer: inout JSONWriter) throws {
        switch self {
        case .number(let number): try writer.number(number)
        case .text(let text): writer.string(text)
        case .list(let list): writer.strings(list)
        case .unknown: writer.null()
        }
    }
}

extension Reason {
    /// Writes a reason as an object of its `rule`, its `text` if there is one (as the citizen
    /// side's answers explain it) and its `values` sorted by name: the keys in sorted order.
    public static func write(rule: String, text: String? = nil, values: [String: Value], to writer: inout JSONWriter) throws {
        writer.openObject()
        writer.key("rule")
        writer.string(rule)
        if let text {
            writer.key("text")
            writer.string(text)
        }
        writer.key("values")
        try writer.object(values) { writer, value in try value.write(to: &writer) }
        writer.close()
    }

    /// Reasons as JSON, what their `Codable` conformance writes (`rule`, then `values`).
    static func json(_ reasons: [Reason]) throws -> Data {
        var writer = JSONWriter(capacity: 64 * reasons.count + 2)
        writer.openArray()
        for reason in reasons { try write(rule: reason.rule, values: reason.values, to: &writer) }
        writer.close(object: false)
        return writer.data
    }
}
