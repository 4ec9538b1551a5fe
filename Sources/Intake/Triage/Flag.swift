/// A signal staff must see, raised alongside the track; it never replaces it.
public enum Flag: String, Codable, Sendable, CaseIterable {
    /// Acute risk: show emergency help at once; top of the queue.
    case crisis
    /// Under 18: never the anonymous track; youth services decide.
    case under18
    /// Children under 18 at home: family-oriented offer; staff's duty to notify applies.
    case children
    /// Alcohol treatment alongside.
    case alcohol
    /// Psychiatric burden high enough to think of dual diagnosis.
    case dualDiagnosis = "dual_diagnosis"
    /// Injected in the last 30 days.
    case injecting
    /// No clear treatment need: counselling is the first step.
    case lowNeed = "low_need"
    /// Answered by a relative.
    case relative
    /// One or more composites could not be computed.
    case incomplete
}
