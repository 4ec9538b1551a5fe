import Foundation
import HostileInput
import PropertyBased
import Testing

@testable import Intake

// Every parser of outside text takes any Unicode without trapping, and what it accepts it gives
// back unchanged. A trap here would kill every listener of the process.

@Test func aTokenParserTakesAnyTextAndWhatItAcceptsReadsBack() async {
    await propertyCheck(count: 2_000, input: hostileText) { text in
        if let token = Token(parsing: text) {
            #expect(Token(parsing: token.formatted) == token)
        }
    }
}

@Test(arguments: ["ß", "ﬁ", "ŉ", "İ", "e\u{0301}", "ǰ", "ΐ"])
func lettersWhoseUpperCaseIsLongerAreNotTokenSymbols(letter: String) {
    let token = Token.generate().formatted
    #expect(Token(parsing: letter + token) == nil)
    #expect(Token(parsing: String(token.dropLast()) + letter) == nil)
    #expect(CaseReference(parsing: "AB\(letter)-123") == nil)
    #expect(CrockfordBase32.value(of: Character(letter)) == nil)
}

@Test func everyTokenReadsBackHoweverItIsTyped() async {
    let typings: [@Sendable (String) -> String] = [
        { $0 }, { $0.lowercased() }, { $0.replacingOccurrences(of: "-", with: " ") }, { $0.replacingOccurrences(of: "-", with: "") },
        { $0.replacingOccurrences(of: "0", with: "O").replacingOccurrences(of: "1", with: "l") },
    ]
    await propertyCheck(count: 300, input: Gen.int(in: 0...(typings.count - 1))) { typing in
        let token = Token.generate()
        #expect(Token(parsing: typings[typing](token.formatted)) == token)
    }
}

@Test func aCaseReferenceParserTakesAnyTextAndWhatItAcceptsReadsBack() async {
    await propertyCheck(count: 2_000, input: hostileText) { text in
        if let reference = CaseReference(parsing: text) {
            #expect(CaseReference(parsing: reference.value) == reference)
        }
    }
    let made = CaseReference.generate()
    #expect(CaseReference(parsing: made.value.lowercased()) == made)
}

@Test func dayAndTimeParsersTakeAnyTextAndAnyNumber() async {
    await propertyCheck(count: 1_000, input: hostileText) { text in
        if let day = Day(iso: text) {
            #expect(Day(iso: day.iso) == day)
        }
        _ = SlotInput.isLocalDateTime(text)
        _ = Day(iso: text + "-01")
    }
    // Any number of days moves a day without trapping; within a century (retention, deadlines)
    // the move is exact. (Foundation's calendar turns Julian before 1582, so no claim further out.)
    await propertyCheck(count: 500, input: Gen.int(in: -3_000_000...3_000_000)) { days in
        _ = Day(iso: "2026-11-22")!.adding(days: days)
    }
    await propertyCheck(count: 1_000, input: Gen.int(in: -36_500...36_500)) { days in
        let moved = Day(iso: "2026-11-22")!.adding(days: days)
        #expect(Day(iso: "2026-11-22")!.days(until: moved) == days)
    }
}

@Test func aTokenOfHugeTextIsRefusedWithoutReadingIt() {
    let combining = "A" + String(repeating: "\u{0301}", count: 100_000)
    #expect(Token(parsing: combining) == nil)
    #expect(CaseReference(parsing: combining) == nil)
}

@Test func aJSONValueIsDecodedAsTheKindItIsWrittenAs() throws {
    let text = #"{"s": "1", "i": 1, "zero": 0, "d": 1.5, "big": 1e300, "t": true, "f": false, "n": null, "a": [1, "x", [], {}], "o": {}}"#
    let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    #expect(
        value
            == .object([
                "s": .string("1"), "i": .integer(1), "zero": .integer(0), "d": .number(1.5), "big": .number(1e300), "t": .bool(true),
                "f": .bool(false), "n": .null, "a": .array([.integer(1), .string("x"), .array([]), .object([:])]), "o": .object([:]),
            ]))
}
