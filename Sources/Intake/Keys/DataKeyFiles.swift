import Foundation

/// The data key files of a data folder: `data.key` (seals new values), `data.key.previous` (the
/// key before the last rotation, still needed by older backups) and `data.key.next` (a rotation
/// in progress). All are 32 random bytes with mode 0600, kept out of the database on purpose: a
/// copy of the database file alone reveals no answers.
public enum DataKeyFiles {
    static let current = "data.key"
    static let previous = "data.key.previous"
    static let next = "data.key.next"

    /// The cipher of a data folder, creating `data.key` on first run. It seals under `data.key`
    /// and opens under any key present; it reads the files again if it meets an unknown key.
    public static func cipher(folder: String) throws -> DataCipher {
        _ = try SecretKeyFile.loadOrCreate(at: path(folder, current))
        let keys = try keys(folder)
        return DataCipher(keys: keys) { try Self.keys(folder) }
    }

    /// The keys present, `data.key` first.
    static func keys(_ folder: String) throws -> [Data] {
        try [current, next, previous].compactMap { name in
            let file = path(folder, name)
            guard FileManager.default.fileExists(atPath: file) else { return nil }
            return try SecretKeyFile.load(at: file).withUnsafeBytes { Data($0) }
        }
    }

    /// Seals every sealed value again under a new key, then makes it `data.key` and keeps the old
    /// one as `data.key.previous`. Safe to repeat after a crash: every key present still opens.
    ///
    /// Refused while a service holds the folder (`ServiceLock`): it would go on sealing with the
    /// old key. And the key before the old one is deleted only once every stored value opens
    /// under the new key alone, so no key goes while a row still needs it.
    public static func rotate(folder: String, database: AppDatabase) async throws -> RotationReport {
        guard let lock = try ServiceLock.acquire(folder: folder) else { throw RotationError.serviceRunning }
        defer { withExtendedLifetime(lock) {} }
        let old = try cipher(folder: folder)
        let newKey = try SecretKeyFile.loadOrCreate(at: path(folder, next)).withUnsafeBytes { Data($0) }
        let rotated = DataCipher(keys: [newKey] + (try keys(folder)))
        let count = try await database.reseal(from: old, to: rotated)
        guard (try? await database.openEveryValue(with: DataCipher(keys: [newKey]))) != nil else {
            throw RotationError.valuesLeftUnderOldKeys
        }
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: path(folder, previous)) { try fileManager.removeItem(atPath: path(folder, previous)) }
        try fileManager.moveItem(atPath: path(folder, current), toPath: path(folder, previous))
        try fileManager.moveItem(atPath: path(folder, next), toPath: path(folder, current))
        let directory = open(folder, O_RDONLY)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return RotationReport(valuesResealed: count, oldKeyID: old.currentKeyID, newKeyID: rotated.currentKeyID)
    }

    static func path(_ folder: String, _ name: String) -> String { "\(folder)/\(name)" }
}

/// Why a data key rotation did not run.
public enum RotationError: Error, Equatable, CustomStringConvertible {
    /// A service holds the data folder.
    case serviceRunning
    /// Some values still open only under an older key after the reseal; nothing was deleted.
    case valuesLeftUnderOldKeys

    public var description: String {
        switch self {
        case .serviceRunning:
            "The service is running on this data folder. Stop it (for example `systemctl stop indgang`), run "
                + "`indgang rotate-data-key` again, then start it: a running service would go on sealing with the old key."
        case .valuesLeftUnderOldKeys:
            "Some values did not move to the new key, so no key was deleted and data.key.next was kept. "
                + "Run `indgang rotate-data-key` again with the service stopped."
        }
    }
}

/// What a data key rotation did.
public struct RotationReport: Sendable {
    public let valuesResealed: Int
    public let oldKeyID: UInt32
    public let newKeyID: UInt32
}
