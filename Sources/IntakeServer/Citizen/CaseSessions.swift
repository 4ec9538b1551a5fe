import Crypto
import Foundation

/// The short sessions of the case pages: after the person typed their code once, a random id in
/// an HttpOnly, SameSite=Strict cookie opens their case for as long as they keep using it (15
/// minutes idle at most) or until they log out. Held only in memory: the id says nothing about
/// the code, and neither is written to disk or a log. A restart ends every session (the person
/// types the code again).
actor CaseSessions {
    /// What the case page shows once, after a change: a notice, or a refusal with what was typed.
    struct Flash: Sendable {
        /// A page text key.
        var notice: String?
        /// A refusal, in words, and the field it is about.
        var error: String?
        var errorTarget: String?
        /// The message as typed, when it was held back.
        var draft: String?
        var offerSendAnyway = false
    }

    private struct Session {
        let caseID: Int64
        var lastUsed: ContinuousClock.Instant
        var flash: Flash?
        /// The person's own code, chosen in place of one handed out by staff, shown on every
        /// case page of the session until they say they have kept it.
        var newCode: String?
    }

    /// How long a session lasts without being used.
    nonisolated let idleTimeout: Duration
    /// The most sessions kept; beyond, the longest unused ones end first.
    let capacity: Int
    private var sessions: [String: Session] = [:]
    private let clock = ContinuousClock()

    init(idleTimeout: Duration = .seconds(15 * 60), capacity: Int = 20_000) {
        self.idleTimeout = idleTimeout
        self.capacity = max(1, capacity)
    }

    /// A new session for the case with `caseID`; returns its id for the cookie.
    func open(caseID: Int64) -> String {
        let now = clock.now
        if sessions.count >= capacity {
            sessions = sessions.filter { now - $0.value.lastUsed < idleTimeout }
            if sessions.count >= capacity, let oldest = sessions.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
                sessions[oldest] = nil
            }
        }
        let id = SymmetricKey(size: .bits128).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
        sessions[id] = Session(caseID: caseID, lastUsed: now)
        return id
    }

    /// The case of the session `id`, which counts as used now; `nil` when there is no such
    /// session or it was left unused too long (then it ends).
    func caseID(for id: String?) -> Int64? {
        guard let id, id.utf8.count == 32, var session = sessions[id] else { return nil }
        let now = clock.now
        guard now - session.lastUsed < idleTimeout else {
            sessions[id] = nil
            return nil
        }
        session.lastUsed = now
        sessions[id] = session
        return session.caseID
    }

    /// Keeps `flash` for the next showing of the case page.
    func setFlash(_ flash: Flash, for id: String) {
        sessions[id]?.flash = flash
    }

    /// The flash kept for the session, once.
    func takeFlash(for id: String) -> Flash? {
        defer { sessions[id]?.flash = nil }
        return sessions[id]?.flash
    }

    /// Keeps the person's new code in the session (memory only) until `keptNewCode`.
    func setNewCode(_ code: String, for id: String) {
        sessions[id]?.newCode = code
    }

    /// The new code to show, if the person has not yet said they kept it.
    func newCode(for id: String) -> String? { sessions[id]?.newCode }

    /// The person has written the new code down: it is no longer shown.
    func keptNewCode(for id: String) {
        sessions[id]?.newCode = nil
    }

    /// Ends the session `id`.
    func close(_ id: String?) {
        guard let id else { return }
        sessions[id] = nil
    }

    /// How many sessions are open (for tests).
    var count: Int { sessions.count }
}
