/// What § 101a asks of the provider register, and how far it holds: at least two active providers
/// of anonymous treatment, at least one of them outside the municipality. The one statement of
/// the rule: the start-up warning, the command line and the staff API all read it.
public struct RegisterCoverage: Sendable, Equatable, Encodable {
    /// Active providers of anonymous treatment.
    public let anonymousProviders: Int
    /// Of those, the ones outside the municipality.
    public let anonymousOutsideMunicipality: Int

    /// The fewest anonymous providers § 101a accepts.
    public static let anonymousNeeded = 2
    /// The fewest of them outside the municipality.
    public static let outsideNeeded = 1

    /// The coverage of `providers` (inactive ones do not count).
    public init(_ providers: [Provider]) {
        let anonymous = providers.filter { $0.isActive && $0.isAnonymous }
        anonymousProviders = anonymous.count
        anonymousOutsideMunicipality = anonymous.filter(\.isOutsideMunicipality).count
    }

    /// Whether the register meets § 101a.
    public var meetsSection101a: Bool { gaps.isEmpty }

    /// What is missing, for the operator to read; empty when the rule holds.
    public var gaps: [String] {
        var gaps: [String] = []
        if anonymousProviders < Self.anonymousNeeded {
            gaps.append(
                "§ 101a needs at least \(Self.anonymousNeeded) providers of anonymous treatment; the register has \(anonymousProviders).")
        }
        if anonymousOutsideMunicipality < Self.outsideNeeded {
            gaps.append("§ 101a needs at least \(Self.outsideNeeded) anonymous provider outside the municipality; the register has none.")
        }
        return gaps
    }

    private enum CodingKeys: String, CodingKey {
        case anonymousProviders, anonymousOutsideMunicipality, meetsSection101a
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(anonymousProviders, forKey: .anonymousProviders)
        try container.encode(anonymousOutsideMunicipality, forKey: .anonymousOutsideMunicipality)
        try container.encode(meetsSection101a, forKey: .meetsSection101a)
    }
}
