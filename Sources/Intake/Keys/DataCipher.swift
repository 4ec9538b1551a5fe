import Crypto
import Foundation
import Synchronization

/// Seals what must not be readable from a copy of the database file (answers, composites,
/// reasons, messages) with ChaChaPoly under the data key, which lives outside the database.
///
/// Every sealed value starts with the 4-byte id of its key, so values sealed under an earlier key
/// still open during and after a rotation. A value under an unknown key makes the cipher read the
/// key files again once (another process may have rotated the key). Every value is sealed with
/// its place (table, column, row) as associated data: moved to another row or column by someone
/// who can write the file, it no longer opens.
public final class DataCipher: Sendable {
    /// Why a sealed value cannot be opened.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unknownKey(UInt32)
        case damaged

        public var description: String {
            switch self {
            case .unknownKey(let id):
                "A value is sealed under data key \(String(id, radix: 16)), which is not in the key folder. Restore data.key.previous from the backup of the keys."
            case .damaged: "A sealed value is damaged."
            }
        }
    }

    private struct Keys: Sendable {
        var byID: [UInt32: Data]
        var currentID: UInt32
    }

    private let keys: Mutex<Keys>
    private let reload: (@Sendable () throws -> [Data])?

    /// A cipher over `keys`, sealing with the first.
    public init(keys: [Data], reload: (@Sendable () throws -> [Data])? = nil) {
        precondition(!keys.isEmpty, "a cipher needs a key")
        self.keys = Mutex(Keys(byID: Dictionary(keys.map { (Self.id(of: $0), $0) }) { first, _ in first }, currentID: Self.id(of: keys[0])))
        self.reload = reload
    }

    /// A cipher with a fresh random key, for tests and in-memory runs.
    public static func ephemeral() -> DataCipher {
        DataCipher(keys: [SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }])
    }

    /// The id of a key: the first 4 bytes of its SHA-256.
    static func id(of key: Data) -> UInt32 {
        SHA256.hash(data: key).prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The id of the key new values are sealed under.
    public var currentKeyID: UInt32 { keys.withLock { $0.currentID } }

    /// Seals without a place: only the migrations use it, for values sealed before places were.
    func seal(_ plaintext: Data) throws -> Data {
        let (id, key) = keys.withLock { ($0.currentID, $0.byID[$0.currentID] ?? Data()) }
        let box = try ChaChaPoly.seal(plaintext, using: SymmetricKey(data: key))
        return withUnsafeBytes(of: id.bigEndian) { Data($0) } + box.combined
    }

    /// Opens a value sealed without a place (before the v6 migration bound every value to one).
    func open(_ sealed: Data) throws -> Data {
        guard sealed.count > 4 + 28 else { throw Failure.damaged }
        let id = sealed.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let key = try key(id)
        guard let box = try? ChaChaPoly.SealedBox(combined: sealed.dropFirst(4)),
            let plaintext = try? ChaChaPoly.open(box, using: SymmetricKey(data: key))
        else { throw Failure.damaged }
        return plaintext
    }

    /// Seals `plaintext` bound to `place`: it opens only there.
    public func seal(_ plaintext: Data, at place: SealedPlace) throws -> Data {
        let (id, key) = keys.withLock { ($0.currentID, $0.byID[$0.currentID] ?? Data()) }
        let box = try ChaChaPoly.seal(plaintext, using: SymmetricKey(data: key), authenticating: place.associatedData)
        return withUnsafeBytes(of: id.bigEndian) { Data($0) } + box.combined
    }

    /// Opens a value sealed at `place`; `damaged` when it was sealed anywhere else.
    public func open(_ sealed: Data, at place: SealedPlace) throws -> Data {
        guard sealed.count > 4 + 28 else { throw Failure.damaged }
        let id = sealed.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let key = try key(id)
        guard let box = try? ChaChaPoly.SealedBox(combined: sealed.dropFirst(4)),
            let plaintext = try? ChaChaPoly.open(box, using: SymmetricKey(data: key), authenticating: place.associatedData)
        else { throw Failure.damaged }
        return plaintext
    }

    /// Opens a value sealed as JSON at `place`; `damaged` when what opens is not such a value.
    public func open<Value: Decodable>(json sealed: Data, as type: Value.Type, at place: SealedPlace) throws -> Value {
        let plaintext = try open(sealed, at: place)
        guard let value = try? JSONDecoder().decode(type, from: plaintext) else { throw Failure.damaged }
        return value
    }

    /// Opens the answers sealed at `place`; `damaged` when what opens is no sheet of answers.
    func open(answers sealed: Data, at place: SealedPlace) throws -> AnswerSheet {
        guard let sheet = AnswerSheet.read(json: try open(sealed, at: place)) else { throw Failure.damaged }
        return sheet
    }

    /// Seals an optional text at `place`; `nil` stays `nil`.
    func seal(text: String?, at place: SealedPlace) throws -> Data? {
        try text.map { try seal(Data($0.utf8), at: place) }
    }

    /// Opens an optional text sealed at `place`.
    func open(text sealed: Data?, at place: SealedPlace) throws -> String? {
        try sealed.map { String(decoding: try open($0, at: place), as: UTF8.self) }
    }

    private func key(_ id: UInt32) throws -> Data {
        if let key = keys.withLock({ $0.byID[id] }) { return key }
        if let reload {
            let fresh = try reload()
            keys.withLock { keys in
                for key in fresh { keys.byID[Self.id(of: key)] = key }
            }
            if let key = keys.withLock({ $0.byID[id] }) { return key }
        }
        throw Failure.unknownKey(id)
    }
}

/// Where a sealed value belongs: its table, its column and its row (a case by its reference, a
/// message by its id and its case's). Sealed as associated data.
public struct SealedPlace: Sendable, Equatable {
    let table: String
    let column: String
    let row: String

    /// A column of the case with `reference`.
    static func intakeCase(_ column: String, _ reference: CaseReference) -> SealedPlace {
        SealedPlace(table: "intakeCase", column: column, row: reference.value)
    }

    /// The body of the message with `id`, in the case with id `caseID`.
    static func messageBody(id: Int64, caseID: Int64) -> SealedPlace {
        SealedPlace(table: "message", column: "body", row: "\(id) of case \(caseID)")
    }

    /// A staff account's TOTP secret (`secondFactorSecret`, or `secondFactorPending` while it is set up).
    static func staffSecondFactor(_ column: String, userID: Int64) -> SealedPlace {
        SealedPlace(table: "staffUser", column: column, row: "\(userID)")
    }

    var associatedData: Data { Data("indgang \(table).\(column) \(row)".utf8) }
}
