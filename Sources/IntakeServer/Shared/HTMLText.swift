import NIOCore

/// Text made safe for HTML, one Unicode scalar at a time.
///
/// Mustache's `{{value}}` escapes by `Character`, so a quote followed by a combining mark
/// (`"\u{301}`) is one character it does not know and is written as it is: in an attribute
/// value that ends the value early. What a person typed and is shown back in an attribute (a
/// number, a code) is escaped here instead and written with `{{{value}}}`.
enum HTMLText {
    /// `text` with `<`, `>`, `&`, `"` and `'` as entities.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: isSpecial) else { return text }
        var escaped = ""
        escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 16)
        for scalar in text.unicodeScalars {
            if let entity = entity(scalar) { escaped += entity } else { escaped.unicodeScalars.append(scalar) }
        }
        return escaped
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }

    private static func entity(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "<": "&lt;"
        case ">": "&gt;"
        case "&": "&amp;"
        case "\"": "&quot;"
        case "'": "&#39;"
        default: nil
        }
    }
}

extension ByteBuffer {
    /// Writes `text` escaped for HTML (`HTMLText`).
    mutating func writeHTMLEscaped(_ text: String) {
        writeString(HTMLText.escaped(text))
    }
}
