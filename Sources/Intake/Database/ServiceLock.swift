import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock on a key folder (`service.lock`, an advisory `flock`): `indgang serve` holds
/// it for as long as it runs, and a data key rotation for as long as it works. So a rotation
/// never runs under a service that would go on sealing with the old key (and lose what it wrote
/// once that key is gone), and no two services share one data folder. The operating system
/// releases the lock when its process ends, however it ends.
public final class ServiceLock: Sendable {
    /// The lock file's name in the key folder.
    public static let fileName = "service.lock"

    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the lock of `folder`, or `nil` when another holder has it.
    public static func acquire(folder: String) throws -> ServiceLock? {
        let path = "\(folder)/\(fileName)"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SecretKeyFile.Failure.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return ServiceLock(descriptor: descriptor)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
