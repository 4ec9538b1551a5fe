import CArgon2
import NIOPosix

/// Argon2id password hashing through libargon2, producing and checking PHC strings
/// (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`).
///
/// Hashing is deliberately slow and memory-hungry: call the `async` variants, which run the work
/// on `NIOThreadPool` instead of a Swift concurrency thread.
public enum Argon2 {
    /// The cost of one hash. The parameters travel inside the PHC string, so they can be raised
    /// later without invalidating stored hashes.
    public struct Parameters: Sendable, Equatable {
        /// Memory in KiB.
        public var memoryKiB: UInt32
        /// Number of passes over the memory.
        public var iterations: UInt32
        /// Degree of parallelism (lanes).
        public var parallelism: UInt32

        /// OWASP's minimum for Argon2id: m = 19 MiB, t = 2, p = 1.
        public static let recommended = Parameters(memoryKiB: 19 * 1024, iterations: 2, parallelism: 1)

        /// Creates a set of parameters.
        public init(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32) {
            self.memoryKiB = memoryKiB
            self.iterations = iterations
            self.parallelism = parallelism
        }
    }

    /// A failure reported by libargon2.
    public struct Failure: Error, CustomStringConvertible {
        /// libargon2's error code.
        public let code: Int32
        /// libargon2's explanation of the code.
        public var description: String { argon2_error_message(code).map { String(cString: $0) } ?? "error \(code)" }
    }

    static let saltLength = 16
    static let hashLength = 32

    /// Hashes `password` with a fresh random salt and returns the PHC string.
    public static func hash(_ password: String, parameters: Parameters = .recommended) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<saltLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encodedLength = argon2_encodedlen(
            parameters.iterations, parameters.memoryKiB, parameters.parallelism,
            UInt32(saltLength), UInt32(hashLength), Argon2_id
        )
        var encoded = [CChar](repeating: 0, count: encodedLength)
        let password = Array(password.utf8)
        let code = password.withUnsafeBytes { passwordBytes in
            salt.withUnsafeBytes { saltBytes in
                argon2id_hash_encoded(
                    parameters.iterations, parameters.memoryKiB, parameters.parallelism,
                    passwordBytes.baseAddress, passwordBytes.count,
                    saltBytes.baseAddress, saltBytes.count,
                    hashLength, &encoded, encodedLength
                )
            }
        }
        guard code == ARGON2_OK.rawValue else { throw Failure(code: code) }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Returns whether `password` produces `encodedHash`. libargon2 compares in constant time.
    /// A malformed hash verifies as `false`.
    public static func verify(_ password: String, encodedHash: String) -> Bool {
        let password = Array(password.utf8)
        let code = password.withUnsafeBytes { passwordBytes in
            argon2id_verify(encodedHash, passwordBytes.baseAddress, passwordBytes.count)
        }
        return code == ARGON2_OK.rawValue
    }

    /// Hashes on `NIOThreadPool`, off the Swift concurrency pool.
    public static func hash(
        _ password: String,
        parameters: Parameters = .recommended,
        threadPool: NIOThreadPool = .singleton
    ) async throws -> String {
        try await threadPool.runIfActive { try hash(password, parameters: parameters) }
    }

    /// Verifies on `NIOThreadPool`, off the Swift concurrency pool.
    public static func verify(
        _ password: String,
        encodedHash: String,
        threadPool: NIOThreadPool = .singleton
    ) async throws -> Bool {
        try await threadPool.runIfActive { verify(password, encodedHash: encodedHash) }
    }
}
