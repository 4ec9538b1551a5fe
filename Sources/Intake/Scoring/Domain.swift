/// The seven ASI problem areas, each scored as a composite between 0 and 1.
public enum Domain: String, Codable, Sendable, CaseIterable, CodingKey {
    case medical
    case employment
    case alcohol
    case drug
    case legal
    case family
    case psychiatric
}
