import Foundation
import Testing

@testable import Intake

/// RFC 6238, appendix B: the SHA-1 secret "12345678901234567890"; the codes are the last six of
/// the RFC's eight digits.
@Test(arguments: [
    (59.0, "287082"), (1_111_111_109.0, "081804"), (1_111_111_111.0, "050471"), (1_234_567_890.0, "005924"),
    (2_000_000_000.0, "279037"), (20_000_000_000.0, "353130"),
])
func theCodesAreRFC6238s(seconds: Double, code: String) {
    let step = SecondFactor.step(at: Date(timeIntervalSince1970: seconds))
    #expect(SecondFactor.code(secret: "12345678901234567890", step: step) == code)
}

@Test func aCodeCountsOneStepEitherSideAndOnlyOnce() {
    let secret = SecondFactor.makeSecret()
    let at = Date(timeIntervalSince1970: 1_790_000_000)
    let now = SecondFactor.step(at: at)
    for offset: Int64 in [-1, 0, 1] {
        #expect(
            SecondFactor.matchingStep(SecondFactor.code(secret: secret, step: now + offset), secret: secret, at: at, after: nil) == now
                + offset)
    }
    #expect(SecondFactor.matchingStep(SecondFactor.code(secret: secret, step: now + 2), secret: secret, at: at, after: nil) == nil)
    #expect(SecondFactor.matchingStep(SecondFactor.code(secret: secret, step: now - 2), secret: secret, at: at, after: nil) == nil)
    // Used once: the same step, or an earlier one, is refused.
    let code = SecondFactor.code(secret: secret, step: now)
    #expect(SecondFactor.matchingStep(code, secret: secret, at: at, after: now) == nil)
    #expect(SecondFactor.matchingStep(SecondFactor.code(secret: secret, step: now - 1), secret: secret, at: at, after: now) == nil)
    #expect(SecondFactor.matchingStep(SecondFactor.code(secret: secret, step: now + 1), secret: secret, at: at, after: now) == now + 1)
    // Spaces are fine; anything that is not six digits is no code.
    let spaced = String(code.prefix(3)) + " " + String(code.suffix(3))
    #expect(SecondFactor.matchingStep(spaced, secret: secret, at: at, after: nil) == now)
    for typed in ["", "12345", "1234567", "abcdef", "１２３４５６", "12345６", String(repeating: "1", count: 10_000)] {
        #expect(SecondFactor.matchingStep(typed, secret: secret, at: at, after: nil) == nil)
    }
}

@Test func theSecretIsTypedAndScannedTheSameWay() throws {
    let secret = SecondFactor.makeSecret()
    #expect(secret.count == 32)
    let url = SecondFactor.authenticatorURL(secret: secret, username: "mette", issuer: "Indgang Aarhus")
    #expect(url.hasPrefix("otpauth://totp/Indgang%20Aarhus:mette?secret="))
    #expect(url.contains("&issuer=Indgang%20Aarhus"))
    // The typed form is the address's secret in groups of four (RFC 4648 base 32 of the key).
    let typed = SecondFactor.typedSecret(secret)
    #expect(url.contains("secret=" + typed.replacingOccurrences(of: " ", with: "") + "&"))
    #expect(
        typed.split(separator: " ").allSatisfy { $0.count <= 4 }
            && typed.allSatisfy { $0 == " " || $0.isUppercase || ("2"..."7").contains($0) })
}

@Test func recoveryCodesCarryEightyBitsAndReadLikeTokens() {
    let codes = SecondFactor.makeRecoveryCodes()
    #expect(codes.count == 10 && Set(codes).count == 10)
    for code in codes {
        #expect(code.wholeMatch(of: /[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}/) != nil)
        let canonical = SecondFactor.canonicalRecoveryCode(code)
        #expect(canonical?.count == 16)
        // Typed in small letters, with spaces, O for 0: the same code.
        let typed = code.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "0", with: "o")
        #expect(SecondFactor.canonicalRecoveryCode(typed) == canonical)
    }
    #expect(SecondFactor.canonicalRecoveryCode("123456") == nil)
    #expect(SecondFactor.canonicalRecoveryCode("UUUU-UUUU-UUUU-UUUU") == nil)
}
