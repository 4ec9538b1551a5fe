/// Any JSON value, decoded without assuming a shape, so that answers of the wrong type can be
/// reported item by item instead of failing the whole request.
public enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // The most common kinds first (a submission's answers are mostly day counts, then option
        // ids): every kind tried in vain is a thrown error, the main cost of decoding a submission.
        // No JSON value is two of these kinds (`true` is not a number, nor `1` a Boolean or a
        // string), so the order does not change what is decoded.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            self = .array(try container.decode([JSONValue].self))
        }
    }
}
