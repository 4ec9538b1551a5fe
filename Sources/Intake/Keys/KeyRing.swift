import Crypto
import Foundation

/// The keys derived from the installation secret, one per purpose, so that no key is used for
/// two things.
public struct KeyRing: Sendable {
    // Raw bytes: swift-crypto's `SymmetricKey` is not `Sendable`.
    /// Keys the HMAC under which tokens are stored.
    private let tokenKey: Data
    /// Keys the HMAC of idempotency keys and request digests.
    private let receiptKey: Data
    /// Salts the key that seals a replayable receipt's token.
    private let receiptSealSalt: Data
    /// Seals what the citizen pages keep in the person's own browser (answers in progress, the
    /// code on the receipt for a few minutes): only this service can read or change it.
    public let pageCookieKey: Data

    /// Derives the purpose keys from the installation secret with HKDF-SHA256.
    public init(secret: SymmetricKey) {
        func derive(_ purpose: String) -> Data {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: secret, info: Data("indgang/\(purpose)/v1".utf8), outputByteCount: 32)
                .withUnsafeBytes { Data($0) }
        }
        tokenKey = derive("token")
        receiptKey = derive("receipt")
        receiptSealSalt = derive("receipt-seal")
        pageCookieKey = derive("page-cookie")
    }

    /// A key ring from fresh random bytes, for tests and in-memory runs.
    public static func ephemeral() -> KeyRing { KeyRing(secret: SymmetricKey(size: .bits256)) }

    /// The stored form of a token: HMAC-SHA256 under the token key.
    public func hash(_ token: Token) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(token.canonical.utf8), using: SymmetricKey(data: tokenKey)))
    }

    /// HMAC-SHA256 of `text` under the receipt key.
    func receiptDigest(_ text: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: receiptKey)))
    }

    /// The key that seals a receipt's token: only a client holding the idempotency key can
    /// derive it, so the database alone never reveals a token.
    func sealKey(forIdempotencyKey key: String, client: Data) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(key.utf8) + Data([0]) + client), salt: receiptSealSalt,
            info: Data("indgang/receipt-token/v1".utf8), outputByteCount: 32
        )
    }
}

/// Compares two byte strings in time that depends only on their lengths.
public func constantTimeEquals(_ lhs: Data, _ rhs: Data) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
    return difference == 0
}
