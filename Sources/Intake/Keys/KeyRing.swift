import Crypto
import Foundation

/// The keys derived from the installation secret, one per purpose, so that no key is used for
/// two things.
public struct KeyRing: Sendable {
    // Raw bytes or keyed HMACs: swift-crypto's `SymmetricKey` and `HMAC` are not `Sendable`.
    /// The HMAC under which tokens are stored.
    private let tokenHMAC: KeyedHMAC
    /// The HMAC of idempotency keys and request digests.
    private let receiptHMAC: KeyedHMAC
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
        tokenHMAC = KeyedHMAC(key: derive("token"))
        receiptHMAC = KeyedHMAC(key: derive("receipt"))
        receiptSealSalt = derive("receipt-seal")
        pageCookieKey = derive("page-cookie")
    }

    /// A key ring from fresh random bytes, for tests and in-memory runs.
    public static func ephemeral() -> KeyRing { KeyRing(secret: SymmetricKey(size: .bits256)) }

    /// The stored form of a token: HMAC-SHA256 under the token key.
    public func hash(_ token: Token) -> Data {
        tokenHMAC.code(for: token.canonical)
    }

    /// HMAC-SHA256 of `text` under the receipt key.
    func receiptDigest(_ text: String) -> Data {
        receiptHMAC.code(for: text)
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

/// HMAC-SHA256 under one key, keyed once: the key's two padded blocks are hashed when the ring
/// is made, not for every code (keying was half the cost of a token's hash, 15,000 instructions
/// of each submission and each return with a code).
///
/// `@unchecked Sendable`: `HMAC` is a value whose hash states are copied on write (swift-crypto's
/// digest keeps its state in a class it copies before changing unless it holds the only
/// reference). `keyed` is never changed; each code works on a copy, and the first change of that
/// copy copies the state, as `keyed` still refers to it. So threads share only a state that no
/// one writes.
struct KeyedHMAC: @unchecked Sendable {
    private let keyed: HMAC<SHA256>

    init(key: Data) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: key))
    }

    /// The code of `text`'s UTF-8 bytes, the same as `HMAC<SHA256>.authenticationCode(for:using:)`
    /// under the key.
    func code(for text: String) -> Data {
        var hmac = keyed
        var text = text
        text.withUTF8 { hmac.update(data: UnsafeRawBufferPointer($0)) }
        return Data(hmac.finalize())
    }
}

/// Compares two byte strings in time that depends only on their lengths.
public func constantTimeEquals(_ lhs: Data, _ rhs: Data) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
    return difference == 0
}
