import Crypto
import Foundation
import Hummingbird
import Intake

/// Values the citizen pages keep in the person's own browser, sealed (ChaChaPoly under a key
/// derived from the installation secret, the purpose as associated data), so the browser holds
/// only bytes it can neither read nor change, and nothing of it is kept on the server.
struct SealedCookies: Sendable {
    /// What a sealed cookie is for; each has its own name and associated data.
    enum Purpose: String, Sendable {
        /// The questionnaire in progress (`QuestionnaireDraft`).
        case draft
        /// The note of the check page, when sending held it back (`NoteDraft`).
        case note
        /// The code on the receipt, for a few minutes (`ReceiptCookie`).
        case receipt
        /// Why a typed code did not open a case, with what was typed, for the next showing of
        /// the code form (a minute).
        case tokenForm
    }

    /// The most a sealed cookie may take: browsers keep 4,096 bytes per cookie.
    static let maximumLength = 4_000
    private let sealing: SealingKey
    private let isSecure: Bool

    /// The key, made once (each `SymmetricKey(data:)` copies the bytes into fresh secure
    /// memory). `SymmetricKey` is not marked `Sendable`, but nothing changes it once made.
    private final class SealingKey: @unchecked Sendable {
        let key: SymmetricKey
        init(_ data: Data) { key = SymmetricKey(data: data) }
    }

    init(keys: KeyRing, isSecure: Bool) {
        sealing = SealingKey(keys.pageCookieKey)
        self.isSecure = isSecure
    }

    /// The cookie's name: `__Host-` behind HTTPS, so no other site or path can set it.
    func name(_ purpose: Purpose) -> String { (isSecure ? "__Host-indgang_" : "indgang_") + purpose.rawValue }

    /// `value` sealed as a cookie that lives `maxAge` seconds (`nil`: until the browser closes);
    /// `nil` when it would be too long.
    func cookie<Value: SealedValue>(_ value: Value, _ purpose: Purpose, maxAge: Int?) -> Cookie? {
        guard let plain = value.sealedBytes(),
            let box = try? ChaChaPoly.seal(plain, using: sealing.key, authenticating: Data(purpose.rawValue.utf8))
        else { return nil }
        let text = Base64URL.encode(box.combined)
        guard text.utf8.count <= Self.maximumLength else { return nil }
        return Cookie(name: name(purpose), value: text, maxAge: maxAge, path: "/", secure: isSecure, httpOnly: true, sameSite: .strict)
    }

    /// `value` sealed for `page`: for `maxAge` seconds, or, in an assisted session, only until the
    /// browser closes or the device is handed back (nothing outlives the session on a device
    /// that is not the person's). Empty when it would be too long.
    func cookies<Value: SealedValue>(_ value: Value, _ purpose: Purpose, maxAge: Int, for page: PageRequest) -> [Cookie] {
        cookie(value, purpose, maxAge: page.isAssisted ? nil : maxAge).map { [$0] } ?? []
    }

    /// A cookie that makes the browser forget `purpose`'s.
    func removal(_ purpose: Purpose) -> Cookie {
        Cookie(name: name(purpose), value: "", maxAge: 0, path: "/", secure: isSecure, httpOnly: true, sameSite: .strict)
    }

    /// Cookies that make the browser forget every sealed value: the answers in progress, the
    /// note, the receipt, a typed code.
    var removals: [Cookie] { [removal(.draft), removal(.note), removal(.receipt), removal(.tokenForm)] }

    /// The value sealed in the request's cookie; `nil` when there is none, or it was not sealed
    /// by this service for `purpose` (changed, forged, too long, another installation's).
    func value<Value: SealedValue>(_ type: Value.Type, _ purpose: Purpose, in request: Request) -> Value? {
        guard let text = request.cookie(name(purpose)), !text.isEmpty, text.utf8.count <= Self.maximumLength,
            let sealed = Base64URL.decode(text), let box = try? ChaChaPoly.SealedBox(combined: sealed),
            let plain = try? ChaChaPoly.open(box, using: sealing.key, authenticating: Data(purpose.rawValue.utf8))
        else { return nil }
        return Value(sealedBytes: plain)
    }
}

/// A value a sealed cookie holds: as JSON, unless the type has a shorter form of its own
/// (`QuestionnaireDraft`, read on every step).
protocol SealedValue: Codable, Sendable {
    /// The bytes to seal; `nil` when the value cannot be written.
    func sealedBytes() -> Data?
    /// The value of bytes that were sealed; `nil` when they are not one.
    init?(sealedBytes: Data)
}

extension SealedValue {
    func sealedBytes() -> Data? { try? JSONEncoder().encode(self) }

    init?(sealedBytes: Data) {
        guard let value = try? JSONDecoder().decode(Self.self, from: sealedBytes) else { return nil }
        self = value
    }
}
