import Crypto
import Foundation
import HummingbirdOTP

/// The second factor of a staff login: a TOTP code (RFC 6238: HMAC-SHA1, 6 digits, 30-second
/// steps, the authenticator apps' defaults) from a secret the person's app holds, or one of ten
/// single-use recovery codes. A code is accepted one step either side of now (clock drift), and
/// only once: a step at or before the last one used is refused.
public enum SecondFactor {
    /// The seconds a code lasts.
    static let stepSeconds = 30
    /// The steps either side of now a code may come from.
    static let drift: Int64 = 1
    /// How many recovery codes an account gets.
    public static let recoveryCodeCount = 10

    /// A new secret: 32 Crockford base-32 symbols, 160 random bits. The app is given the bytes of
    /// this text (in the otpauth URL, base 32 encoded again), so the text is the key.
    static func makeSecret() -> String {
        String(CrockfordBase32.randomSymbols(32).map { CrockfordBase32.alphabet[Int($0)] })
    }

    /// The time step `at` falls in.
    static func step(at: Date) -> Int64 { Int64((at.timeIntervalSince1970 / Double(stepSeconds)).rounded(.down)) }

    /// The code of `secret` for `step`, six digits.
    static func code(secret: String, step: Int64) -> String {
        let value = TOTP(secret: secret).compute(date: Date(timeIntervalSince1970: Double(step) * Double(stepSeconds)))
        return String(format: "%06d", value)
    }

    /// The step whose code is `typed` (spaces ignored), within the drift of `at` and after
    /// `lastUsed`; `nil` when there is none. Every candidate is compared in full, in constant time.
    static func matchingStep(_ typed: String, secret: String, at: Date, after lastUsed: Int64?) -> Int64? {
        let digits = typed.filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        let now = step(at: at)
        var found: Int64?
        for candidate in (now - drift)...(now + drift) {
            let matches = constantTimeEqual(Array(code(secret: secret, step: candidate).utf8), Array(digits.utf8))
            if matches, candidate > (lastUsed ?? Int64.min), found == nil { found = candidate }
        }
        return found
    }

    /// The address an authenticator app reads (from the QR code or typed): issuer and account.
    static func authenticatorURL(secret: String, username: String, issuer: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "\(issuer):\(username)", issuer: issuer)
    }

    /// The secret as a person types it into an app: the base 32 of its bytes, in groups of four.
    static func typedSecret(_ secret: String) -> String {
        let url = TOTP(secret: secret).createAuthenticatorURL(label: "x")
        let encoded = url.split(separator: "secret=").last.map { String($0.prefix { $0 != "&" }) } ?? ""
        return stride(from: 0, to: encoded.count, by: 4).map { start in
            let from = encoded.index(encoded.startIndex, offsetBy: start)
            return String(encoded[from..<(encoded.index(from, offsetBy: 4, limitedBy: encoded.endIndex) ?? encoded.endIndex)])
        }.joined(separator: " ")
    }

    /// Ten new recovery codes: 16 Crockford base-32 symbols each (80 random bits), in groups of four.
    static func makeRecoveryCodes() -> [String] {
        (0..<recoveryCodeCount).map { _ in CrockfordBase32.grouped(CrockfordBase32.randomSymbols(16), groupSize: 4) }
    }

    /// A recovery code as stored: its symbols without dashes or spaces, upper case, read the
    /// Crockford way (O as 0, I and L as 1); `nil` when it cannot be one.
    static func canonicalRecoveryCode(_ typed: String) -> String? {
        let symbols = typed.filter { $0 != "-" && !$0.isWhitespace }.map { CrockfordBase32.value(of: $0) }
        guard symbols.count == 16, symbols.allSatisfy({ $0 != nil }) else { return nil }
        return String(symbols.compactMap { $0 }.map { CrockfordBase32.alphabet[Int($0)] })
    }

    static func hash(recoveryCode canonical: String) -> Data { Data(SHA256.hash(data: Data("recovery \(canonical)".utf8))) }

    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// What the person needs to set up their app: the secret as text and the address for the QR code.
public struct SecondFactorSetup: Sendable {
    /// The secret to type into the app, in groups of four.
    public let typedSecret: String
    /// The `otpauth://` address the QR code holds.
    public let authenticatorURL: String
}
