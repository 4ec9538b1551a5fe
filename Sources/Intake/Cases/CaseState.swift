/// Where a case is in its life. Submitted cases start as `new`, waiting in the staff queue.
public enum CaseState: String, Codable, Sendable, CaseIterable {
    /// Submitted and waiting for a counsellor.
    case new
}
