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

extension Domain {
    /// The place of the domain in `allCases`.
    var index: Int {
        switch self {
        case .medical: 0
        case .employment: 1
        case .alcohol: 2
        case .drug: 3
        case .legal: 4
        case .family: 5
        case .psychiatric: 6
        }
    }
}
