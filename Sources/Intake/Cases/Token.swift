/// The citizen's only key to their case: 95 random bits in 19 Crockford base-32 symbols plus a
/// check symbol, shown as `7KQ4-M2XP-9HTA-C3VW-8DRJ`. Typing is case- and dash-insensitive, and
/// the check symbol tells a mistyped token apart from an unknown one.
///
/// The token never appears in logs: `description` is redacted. Only `formatted` reveals it.
public struct Token: Sendable, Equatable, CustomStringConvertible {
    static let randomLength = 19
    static let length = randomLength + 1

    /// The 20 symbols, check symbol last.
    let symbols: [UInt8]

    /// A new token from the system's cryptographically secure generator.
    public static func generate() -> Token {
        let random = CrockfordBase32.randomSymbols(randomLength)
        return Token(symbols: random + [CrockfordBase32.checkSymbol(for: random)])
    }

    /// Reads a typed token. Spaces and dashes are ignored, case does not matter, and O, I, L are
    /// read as 0, 1, 1. Returns `nil` for anything that is not a well-formed token.
    public init?(parsing text: String) {
        // Bounded in bytes before anything else: combining marks make a short count of characters long.
        guard text.utf8.count <= 256, text.count <= 64 else { return nil }
        let separators: Set<Character> = [" ", "-", "\u{2010}", "\u{2011}", "\u{2013}", "\u{2014}", "\u{2212}", "\t"]
        var symbols: [UInt8] = []
        for character in text where !separators.contains(character) {
            guard let value = CrockfordBase32.value(of: character) else { return nil }
            symbols.append(value)
        }
        guard symbols.count == Self.length,
            CrockfordBase32.checkSymbol(for: Array(symbols.dropLast())) == symbols.last
        else { return nil }
        self.symbols = symbols
    }

    init(symbols: [UInt8]) {
        self.symbols = symbols
    }

    /// The token for people: five groups of four, e.g. `7KQ4-M2XP-9HTA-C3VW-8DRJ`.
    public var formatted: String { CrockfordBase32.grouped(symbols, groupSize: 4) }

    /// The canonical form that is hashed: 20 upper-case symbols, no dashes.
    var canonical: String { CrockfordBase32.text(symbols) }

    /// Redacted, so that a token interpolated into a log line by mistake reveals nothing.
    public var description: String { "Token(redacted)" }
}
