/// A composite in words, for the person: how much a domain takes up in their life. The bands
/// follow the thresholds the triage rules already use for each domain (`asi-items.md`), because
/// the composites are not on one scale: thirteen drug items divide by 390, so a drug composite of
/// 0.19 is a lot where a medical one of 0.19 is little. See `Docs/scoring.md`.
public enum CompositeBand: String, Sendable, CaseIterable {
    case little
    case some
    case much

    /// The lower bounds of `some` and `much` for `domain`.
    public static func thresholds(_ domain: Domain) -> (some: Double, much: Double) {
        switch domain {
        // `treatment_need` starts at drug ≥ 0.10.
        case .drug: (0.10, 0.20)
        // The `alcohol` flag (treatment alongside) starts at 0.30.
        case .alcohol: (0.15, 0.30)
        // `other_problems` starts at 0.30, `burden` counts an area from 0.5.
        case .medical, .employment, .legal, .family, .psychiatric: (0.30, 0.50)
        }
    }

    /// The band of `value` in `domain`; `nil` when the composite is not known (a skipped item).
    /// Compared like the triage rules: `x ≥ t` as `x > t − 1e-9`.
    public static func of(_ value: Double?, in domain: Domain) -> CompositeBand? {
        guard let value else { return nil }
        let (some, much) = thresholds(domain)
        if value > much - 1e-9 { return .much }
        if value > some - 1e-9 { return .some }
        return .little
    }
}
