import Crypto
import Foundation
import Testing

@testable import Intake

@Test func tokenIsFiveGroupsOfFourCrockfordSymbols() {
    let formatted = Token.generate().formatted
    #expect(formatted.count == 24)
    #expect(formatted.wholeMatch(of: /[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}/) != nil)
}

@Test func tokensCarryAtLeastEightyRandomBits() {
    // 19 random symbols of 5 bits each.
    #expect(Token.randomLength * 5 >= 80)
    let tokens = Set((0..<2000).map { _ in Token.generate().canonical })
    #expect(tokens.count == 2000)
}

@Test func typingIsCaseDashAndLookAlikeInsensitive() throws {
    let token = Token.generate()
    let typed = token.formatted.lowercased().replacingOccurrences(of: "-", with: " ")
    #expect(Token(parsing: typed) == token)
    #expect(Token(parsing: token.canonical) == token)
    #expect(Token(parsing: "  \(token.formatted)  ") == token)
    let withLookAlikes = token.canonical.replacingOccurrences(of: "0", with: "O").replacingOccurrences(of: "1", with: "l")
    #expect(Token(parsing: withLookAlikes) == token)
}

@Test func everySingleWrongCharacterIsCaught() {
    for _ in 0..<20 {
        let token = Token.generate()
        for position in 0..<Token.length {
            for symbol in UInt8(0)..<32 where symbol != token.symbols[position] {
                var changed = token.symbols
                changed[position] = symbol
                let text = String(changed.map { CrockfordBase32.alphabet[Int($0)] })
                #expect(Token(parsing: text) == nil)
            }
        }
    }
}

@Test func mostSwapsOfNeighboursAreCaught() {
    var caught = 0
    var swaps = 0
    for _ in 0..<200 {
        let token = Token.generate()
        for position in 0..<(Token.length - 1) where token.symbols[position] != token.symbols[position + 1] {
            var swapped = token.symbols
            swapped.swapAt(position, position + 1)
            swaps += 1
            if Token(parsing: String(swapped.map { CrockfordBase32.alphabet[Int($0)] })) == nil { caught += 1 }
        }
    }
    #expect(Double(caught) / Double(swaps) > 0.9)
}

@Test(arguments: [
    "", "7KQ4-M2XP-9HTA-C3VW", "7KQ4-M2XP-9HTA-C3VW-8DRQ-X", "UUUU-UUUU-UUUU-UUUU-UUUU", "7KQ4-M2XP-9HTA-C3VW-8DR!",
    String(repeating: "0", count: 500),
])
func malformedTextIsNotAToken(_ text: String) {
    #expect(Token(parsing: text) == nil)
}

/// The examples of a token that people and clients read (hints, error messages, the API
/// descriptions) are tokens that would be accepted: a person who copies one to try the form is
/// told "no case with this code", not "not written correctly".
@Test func everyExampleTokenInTextsAndDocumentsIsWellFormed() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
    let files = [
        "Sources/Intake/Cases/Token.swift", "Sources/IntakeServer/Content/api.json",
        "Sources/IntakeServer/Content/pages.json", "Public/openapi/citizen-v1.yaml", "Docs/staff-api.yaml",
        "Docs/api.md", "Public/staff/js/i18n.js", "README.md",
    ]
    var examples = 0
    for file in files {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        let shaped = text.matches(of: /[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){4}/).map { String($0.output) }
        // XXXX-XXXX-XXXX-XXXX-XXXX is a placeholder for "your code", not an example.
        for example in shaped where example != "XXXX-XXXX-XXXX-XXXX-XXXX" {
            examples += 1
            #expect(Token(parsing: example) != nil, "\(file): \(example)")
        }
    }
    #expect(examples >= 10)
}

@Test func tokenDescriptionIsRedacted() {
    let token = Token.generate()
    #expect("\(token)" == "Token(redacted)")
    #expect(!String(describing: token).contains(token.canonical))
}

@Test func caseReferenceIsShortAndReadable() throws {
    let reference = CaseReference.generate()
    #expect(reference.value.wholeMatch(of: /[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}/) != nil)
    #expect(CaseReference(parsing: reference.value.lowercased()) == reference)
    #expect(CaseReference(parsing: "ABC-DE") == nil)
    #expect(CaseReference(parsing: "ABC-DEU") == nil)
}

@Test func tokenHashIsKeyedAndStable() {
    let token = Token.generate()
    let keys = KeyRing.ephemeral()
    #expect(keys.hash(token) == keys.hash(token))
    #expect(keys.hash(token).count == 32)
    #expect(KeyRing.ephemeral().hash(token) != keys.hash(token))
}

@Test func constantTimeEqualityComparesWholeValues() {
    #expect(constantTimeEquals(Data([1, 2, 3]), Data([1, 2, 3])))
    #expect(!constantTimeEquals(Data([1, 2, 3]), Data([1, 2, 4])))
    #expect(!constantTimeEquals(Data([1, 2, 3]), Data([1, 2])))
}

@Test func randomSymbolsAreUniformAtEveryPosition() {
    // 4,000 tokens' worth: each of the 20 positions (the 13th starts a new 64 bits) takes each of
    // the 32 symbols about 125 times. A uniform draw gives a chi-square near 31 (31 degrees of
    // freedom); above 100 happens by chance less than once in ten billion runs.
    let draws = (0..<4_000).map { _ in CrockfordBase32.randomSymbols(20) }
    func chiSquare(_ counts: [Int]) -> Double {
        let expected = Double(counts.reduce(0, +)) / 32
        return counts.reduce(0) { $0 + pow(Double($1) - expected, 2) / expected }
    }
    for position in 0..<20 {
        var counts = [Int](repeating: 0, count: 32)
        for draw in draws { counts[Int(draw[position])] += 1 }
        #expect(chiSquare(counts) < 100, "position \(position): \(counts)")
    }
    #expect(draws.allSatisfy { $0.count == 20 && $0.allSatisfy { $0 < 32 } })
    #expect(CrockfordBase32.randomSymbols(0).isEmpty)
}

@Test func aKeyedHMACGivesTheCodesOfHMACAndKeepsNoStateBetweenThem() async throws {
    let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    let keyed = KeyedHMAC(key: key)
    let texts = ["", "7KQ4M2XP9HTAC3VW8DRJ", "æøå – \u{0}", String(repeating: "x", count: 200)]
    func expected(_ text: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key)))
    }
    for text in texts + texts.reversed() { #expect(keyed.code(for: text) == expected(text), "\(text)") }
    // Many at once from one shared value: each works on its own copy of the keyed state.
    let codes = await withTaskGroup(of: (String, Data).self) { group in
        for round in 0..<400 {
            let text = texts[round % texts.count] + "\(round)"
            group.addTask { (text, keyed.code(for: text)) }
        }
        return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(codes.count == 400)
    for (text, code) in codes { #expect(code == expected(text)) }
}
