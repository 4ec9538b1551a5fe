import Foundation
import HostileInput
import PropertyBased
import Testing

@testable import Intake

/// `JSONWriter` writes what Foundation's `JSONEncoder` writes with `.withoutEscapingSlashes` and
/// `.sortedKeys`, byte for byte: the receipt of a submission is the public API's answer, and its bytes must not
/// change because the writer did.

/// A JSON value of any kind, encoded by `JSONEncoder` and written by `JSONWriter`.
private indirect enum Tree: Encodable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([Tree])
    case object([String: Tree])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }

    func write(to writer: inout JSONWriter, sortedKeys: Bool) throws {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .integer(let value): writer.integer(value)
        case .number(let value): try writer.number(value)
        case .string(let value): writer.string(value)
        case .array(let values):
            writer.openArray()
            for value in values { try value.write(to: &writer, sortedKeys: sortedKeys) }
            writer.close(object: false)
        case .object(let members):
            try writer.object(members, sortedKeys: sortedKeys) { writer, value in try value.write(to: &writer, sortedKeys: sortedKeys) }
        }
    }
}

/// A finite `Double` of any magnitude: any bit pattern, a composite rounded to 3 decimals, a
/// whole number, or one near the edges where `description` changes form.
private func randomNumber(_ generator: inout SeededGenerator) -> Double {
    switch Int.random(in: 0...5, using: &generator) {
    case 0:
        let value = Double(bitPattern: generator.next())
        return value.isFinite ? value : 0.5
    case 1: return (Double.random(in: 0...1, using: &generator) * 1000).rounded() / 1000
    case 2: return Double(Int.random(in: -1_000_000...1_000_000, using: &generator))
    case 3:
        let edges = [
            0.0, -0.0, 1e15, 1e16, 9_007_199_254_740_992, 1e-4, 1e-5, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -1.5, 0.05, -0.001,
            0.001, 123_456.789, 999_999_999.999, 0.1 + 0.2, 1e-3 + 1e-19,
        ]
        return edges.randomElement(using: &generator)!
    case 4: return Double.random(in: -1e20...1e20, using: &generator)
    default: return Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -30...30, using: &generator)))
    }
}

/// Text from the pieces that have broken JSON writers: quotes, backslashes, slashes, every
/// control character, separators JavaScript reads as line ends, and any scalar at all.
private func randomText(_ generator: inout SeededGenerator) -> String {
    let pieces = trickyCharacters + ["\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{2029}", "a", "B", "_", "Æ", "🙂", "0"]
    var text = ""
    for _ in 0..<Int.random(in: 0...6, using: &generator) {
        switch Int.random(in: 0...2, using: &generator) {
        case 0: text += pieces.randomElement(using: &generator)!
        case 1: text.unicodeScalars.append(Unicode.Scalar(UInt8.random(in: 0...0x7F, using: &generator)))
        default: text.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &generator)) ?? "\u{FFFD}")
        }
    }
    return text
}

private func randomTree(_ generator: inout SeededGenerator, depth: Int = 0) -> Tree {
    switch Int.random(in: 0...(depth < 3 ? 7 : 5), using: &generator) {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &generator))
    case 2: return .integer(Int.random(in: Int.min...Int.max, using: &generator))
    case 3: return .number(randomNumber(&generator))
    case 4, 5: return .string(randomText(&generator))
    case 6: return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in randomTree(&generator, depth: depth + 1) })
    default:
        var members: [String: Tree] = [:]
        for _ in 0..<Int.random(in: 0...6, using: &generator) { members[randomText(&generator)] = randomTree(&generator, depth: depth + 1) }
        return .object(members)
    }
}

private func encoded(_ tree: Tree, sortedKeys: Bool) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = sortedKeys ? [.sortedKeys, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
    return Array(try encoder.encode(tree))
}

private func written(_ tree: Tree, sortedKeys: Bool) throws -> [UInt8] {
    var writer = JSONWriter()
    try tree.write(to: &writer, sortedKeys: sortedKeys)
    return writer.bytes
}

@Test func anyValueIsWrittenAsJSONEncoderWritesIt() async {
    await propertyCheck(count: 3_000, input: Gen.int(in: 0...Int.max)) { seed in
        do {
            var generator = SeededGenerator(seed)
            let tree = randomTree(&generator)
            #expect(try written(tree, sortedKeys: true) == encoded(tree, sortedKeys: true))
            // Unsorted, the encoder writes the keys in an order of its own; the values are the same.
            let unsorted = try JSONDecoder().decode(JSONValue.self, from: Data(written(tree, sortedKeys: false)))
            #expect(try unsorted == JSONDecoder().decode(JSONValue.self, from: Data(encoded(tree, sortedKeys: false))))
        } catch {
            Issue.record(error)
        }
    }
}

@Test func numbersAndEscapesAreWrittenAsTheEncoderWritesThem() throws {
    let tree = Tree.object([
        "numbers": .array([0.0, -0.0, 1, 0.1, 1e-7, 1e15, 1e16, 1e22, 123.456, .leastNonzeroMagnitude].map(Tree.number)),
        "text": .string("a\"b\\c/d\u{8}\u{C}\n\r\t\u{1}\u{1F}\u{7F}é\u{2028}😀"),
        "B": .null, "a": .bool(true), "_": .integer(-42), "a10": .array([]), "a2": .object([:]),
    ])
    let text = String(decoding: try written(tree, sortedKeys: true), as: UTF8.self)
    #expect(
        text == #"{"B":null,"_":-42,"a":true,"a10":[],"a2":{},"numbers":[0,-0,1,0.1,1e-07,1000000000000000,1e+16,1e+22,123.456,5e-324],"#
            + #""text":"a\"b\\c/d\b\f\n\r\t\u0001\u001f"# + "\u{7F}é\u{2028}😀\"}")
    #expect(try written(tree, sortedKeys: true) == encoded(tree, sortedKeys: true))
}

@Test func infinityAndNaNAreRefusedAsTheEncoderRefusesThem() {
    for value in [Double.infinity, -.infinity, .nan] {
        #expect(throws: EncodingError.self) { try encoded(.number(value), sortedKeys: true) }
        #expect(throws: EncodingError.self) { try written(.number(value), sortedKeys: true) }
    }
}

@Test func compositesAndReasonsAreWrittenAsTheEncoderWritesThem() async {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    await propertyCheck(count: 1_000, input: Gen.int(in: 0...Int.max)) { seed in
        do {
            var generator = SeededGenerator(seed)
            var composites = Composites()
            for domain in Domain.allCases where Bool.random(using: &generator) { composites[domain] = randomNumber(&generator) }
            let reasons = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                var values: [String: Reason.Value] = [:]
                for _ in 0..<Int.random(in: 0...4, using: &generator) {
                    values[randomText(&generator)] =
                        switch Int.random(in: 0...3, using: &generator) {
                        case 0: .number(randomNumber(&generator))
                        case 1: .text(randomText(&generator))
                        case 2: .list((0..<Int.random(in: 0...3, using: &generator)).map { _ in randomText(&generator) })
                        default: .unknown
                        }
                }
                return Reason(rule: randomText(&generator), values: values)
            }
            #expect(try Array(composites.json) == Array(encoder.encode(composites)))
            #expect(try Array(Reason.json(reasons)) == Array(encoder.encode(reasons)))
            // And what is sealed reads back as it was.
            #expect(try JSONDecoder().decode(Composites.self, from: composites.json) == composites)
            #expect(try JSONDecoder().decode([Reason].self, from: Reason.json(reasons)) == reasons)
        } catch {
            Issue.record(error)
        }
    }
}
