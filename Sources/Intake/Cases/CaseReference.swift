/// The short, non-secret name staff use for a case, e.g. `4HT-9QM`. It is random (30 bits),
/// unrelated to the token, and unique in the database.
public struct CaseReference: Sendable, Hashable, Codable, CustomStringConvertible {
    static let length = 6

    /// The reference as shown, with its dash.
    public let value: String

    /// A new random reference.
    public static func generate() -> CaseReference {
        CaseReference(value: CrockfordBase32.grouped(CrockfordBase32.randomSymbols(length), groupSize: 3))
    }

    /// Reads a typed reference (case-insensitive, dash optional); `nil` if malformed.
    public init?(parsing text: String) {
        guard text.utf8.count <= 64, text.count <= 16 else { return nil }
        let typed = text.filter { $0 != "-" && $0 != " " }
        let symbols = typed.compactMap(CrockfordBase32.value(of:))
        guard symbols.count == Self.length, typed.count == Self.length else { return nil }
        value = CrockfordBase32.grouped(symbols, groupSize: 3)
    }

    private init(value: String) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { value }
}
