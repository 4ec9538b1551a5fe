import Crypto
import Foundation
import Intake
import Synchronization

/// A questionnaire's one-time submission key that also shows when the questionnaire was opened.
///
/// `GET /questionnaire` (and `GET /api/v1/questionnaire`) hands out a pass: 16 random bytes, the
/// moment it was issued and a MAC under a key that lives only in this process's memory, in
/// base64url (54 characters, a well-formed `Idempotency-Key`). A submission whose key is a pass
/// of this process, at least `minimumAge` old (a person takes minutes over 52 questions) and not
/// yet used for a stored submission draws on the `proven` share of the submission budget, which
/// a flood of submissions sent without walking the form cannot reach. Every other submission,
/// a pass too young, reused, forged or from before a restart included, draws on the `general`
/// share: a pass never stops anyone, it only decides the lane. The moment in a pass is counted
/// from the process's start on a clock that does not follow the wall clock, so it dates nothing.
final class FormPasses: Sendable {
    /// How old a pass must be to count.
    let minimumAge: Duration
    /// How old a pass may be and still count (its use is remembered by the submission's receipt,
    /// which is kept longer).
    let maximumAge: Duration
    private let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    private let origin = ContinuousClock.now
    /// Passes whose submission is being handled right now: two at once get one proven lane.
    private let inUse = Mutex<Set<String>>([])

    init(minimumAge: Duration, maximumAge: Duration = .seconds(12 * 3600)) {
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
    }

    /// A new pass, issued now.
    func issue() -> String {
        var bytes = Data((0..<16).map { _ in UInt8.random(in: .min ... .max) })
        let elapsed = (ContinuousClock.now - origin).components
        let milliseconds = UInt64(max(elapsed.seconds, 0)) * 1000 + UInt64(max(elapsed.attoseconds, 0) / 1_000_000_000_000_000)
        withUnsafeBytes(of: milliseconds.bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: mac(bytes))
        return Base64URL.encode(bytes)
    }

    /// How old `pass` is, when it is a pass of this process; `nil` for anything else.
    func age(of pass: String) -> Duration? {
        guard pass.utf8.count == 54 else { return nil }
        guard let decoded = Base64URL.decode(pass), decoded.count == 40 else { return nil }
        let bytes = Data(decoded)
        let signed = bytes.prefix(24)
        guard constantTimeEquals(Data(mac(signed)), bytes.suffix(16)) else { return nil }
        let milliseconds = signed.suffix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard milliseconds <= UInt64(Int64.max) else { return nil }
        let issued = origin + .milliseconds(Int64(milliseconds))
        let now = ContinuousClock.now
        return issued <= now ? now - issued : nil
    }

    /// Runs `submit` in the lane a submission with `key` draws on, holding the pass meanwhile.
    func withLane<T: Sendable>(for key: String?, intake: IntakeService, _ submit: (RateLimiter.Lane) async throws -> T) async throws
        -> T
    {
        guard let key, let age = age(of: key), age >= minimumAge, age <= maximumAge,
            inUse.withLock({ $0.insert(key).inserted })
        else { return try await submit(.general) }
        defer { _ = inUse.withLock { $0.remove(key) } }
        return try await submit(try await intake.wasSubmitted(idempotencyKey: key) ? .general : .proven)
    }

    private func mac(_ data: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: key)).prefix(16))
    }
}
