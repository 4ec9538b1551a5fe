import PropertyBased

/// Characters that have broken parsers elsewhere: letters whose upper case is longer ("ß" → "SS",
/// ligatures, "ŉ"), letters that change length or meaning in other cases ("İ", "ı"), combining
/// marks, joined emoji, control characters, full-width look-alikes, and the separators and
/// look-alikes a token parser reads.
public let trickyCharacters: [String] = [
    "ß", "ﬁ", "ﬀ", "ﬃ", "ŉ", "ǰ", "ΐ", "İ", "ı", "ſ", "\u{0301}", "e\u{0301}", "\u{200D}", "👩‍👩‍👧", "🏳️‍🌈", "\u{0000}", "\r\n",
    "\u{FEFF}", "\u{202E}", "Ｋ", "０", "O", "o", "I", "l", "L", "-", " ", "\t", "\u{2011}", "\u{2212}", "%", "+", "&", "=",
    "\u{D7FF}", "\u{E000}", "\u{10FFFF}",
]

/// Arbitrary Unicode text, weighted towards what breaks parsers: up to 40 pieces, each an ASCII
/// letter or digit, a tricky character or any scalar at all.
public let hostileText = Gen<String>.oneOf(
    Gen.element(of: trickyCharacters).map { $0 ?? "" },
    Gen.letterOrNumber.map { String($0) },
    // Any code point; the surrogates, which are no scalars, stand for U+FFFD.
    Gen<UInt32>.value(in: 0...0x10FFFF).map { String(Character(Unicode.Scalar($0) ?? "\u{FFFD}")) }
)
.array(of: 0...40)
.map { $0.joined() }
