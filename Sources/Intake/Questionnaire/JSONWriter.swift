import Foundation

/// JSON written straight into bytes, as Foundation's `JSONEncoder` writes it with
/// `.withoutEscapingSlashes`: the same escapes, the same numbers, no spaces. The keys come in
/// the order they are written; `object(_:sortedKeys:)` sorts a dictionary's as `.sortedKeys`
/// does. Through `JSONEncoder`, a submission's sealed values and receipt took a fifth of its
/// instructions. `JSONWriterTests` holds it to `JSONEncoder`'s bytes.
public struct JSONWriter {
    /// What has been written.
    public private(set) var bytes: [UInt8] = []
    /// How many values each open array or object holds so far, innermost last.
    private var counts: [Int] = []
    /// A key was just written: the next value is its value, not a new element.
    private var afterKey = false

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// The bytes written, as `Data`.
    public var data: Data { Data(bytes) }

    public mutating func null() {
        element()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
    }

    public mutating func bool(_ value: Bool) {
        element()
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    public mutating func integer(_ value: Int) {
        element()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(value.magnitude)
    }

    /// A number as `JSONEncoder` writes a `Double`: its shortest form that reads back exactly,
    /// without a trailing `.0` (`1`, `0.25`, `1e-07`). Like `JSONEncoder`, it refuses infinity
    /// and NaN, which JSON has no way to write.
    public mutating func number(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "\(value) is not a number JSON can hold."))
        }
        element()
        // A number of thousandths (a composite as people are shown it, a count) is written from
        // that count: `description` of the double nearest k/1000 is k/1000's own digits, and
        // `description` was 3 % of a submission. Everything else, and -0, goes to `description`.
        let thousandths = (value * 1000).rounded()
        if abs(thousandths) < 1e12, thousandths / 1000 == value, value != 0 || value.sign == .plus {
            let count = Int(thousandths)
            if count < 0 { bytes.append(UInt8(ascii: "-")) }
            digits(count.magnitude / 1000)
            var fraction = count.magnitude % 1000
            if fraction > 0 {
                bytes.append(UInt8(ascii: "."))
                var width = 3
                while fraction % 10 == 0 {
                    fraction /= 10
                    width -= 1
                }
                digits(fraction, width: width)
            }
            return
        }
        let text = value.description.utf8
        bytes.append(contentsOf: text.count > 2 && text.suffix(2).elementsEqual(".0".utf8) ? text.dropLast(2) : text[...])
    }

    /// A string, quoted: the quote and the backslash escaped, the control characters written as
    /// `\b`, `\f`, `\n`, `\r`, `\t` or `\u00xx` (RFC 8259 § 7). Every other byte of a Swift
    /// string (valid UTF-8) is copied as it is.
    public mutating func string(_ text: String) {
        element()
        quoted(text)
    }

    /// Opens an object; write `key`s and values, then `close()`.
    public mutating func openObject() {
        element()
        bytes.append(UInt8(ascii: "{"))
        counts.append(0)
    }

    /// Opens an array; write values, then `close()`.
    public mutating func openArray() {
        element()
        bytes.append(UInt8(ascii: "["))
        counts.append(0)
    }

    /// Closes the innermost open object or array.
    public mutating func close(object: Bool = true) {
        counts.removeLast()
        bytes.append(UInt8(ascii: object ? "}" : "]"))
    }

    /// Writes the key of the next value of the open object.
    public mutating func key(_ name: String) {
        element()
        quoted(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// A whole object from a dictionary: its keys sorted as `JSONEncoder`'s `.sortedKeys`
    /// sorts them (by Unicode scalar, so `B` before `a`), each value written by `value`.
    public mutating func object<Value>(
        _ dictionary: [String: Value], sortedKeys: Bool = true, value: (inout JSONWriter, Value) throws -> Void
    ) rethrows {
        openObject()
        if sortedKeys {
            for (name, element) in dictionary.sorted(by: { Self.precedes($0.key, $1.key) }) {
                key(name)
                try value(&self, element)
            }
        } else {
            for (name, element) in dictionary {
                key(name)
                try value(&self, element)
            }
        }
        close()
    }

    /// Whether key `lhs` comes before `rhs` as `.sortedKeys` sorts them: by Unicode scalar.
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
    }

    /// A whole array of strings.
    public mutating func strings(_ values: [String]) {
        openArray()
        for value in values { string(value) }
        close(object: false)
    }

    /// Writes `value` in decimal, padded with zeros to `width` digits.
    private mutating func digits(_ value: UInt, width: Int = 1) {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        count = max(count, width)
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        rest = value
        var index = start + count - 1
        while rest > 0 {
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
    }

    /// Before a value: the comma that separates it from the one before, if any.
    private mutating func element() {
        if afterKey {
            afterKey = false
        } else if let last = counts.indices.last {
            if counts[last] > 0 { bytes.append(UInt8(ascii: ",")) }
            counts[last] += 1
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func quoted(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            // Most strings (item ids, options, names) need no escape: copied whole.
            guard utf8.contains(where: Self.needsEscape) else {
                bytes.append(contentsOf: utf8)
                bytes.append(UInt8(ascii: "\""))
                return
            }
            // The bytes that need no escape are copied a run at a time.
            var run = 0
            for (index, byte) in utf8.enumerated() where Self.needsEscape(byte) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                run = index + 1
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
                case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(Self.hex[Int(byte >> 4)])
                    bytes.append(Self.hex[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Whether a byte of a string is written escaped: the quote, the backslash, the controls.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
