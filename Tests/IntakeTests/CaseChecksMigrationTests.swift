import Foundation
import GRDB
import Testing

@testable import Intake

/// A database at v11 with three cases (the last one deleted, as retention deletes), a message and
/// a booked time: what v12 must carry over whole when it makes `intakeCase` anew.
private func databaseAtVersionEleven() async throws -> (DatabaseQueue, DataCipher) {
    let connection = try DatabaseQueue()
    let cipher = DataCipher.ephemeral()
    try AppDatabase.migrator(cipher: cipher).migrate(connection, upTo: "v11: the channel a case came through; codes handed out by staff")
    try await connection.write { db in
        for (reference, track, channel) in [
            ("ABC-DEF", "anonymous", "web"), ("GHJ-KMN", "outreach", "street"), ("PQR-STV", "ambulant", "phone"),
        ] {
            try db.execute(
                sql: """
                    INSERT INTO intakeCase (reference, tokenHash, createdOn, questionnaireVersion, rulesVersion, language, answers,
                    composites, track, flags, reasons, priority, municipality, state, channel, isAnnounced)
                    VALUES (?, randomblob(32), '2026-11-01', 'asi-sr-1', 'triage-1', 'da', x'01', x'02', ?, '["crisis"]', x'03', 1, '101',
                    'new', ?, 0)
                    """,
                arguments: [reference, track, channel])
        }
        try db.execute(sql: "DELETE FROM intakeCase WHERE reference = 'PQR-STV'")
        try db.execute(
            sql: """
                INSERT INTO message (id, position, intakeCaseId, author, isInternal, body, createdOn, isReadByCitizen, isReadByStaff)
                VALUES (77, 1, 2, 'citizen', 0, x'04', '2026-11-01', 1, 0)
                """)
    }
    return (connection, cipher)
}

private func schema(of table: String, _ db: Database) throws -> [String] {
    try String.fetchAll(
        db, sql: "SELECT type || ' ' || name || ': ' || IFNULL(sql, '') FROM sqlite_master WHERE tbl_name = ? ORDER BY name",
        arguments: [table])
}

@Test func migrationTwelveKeepsEveryCaseTheirIdsAndTheirIndexes() async throws {
    let (connection, cipher) = try await databaseAtVersionEleven()
    let (rowsBefore, indexesBefore) = try await connection.read { db in
        (
            try Row.fetchAll(db, sql: "SELECT * FROM intakeCase ORDER BY id").map(\.description),
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'intakeCase' ORDER BY name")
        )
    }
    #expect(rowsBefore.count == 2 && indexesBefore.count >= 3)

    try AppDatabase.migrator(cipher: cipher).migrate(connection)

    try await connection.read { db in
        #expect(try Row.fetchAll(db, sql: "SELECT * FROM intakeCase ORDER BY id").map(\.description) == rowsBefore)
        #expect(
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'intakeCase' ORDER BY name")
                == indexesBefore)
        #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
        let table = try #require(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'intakeCase'"))
        for (old, new) in AppDatabase.caseListChecks {
            #expect(!table.contains(old) && table.contains(new))
        }
        #expect(!table.contains("intakeCase_v12"))
        // The message still belongs to its case: the reference names the new table.
        #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message JOIN intakeCase ON intakeCase.id = message.intakeCaseId") == 1)
    }
    // The deleted case's id 3 is not given again.
    let next = try await connection.write { db in
        try db.execute(
            sql: """
                INSERT INTO intakeCase (reference, tokenHash, createdOn, questionnaireVersion, rulesVersion, language, answers,
                composites, track, flags, reasons, priority, state) VALUES ('WXY-Z23', randomblob(32), '2026-11-02', 'asi-sr-1',
                'triage-1', 'da', x'01', x'02', 'ambulant', '[]', x'03', 3, 'new')
                """)
        return db.lastInsertedRowID
    }
    #expect(next == 4)
}

@Test func theChecksOfTrackAndChannelStillRefuseWhatTheyRefused() async throws {
    let (connection, cipher) = try await databaseAtVersionEleven()
    try AppDatabase.migrator(cipher: cipher).migrate(connection)
    func insert(track: String, channel: String) async throws {
        try await connection.write { db in
            try db.execute(
                sql: """
                    INSERT INTO intakeCase (reference, tokenHash, createdOn, questionnaireVersion, rulesVersion, language, answers,
                    composites, track, flags, reasons, priority, state, channel) VALUES (?, randomblob(32), '2026-11-02', 'asi-sr-1',
                    'triage-1', 'da', x'01', x'02', ?, '[]', x'03', 3, 'new', ?)
                    """,
                arguments: [String(UUID().uuidString.prefix(7)), track, channel])
        }
    }
    for track in Track.allCases { try await insert(track: track.rawValue, channel: "web") }
    for channel in CaseChannel.allCases { try await insert(track: "ambulant", channel: channel.rawValue) }
    for (track, channel) in [("other", "web"), ("Anonymous", "web"), ("ambulant", "fax"), ("ambulant", ""), ("", "web")] {
        await #expect(throws: DatabaseError.self, "\(track) / \(channel)") { try await insert(track: track, channel: channel) }
    }
}

@Test func aNewDatabaseAndAMigratedOneHaveTheSameCaseTable() async throws {
    let (migrated, cipher) = try await databaseAtVersionEleven()
    try AppDatabase.migrator(cipher: cipher).migrate(migrated)
    let fresh = try DatabaseQueue()
    try AppDatabase.migrator(cipher: cipher).migrate(fresh)
    let one = try await migrated.read { db in try schema(of: "intakeCase", db) }
    let other = try await fresh.read { db in try schema(of: "intakeCase", db) }
    #expect(one == other)
}
