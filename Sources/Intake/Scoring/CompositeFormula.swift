/// How one domain's composite is computed: a sum of terms, each an item's value divided by a
/// fixed divisor, exactly as the formulas of `asi-items.md` are written.
///
/// The item's value is its number, the score of its option (`fam.living_satisfied`), or the
/// number of options chosen (set items). With `complementOf`, the term is
/// `(complementOf − value) / divisor`, e.g. `(1 − days_worked/30)/4 = (30 − days_worked)/120`.
public struct CompositeFormula: Decodable, Sendable, Equatable {
    /// One term of the sum.
    public struct Term: Decodable, Sendable, Equatable {
        /// The item id.
        public let item: String
        /// What the item's value is divided by.
        public let divisor: Double
        /// When set, the value is subtracted from this first.
        public let complementOf: Double?
        /// For choice items: the number each option stands for.
        public let scores: [String: Double]?
    }

    /// The domain this formula scores.
    public let domain: Domain
    /// The terms, summed.
    public let terms: [Term]
}
