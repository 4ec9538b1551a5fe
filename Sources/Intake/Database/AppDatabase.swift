import Foundation
import GRDB

/// The service's SQLite database: schema migrations on open, and one method per write, each a
/// single transaction named for its intent.
public struct AppDatabase: Sendable {
    /// How a commit reaches the disk.
    public enum Durability: String, Sendable, CaseIterable {
        /// `synchronous = FULL`: a commit is on disk before it is acknowledged (the default).
        case full
        /// `synchronous = NORMAL`: faster, but the last commits can be lost on power failure.
        case normal
    }

    /// The only connection to the file. Private, as in GRDB's demo: every read and write is an
    /// `AppDatabase` method, each one transaction named for its intent.
    private let writer: any DatabaseWriter
    /// Seals and opens what a copy of the file must not reveal.
    let cipher: DataCipher
    /// How many write transactions a second the writer can commit, measured on every one.
    public let writes = CapacityGauge(parallelism: 1, assumed: .milliseconds(2))
    /// Submissions that arrive together, stored in one transaction (`GroupCommit`).
    let submissions = GroupCommit()
    /// How many reads a second the readers can answer, measured on every one.
    public let reads: CapacityGauge

    /// Wraps a database connection and brings its schema up to date.
    public init(_ writer: any DatabaseWriter, cipher: DataCipher) throws {
        self.writer = writer
        self.cipher = cipher
        // A pool reads on several connections at once, as many as there are cores (GRDB keeps five).
        let readers = writer is DatabasePool ? min(ProcessInfo.processInfo.activeProcessorCount, 5) : 1
        reads = CapacityGauge(parallelism: readers, assumed: .microseconds(200))
        try Self.migrator(cipher: cipher).migrate(writer)
    }

    /// Read-only access for tests that inspect the raw, sealed bytes on disk.
    public var reader: any DatabaseReader { writer }

    /// Runs `updates` as one write transaction. Called only from `AppDatabase`'s own methods,
    /// without a receiver (`make lint` refuses `….transaction`).
    /// Each is timed from when the writer takes it up to the end of its commit (the wait for the
    /// writer left out) for `writes`, as `units` writes of equal share (a batch of submissions).
    func transaction<T: Sendable>(units: Int = 1, _ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let (value, started) = try await writer.write { db in
            let started = ContinuousClock.now
            return (try updates(db), started)
        }
        writes.record((ContinuousClock.now - started) / max(units, 1))
        return value
    }

    /// Runs `value` on a consistent snapshot, timed for `reads`. Called only from `AppDatabase`'s
    /// own methods.
    func snapshot<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let (result, started) = try await writer.read { db in
            let started = ContinuousClock.now
            return (try value(db), started)
        }
        reads.record(ContinuousClock.now - started)
        return result
    }

    /// Opens (creating if needed) the database file at `path` as a WAL `DatabasePool`.
    ///
    /// GRDB sets `synchronous = NORMAL` on the writer when it enables WAL, after any
    /// `prepareDatabase` hook, so FULL is set here, on the writer, once the pool is open.
    public static func openFile(at path: String, durability: Durability = .full, cipher: DataCipher) throws -> AppDatabase {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // What is deleted is overwritten with zeros, so a purged case leaves no bytes behind.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
        }
        return try AppDatabase(pool, cipher: cipher)
    }

    /// An empty in-memory database with a fresh data key, for tests.
    public static func makeInMemory(cipher: DataCipher = .ephemeral()) throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(), cipher: cipher)
    }

    /// Closes the database after a checkpoint that moves everything from the WAL into the
    /// database file and truncates the WAL to nothing.
    public func close() throws {
        guard let pool = writer as? DatabasePool else { return }
        _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try pool.close()
    }

    /// The writer connection's `synchronous` setting: 2 is FULL, 1 is NORMAL.
    public func synchronousSetting() async throws -> Int {
        try await writer.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
        }
    }

    /// Whether foreign keys are enforced on the writer connection.
    public func enforcesForeignKeys() async throws -> Bool {
        try await writer.writeWithoutTransaction { db in
            try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false
        }
    }

    /// The result of `PRAGMA integrity_check`: `["ok"]` when the file is sound.
    public func integrityCheck() async throws -> [String] {
        try await writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Moves the write-ahead log into the database file and truncates it, so the old page images
    /// of what was just deleted do not stay in `indgang.sqlite-wal`. A reader that still holds an
    /// old snapshot can keep the log from being truncated: then it is tried once more, and the
    /// next purge or the shutdown checkpoint finishes the job.
    func truncateLog() async throws {
        guard writer is DatabasePool else { return }
        for _ in 0..<2 {
            if (try? await writer.writeWithoutTransaction({ db in try db.checkpoint(.truncate) })) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Writes a consistent copy of the database to `path` while the service runs (`VACUUM INTO`).
    /// The copy holds sealed values only: it is useless without the key folder.
    public func backup(to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupError.exists(path) }
        try await writer.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [path])
        }
        let copy = try DatabaseQueue(path: path)
        let check = try await copy.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        try copy.close()
        guard check == ["ok"] else { throw BackupError.damaged(path) }
    }
}
