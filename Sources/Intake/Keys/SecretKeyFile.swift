import Crypto
import Foundation

/// A per-installation secret kept outside the database: 32 random bytes in a file that only the
/// service's user may read. Created on first run with mode 0600.
public enum SecretKeyFile {
    /// Why a key file cannot be used, with what to do about it.
    public enum Failure: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case tooOpen(path: String, mode: String)
        case wrongSize(path: String, size: Int)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason):
                "Cannot read or create the key file \(path): \(reason). Check that its folder exists and is writable by this user."
            case .tooOpen(let path, let mode):
                "The key file \(path) can be read by other users (mode \(mode)). Run: chmod 600 \(path)"
            case .wrongSize(let path, let size):
                "The key file \(path) holds \(size) bytes, not 32. Restore it from your backup; a new key makes every existing token unusable."
            }
        }
    }

    static let size = 32

    /// Reads the key at `path`, creating it (mode 0600, written and synced) if it does not exist.
    public static func loadOrCreate(at path: String) throws -> SymmetricKey {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor >= 0 {
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            let synced = fsync(descriptor)
            close(descriptor)
            guard written == size, synced == 0 else {
                unlink(path)
                throw Failure.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
        } else if errno != EEXIST {
            throw Failure.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        return try load(at: path)
    }

    /// Reads an existing key, refusing one that others can read.
    static func load(at path: String) throws -> SymmetricKey {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Failure.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & 0o077 == 0 else {
            throw Failure.tooOpen(path: path, mode: String(status.st_mode & 0o777, radix: 8))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure.unreadable(path: path, reason: "permission denied")
        }
        guard data.count == size else { throw Failure.wrongSize(path: path, size: data.count) }
        return SymmetricKey(data: data)
    }
}
