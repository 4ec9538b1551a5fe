import Foundation
import HostileInput
import PropertyBased
import Testing

@testable import Intake

/// `JSONValue(commonJSON:)` reads the common shape of JSON itself and leaves the rest to
/// Foundation's `JSONDecoder`. What it reads must be what the decoder reads, for any bytes at all.

/// Foundation's reading of `bytes`, or `nil` where it refuses them.
private func decoded(_ bytes: [UInt8]) -> JSONValue? {
    try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
}

/// The property: whatever the direct reader reads, the decoder reads the same.
private func agrees(_ bytes: [UInt8]) -> Bool {
    guard let direct = JSONValue(commonJSON: bytes) else { return true }
    return decoded(bytes) == direct
}

/// Random JSON text, from a seed: values nested up to four deep, strings from hostile pieces and
/// the characters JSON escapes, whitespace between the tokens. `plain` tells whether every string
/// could be written with the short escapes only (what the direct reader must then read itself).
private func randomJSON(_ seed: Int) -> (text: String, plain: Bool) {
    var generator = SeededGenerator(seed)
    var plain = true
    let pieces = trickyCharacters + ["\"", "\\", "/", "\n", "\t", "\r", "\u{8}", "\u{C}", "\u{1}", "\u{1F}", "a", "Æ", "🙂", "skip"]
    func space() -> String { ["", " ", "\n", "\t", "\r\n  "].randomElement(using: &generator) ?? "" }
    func string() -> String {
        var out = "\""
        for _ in 0..<Int.random(in: 0...6, using: &generator) {
            for scalar in (pieces.randomElement(using: &generator) ?? "").unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "/": out += Bool.random(using: &generator) ? "\\/" : "/"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                case "\u{8}": out += "\\b"
                case "\u{C}": out += "\\f"
                case "\u{0}"..."\u{1F}":
                    plain = false
                    out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
    func value(_ depth: Int) -> String {
        switch Int.random(in: 0...(depth < 4 ? 7 : 4), using: &generator) {
        case 0: return "null"
        case 1: return Bool.random(using: &generator) ? "true" : "false"
        case 2: return String(Int.random(in: -99_999_999_999_999_999...99_999_999_999_999_999, using: &generator))
        case 3, 4: return string()
        case 5:
            return "["
                + (0..<Int.random(in: 0...4, using: &generator)).map { _ in space() + value(depth + 1) + space() }.joined(separator: ",")
                + "]"
        default:
            let members = (0..<Int.random(in: 0...5, using: &generator)).map { index in
                // The index keeps the keys apart: a key given twice is the decoder's to read.
                space() + String(string().dropLast()) + "\(index)\"" + space() + ":" + space() + value(depth + 1) + space()
            }
            return "{" + members.joined(separator: ",") + "}"
        }
    }
    let text = space() + value(0) + space()
    return (text, plain)
}

@Test func randomJSONIsReadAsTheDecoderReadsIt() async {
    await propertyCheck(count: 2_000, input: Gen.int(in: 0...Int.max)) { seed in
        let (text, plain) = randomJSON(seed)
        let bytes = Array(text.utf8)
        let direct = JSONValue(commonJSON: bytes)
        #expect(agrees(bytes), "\(text)")
        #expect(decoded(bytes) != nil, "not JSON: \(text)")
        if plain { #expect(direct != nil, "left to the decoder: \(text)") }
    }
}

@Test func brokenJSONIsNeverReadDifferently() async {
    // Valid JSON with a few bytes replaced, inserted or taken out.
    await propertyCheck(count: 3_000, input: Gen.int(in: 0...Int.max)) { seed in
        var generator = SeededGenerator(seed)
        var bytes = Array(randomJSON(seed).text.utf8)
        for _ in 0...Int.random(in: 0...2, using: &generator) {
            let at = Int.random(in: 0...bytes.count, using: &generator)
            let byte: UInt8 =
                ([
                    UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "]"), 0x2C, 0x3A, 0x30, 0x2D, 0x2E, 0x65, 0x00,
                    0xC3, 0xFF,
                ] as [UInt8])
                .randomElement(using: &generator) ?? 0
            switch Int.random(in: 0...2, using: &generator) {
            case 0 where at < bytes.count: bytes[at] = byte
            case 1 where at < bytes.count: bytes.remove(at: at)
            default: bytes.insert(byte, at: at)
            }
        }
        #expect(agrees(bytes), "\(bytes)")
    }
    await propertyCheck(count: 2_000, input: hostileText) { text in
        #expect(agrees(Array(text.utf8)))
        #expect(agrees(Array(("{\"a\":\"" + text + "\"}").utf8)))
    }
}

@Test(arguments: [
    "1.0", "-0", "1e2", "1E2", "0.5", "\"\\u0041\"", "{\"a\":1,\"a\":2}", "{\"é\":1,\"e\u{301}\":2}", "01", "-01", "--1", "-", "[1,]",
    "{,}", "{\"a\"}", "{\"a\":}", "[", "]", "", " ", "\u{FEFF}{}", "nul", "truee", "\"\\x\"", "\"a", "1234567890123456789",
    "9223372036854775807", "-9223372036854775808", "[1]x", "\"\t\"", String(repeating: "[", count: 34) + String(repeating: "]", count: 34),
])
func edgesAreLeftToTheDecoder(text: String) {
    let bytes = Array(text.utf8)
    #expect(JSONValue(commonJSON: bytes) == nil)
    #expect(agrees(bytes))
}

@Test func invalidUTF8AndTheDeepestNestingItReads() {
    #expect(JSONValue(commonJSON: [0x22, 0xFF, 0x22]) == nil)
    #expect(JSONValue(commonJSON: [0x22, 0xC3, 0x22]) == nil)
    let nested = { (depth: Int) in Array((String(repeating: "[", count: depth) + "7" + String(repeating: "]", count: depth)).utf8) }
    #expect(JSONValue(commonJSON: nested(32)) != nil)
    #expect(agrees(nested(32)))
    #expect(JSONValue(commonJSON: nested(33)) == nil)
    #expect(JSONValue(commonJSON: Array("123456789012345678".utf8)) == .integer(123_456_789_012_345_678))
    #expect(
        JSONValue(commonJSON: Array(" {\"a\" : [ -7 , true,false , null ,\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"] } ".utf8))
            == .object(["a": .array([.integer(-7), .bool(true), .bool(false), .null, .string("\"\\/\u{8}\u{C}\n\r\t")])]))
}

@Test func theExampleSubmissionIsReadDirectlyAndAsTheDecoderReadsIt() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs/examples/submission.json")
    let bytes = try [UInt8](Data(contentsOf: url))
    let direct = try #require(JSONValue(commonJSON: bytes))
    #expect(direct == decoded(bytes))
}
