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
