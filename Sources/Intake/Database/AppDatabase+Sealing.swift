import Foundation
import GRDB

/// Reading and writing the sealed rows: every case and message passes through here, opened or
/// sealed with the data cipher.
extension AppDatabase {
    /// The case with `id`, opened.
    func fetchCase(id: Int64, _ db: Database) throws -> IntakeCase? {
        try IntakeCaseRow.fetchOne(db, key: id).map { try IntakeCase($0, cipher: cipher) }
    }

    /// The cases a request finds, opened.
    func fetchCases(_ request: QueryInterfaceRequest<IntakeCaseRow>, _ db: Database) throws -> [IntakeCase] {
        try request.fetchAll(db).map { try IntakeCase($0, cipher: cipher) }
    }

    /// Stores a case: inserts it when it has no id yet, updates it otherwise.
    func save(_ intakeCase: inout IntakeCase, _ db: Database) throws {
        var row = try intakeCase.row(cipher)
        if row.id == nil {
            try row.insert(db)
            intakeCase.id = row.id
        } else {
            try row.update(db)
        }
    }

    /// Stores a new message.
    func insert(_ message: inout Message, _ db: Database) throws {
        var row = try message.row(cipher)
        try row.insert(db)
        message.id = row.id
    }

    /// The messages a request finds, opened.
    func fetchMessages(_ request: QueryInterfaceRequest<MessageRow>, _ db: Database) throws -> [Message] {
        try request.fetchAll(db).map { try Message($0, cipher: cipher) }
    }

    /// Opens every sealed value with `cipher`, and throws if one does not open: the check that a
    /// rotation left nothing under an older key.
    func openEveryValue(with cipher: DataCipher) async throws {
        try await snapshot { db in
            for row in try IntakeCaseRow.fetchAll(db) { _ = try IntakeCase(row, cipher: cipher) }
            for row in try MessageRow.fetchAll(db) { _ = try Message(row, cipher: cipher) }
        }
    }

    /// Seals every sealed value again under `new` (the rotation of the data key), in one transaction.
    func reseal(from old: DataCipher, to new: DataCipher) async throws -> Int {
        try await transaction { db in
            var count = 0
            for row in try IntakeCaseRow.fetchAll(db) {
                let resealed = try IntakeCase(row, cipher: old).row(new)
                try resealed.update(db)
                count += 1
            }
            for row in try MessageRow.fetchAll(db) {
                let resealed = try Message(row, cipher: old).row(new)
                try resealed.update(db)
                count += 1
            }
            return count
        }
    }
}
