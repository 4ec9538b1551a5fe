/// Douglas Crockford's base-32 alphabet: digits and letters without I, L, O and U, so that what
/// is read aloud or typed from a photo is hard to get wrong.
enum CrockfordBase32 {
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The value of a typed character, reading the look-alikes O as 0 and I, L as 1, in any case.
    /// Only ASCII is read: no case mapping of outside text is done (`"ß".uppercased()` is two
    /// characters, and building a `Character` from it traps), so any character is safe here.
    static func value(of character: Character) -> UInt8? {
        guard character.unicodeScalars.count == 1, let ascii = character.asciiValue else { return nil }
        return values[Int(ascii)]
    }

    /// The value of each ASCII code, both cases, with the look-alikes; `nil` for the rest.
    private static let values: [UInt8?] = (0..<128).map { code -> UInt8? in
        let upper = (0x61...0x7A).contains(code) ? code - 0x20 : code
        let canonical: UInt8 =
            switch upper {
            case 0x4F: 0x30  // O → 0
            case 0x49, 0x4C: 0x31  // I, L → 1
            default: UInt8(upper)
            }
        return alphabet.firstIndex(of: Character(Unicode.Scalar(canonical))).map(UInt8.init)
    }

    /// `count` random symbols from a cryptographically secure generator: twelve from each 64
    /// random bits (32 is a power of two, so five bits make a symbol with no bias). Drawing
    /// each symbol on its own was a `getrandom` system call each, 2 % of a submission's CPU.
    static func randomSymbols(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var symbols: [UInt8] = []
        symbols.reserveCapacity(count)
        var bits: UInt64 = 0
        var left = 0
        for _ in 0..<count {
            if left < 5 {
                bits = generator.next()
                left = 64
            }
            symbols.append(UInt8(truncatingIfNeeded: bits & 31))
            bits >>= 5
            left -= 5
        }
        return symbols
    }

    /// The Luhn mod 32 check symbol of `symbols`: catches every single wrong character and most
    /// swaps of neighbours.
    static func checkSymbol(for symbols: [UInt8]) -> UInt8 {
        var sum = 0
        for (offset, symbol) in symbols.reversed().enumerated() {
            let addend = Int(symbol) * (offset.isMultiple(of: 2) ? 2 : 1)
            sum += addend / 32 + addend % 32
        }
        return UInt8((32 - sum % 32) % 32)
    }

    /// The alphabet as ASCII bytes.
    private static let ascii: [UInt8] = alphabet.map { $0.asciiValue! }

    /// Renders symbols as text, one character each.
    static func text(_ symbols: [UInt8]) -> String {
        String(decoding: symbols.map { ascii[Int($0)] }, as: UTF8.self)
    }

    /// Renders symbols as text in dash-separated groups of `groupSize`. Written as bytes: joining
    /// `Character`s took 19,000 instructions a token, each submission shows a token and a reference.
    static func grouped(_ symbols: [UInt8], groupSize: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(symbols.count + symbols.count / groupSize)
        for (index, symbol) in symbols.enumerated() {
            if index > 0, index.isMultiple(of: groupSize) { bytes.append(UInt8(ascii: "-")) }
            bytes.append(ascii[Int(symbol)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
