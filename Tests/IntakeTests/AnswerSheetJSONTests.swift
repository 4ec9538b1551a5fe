import Foundation
import HostileInput
import PropertyBased
import Testing

@testable import Intake

/// The sealed answers are written by `AnswerSheet.json`, not by `JSONEncoder`; Foundation's
/// decoder must read back exactly the sheet that was written, whatever the text in it.

@Test func anyAnswerSheetWrittenAsJSONReadsBackTheSame() async throws {
    await propertyCheck(count: 1_000, input: hostileText.array(of: 0...12), Gen.int(in: Int.min...Int.max)) { texts, number in
        var answers: [String: Answer] = [:]
        for (index, text) in texts.enumerated() {
            let answer: Answer =
                switch index % 4 {
                case 0: .number(number &+ index)
                case 1: .choice(text + "\"\\" + text)
                case 2: .selection(texts)
                default: .skip
                }
            answers[text + String(index)] = answer
        }
        let sheet = AnswerSheet(answers)
        #expect(try JSONDecoder().decode(AnswerSheet.self, from: sheet.json) == sheet)
        // It says what JSONEncoder says of the same sheet, value for value.
        let written = try JSONDecoder().decode(JSONValue.self, from: sheet.json)
        #expect(try written == JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(sheet)))
    }
}

@Test func quotesBackslashesAndControlCharactersAreEscapedAsTheEncoderEscapesThem() throws {
    let sheet = AnswerSheet([
        "a\"b": .choice("\\\u{0}\u{1F}\n\t\r\u{7F}"), "æøå": .selection(["🏳️‍🌈", "\u{2028}", "/"]), "n": .number(-42), "s": .skip,
        "e": .selection([]),
    ])
    let text = String(decoding: sheet.json, as: UTF8.self)
    #expect(text.contains(#""a\"b":"\\\u0000\u001f\n\t\r"#))
    #expect(text.contains("\u{7F}"))
    #expect(text.contains(#""æøå":["🏳️‍🌈","\#u{2028}","/"]"#))
    #expect(text.contains(#""n":-42"#))
    #expect(text.contains(#""s":"skip""#))
    #expect(text.contains(#""e":[]"#))
    #expect(try JSONDecoder().decode(AnswerSheet.self, from: sheet.json) == sheet)
    #expect(AnswerSheet([:]).json == Data("{}".utf8))
}

@Test func aSheetWrittenByTheOldEncoderAndByTheNewWriterReadsTheSame() throws {
    // Cases sealed before the writer hold JSONEncoder's bytes; both read as the same sheet.
    let sheet = Profiles.sheet()
    let old = try JSONEncoder().encode(sheet)
    #expect(try JSONDecoder().decode(AnswerSheet.self, from: old) == JSONDecoder().decode(AnswerSheet.self, from: sheet.json))
    #expect(try JSONDecoder().decode(AnswerSheet.self, from: sheet.json) == sheet)
}

/// What Foundation's decoder reads of `json` as a sheet, or `nil` where it reads none.
private func decodedSheet(_ json: Data) -> AnswerSheet? {
    try? JSONDecoder().decode(AnswerSheet.self, from: json)
}

@Test func theCommonReaderReadsEverySheetTheWriterWritesAsTheDecoderDoes() async throws {
    await propertyCheck(count: 1_000, input: hostileText.array(of: 0...12), Gen.int(in: -999_999...999_999)) { texts, number in
        var answers: [String: Answer] = [:]
        for (index, text) in texts.enumerated() {
            answers["item\(index)"] =
                switch index % 4 {
                case 0: .number(number &+ index)
                case 1: .choice(text)
                case 2: .selection(texts)
                default: .skip
                }
        }
        let sheet = AnswerSheet(answers)
        // Where it reads the sheet, it reads what was written; where it does not (a control
        // character written as `\u`), the decoder does, and `read` answers the same sheet.
        if let direct = AnswerSheet(commonJSON: sheet.json) { #expect(direct == sheet) }
        #expect(AnswerSheet.read(json: sheet.json) == sheet)
    }
    // A questionnaire's answers, plain text and numbers, are read without the decoder.
    let sheet = Profiles.sheet()
    #expect(AnswerSheet(commonJSON: sheet.json) == sheet)
    // A sheet sealed by the old encoder reads the same, by whichever reader reads it.
    #expect(AnswerSheet.read(json: try JSONEncoder().encode(sheet)) == sheet)
}

@Test func aDamagedSheetIsNeverReadOtherwiseThanByTheDecoder() async throws {
    let written = Array(Profiles.sheet().json)
    await propertyCheck(count: 2_000, input: Gen.int(in: 0...Int.max)) { seed in
        var generator = SeededGenerator(seed)
        var bytes = written
        for _ in 0...Int.random(in: 0...2, using: &generator) {
            let at = Int.random(in: 0..<bytes.count, using: &generator)
            let byte =
                ([0x22, 0x5C, 0x7B, 0x5D, 0x5B, 0x2C, 0x3A, 0x30, 0x2E, 0x74, 0x6E, 0x00, 0xFF] as [UInt8])
                .randomElement(using: &generator) ?? 0
            switch Int.random(in: 0...2, using: &generator) {
            case 0: bytes[at] = byte
            case 1: bytes.remove(at: at)
            default: bytes.insert(byte, at: at)
            }
        }
        let json = Data(bytes)
        if let direct = AnswerSheet(commonJSON: json) { #expect(direct == decodedSheet(json), "\(bytes)") }
        #expect(AnswerSheet.read(json: json) == decodedSheet(json))
    }
    for shape in [#"{"a":true}"#, #"{"a":null}"#, #"{"a":[1]}"#, #"{"a":{}}"#, #"{"a":1.5}"#, #"[]"#, #""x""#] {
        #expect(AnswerSheet(commonJSON: Data(shape.utf8)) == nil, "\(shape)")
        #expect(AnswerSheet.read(json: Data(shape.utf8)) == nil, "\(shape)")
    }
}
