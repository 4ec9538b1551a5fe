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

extension JSONValue {
    /// Reads JSON of the shape a well-behaved client sends, or `nil` for anything else, which the
    /// caller then gives to Foundation's `JSONDecoder`: whenever this reads a value, the decoder
    /// reads the same one (`JSONValueReadingTests` and the fuzzer compare them).
    ///
    /// It takes objects and arrays nested at most 32 deep, strings of valid UTF-8 with the short
    /// escapes (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`), whole numbers of up to 18 digits,
    /// `true`, `false` and `null`, with JSON's whitespace between them. A `\u` escape, a number
    /// with a fraction or an exponent, `-0`, a key given twice or deeper nesting is left to the
    /// decoder, whose readings of those this does not repeat. Decoding a submission through the
    /// `Decoder` protocol was a quarter of its instructions (770,000); this takes a third of that.
    public init?(commonJSON bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        // The body is checked to be UTF-8 once, as a whole; then each string, cut out between
        // two quotes (ASCII, never part of a longer character), is UTF-8 too. Checking each on
        // its own went through the standard library's unspecialised generic check, 4 % of a
        // submission.
        guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
        var reader = CommonJSONReader(bytes: bytes)
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipWhitespace()
        guard reader.atEnd else { return nil }
        self = value
    }
}

/// The reader behind `JSONValue(commonJSON:)`. Every byte is read through `peek`, which answers
/// `nil` past the end, so no input reads out of bounds; numbers stop before they could overflow.
private struct CommonJSONReader {
    static let deepest = 32

    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position >= bytes.count }

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    mutating func value(depth: Int) -> JSONValue? {
        guard depth <= Self.deepest else { return nil }
        skipWhitespace()
        guard let byte = peek() else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
        default: return nil
        }
    }

    private mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
        for expected in word.utf8 {
            guard peek() == expected else { return nil }
            position += 1
        }
        return value
    }

    private mutating func integer() -> JSONValue? {
        let negative = peek() == UInt8(ascii: "-")
        if negative { position += 1 }
        let first = position
        var magnitude = 0
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            // 18 digits stay below Int.max (19 digits) however they are.
            guard position - first < 18 else { return nil }
            magnitude = magnitude * 10 + Int(byte - UInt8(ascii: "0"))
            position += 1
        }
        let digits = position - first
        guard digits > 0, digits == 1 || bytes[first] != UInt8(ascii: "0"), !(negative && magnitude == 0) else { return nil }
        if let next = peek(), next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") { return nil }
        return .integer(negative ? -magnitude : magnitude)
    }

    private mutating func string() -> String? {
        position += 1  // the opening quote
        // Most strings (item ids, option ids) have no escape: they are made straight from the
        // bytes between the quotes, with no copy in between.
        let start = position
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { position += 1 }
        if peek() == UInt8(ascii: "\"") {
            position += 1
            return bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[start..<position - 1]), as: UTF8.self)
            }
        }
        var text = Array(bytes[start..<position])
        while let byte = peek() {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = peek() else { return nil }
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                default: return nil
                }
            case 0..<0x20:
                return nil
            default:
                text.append(byte)
            }
        }
        return nil
    }

    private mutating func array(depth: Int) -> JSONValue? {
        position += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            guard let element = value(depth: depth + 1) else { return nil }
            elements.append(element)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            default: return nil
            }
        }
    }

    private mutating func object(depth: Int) -> JSONValue? {
        position += 1  // {
        // The members are gathered first and hashed once, into a dictionary of the right size:
        // growing it member by member rehashed a submission's 55 answers four times.
        var keys: [String] = []
        var values: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return .object([:])
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { return nil }
            position += 1
            guard let member = value(depth: depth + 1) else { return nil }
            keys.append(key)
            values.append(member)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                var members = [String: JSONValue](minimumCapacity: keys.count)
                for (key, member) in zip(keys, values) {
                    // A key given twice (or two keys Swift holds equal) is the decoder's to read.
                    guard members.updateValue(member, forKey: key) == nil else { return nil }
                }
                return .object(members)
            default: return nil
            }
        }
    }
}
