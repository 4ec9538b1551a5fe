/// The suggested way into treatment.
public enum Track: String, Codable, Sendable, CaseIterable {
    /// Anonymous ambulant treatment (Serviceloven § 101a).
    case anonymous
    /// Ambulant treatment (§ 101), including counselling as a first step.
    case ambulant
    /// § 101 delivered where the person is, for the most vulnerable.
    case outreach
}
