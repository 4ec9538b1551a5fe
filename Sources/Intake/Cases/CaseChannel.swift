import GRDB

/// The door a case came in through (seed 003: digital, in person, the street team; § 101a stk. 3:
/// website or telephone).
public enum CaseChannel: String, Codable, Sendable, CaseIterable {
    /// The person filled in the web form themselves.
    case web
    /// A counsellor entered the answers during an anonymous call.
    case phone
    /// A counsellor entered the answers with a person who came in without an appointment.
    case walkIn = "walk_in"
    /// An outreach worker: the person answered on the team's device, or the worker entered the answers.
    case street
}

extension CaseChannel: DatabaseValueConvertible {}
