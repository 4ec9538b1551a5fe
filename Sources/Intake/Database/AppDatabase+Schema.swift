import Foundation
import GRDB

extension AppDatabase {
    /// The schema, one migration per change. Never edit a migration that has shipped.
    static func migrator(cipher: DataCipher) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: cases and submission receipts") { db in
            try db.create(table: "intakeCase") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("reference", .text).notNull().unique()
                table.column("tokenHash", .blob).notNull().unique()
                table.column("createdOn", .text).notNull()
                table.column("questionnaireVersion", .text).notNull()
                table.column("rulesVersion", .text).notNull()
                table.column("language", .text).notNull()
                table.column("answers", .jsonText).notNull()
                table.column("composites", .jsonText).notNull()
                table.column("track", .text).notNull()
                    .check(sql: "track IN ('anonymous', 'ambulant', 'outreach')")
                table.column("flags", .jsonText).notNull()
                table.column("reasons", .jsonText).notNull()
                table.column("priority", .integer).notNull().check(sql: "priority BETWEEN 1 AND 3")
                table.column("municipality", .text)
                table.column("partner", .text)
                table.column("state", .text).notNull()
            }
            try db.create(index: "intakeCase_on_queue", on: "intakeCase", columns: ["state", "priority", "createdOn"])
            try db.create(table: "submissionReceipt") { table in
                table.primaryKey("keyHash", .blob)
                table.belongsTo("intakeCase", onDelete: .cascade).notNull()
                table.column("requestDigest", .blob).notNull()
                table.column("sealedToken", .blob).notNull()
                table.column("createdOn", .text).notNull().indexed()
            }
        }
        migrator.registerMigration("v2: staff, conversation, slots, providers, audit") { db in
            try db.create(table: "staffUser") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("username", .text).notNull().unique()
                table.column("passwordHash", .text).notNull()
                table.column("role", .text).notNull().check(sql: "role IN ('staff', 'admin')")
                table.column("isDisabled", .boolean).notNull().defaults(to: false)
                table.column("mustChangePassword", .boolean).notNull().defaults(to: true)
                table.column("failedLogins", .integer).notNull().defaults(to: 0)
                table.column("lockedUntil", .datetime)
                table.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "staffSession") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("tokenHash", .blob).notNull().unique()
                table.belongsTo("staffUser", onDelete: .cascade).notNull()
                table.column("createdAt", .datetime).notNull()
                table.column("lastSeenAt", .datetime).notNull()
            }
            try db.create(table: "provider") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("slug", .text).notNull().unique()
                table.column("name", .text).notNull()
                table.column("isAnonymous", .boolean).notNull()
                table.column("isOutsideMunicipality", .boolean).notNull()
                table.column("contact", .text).notNull()
                table.column("isActive", .boolean).notNull().defaults(to: true)
            }
            try db.alter(table: "intakeCase") { table in
                table.add(column: "assignedToId", .integer).references("staffUser", onDelete: .setNull)
                table.add(column: "decidedTrack", .text)
                table.add(column: "decisionReason", .text)
                table.add(column: "providerId", .integer).references("provider", onDelete: .restrict)
                table.add(column: "plannedStart", .text)
                table.add(column: "startDelayReason", .text)
                table.add(column: "decidedOn", .text)
                table.add(column: "closedOn", .text)
                table.add(column: "closeReason", .text)
            }
            try db.create(table: "message") { table in
                table.autoIncrementedPrimaryKey("id")
                table.belongsTo("intakeCase", onDelete: .cascade).notNull()
                table.column("author", .text).notNull().check(sql: "author IN ('citizen', 'staff', 'system')")
                table.belongsTo("staffUser", onDelete: .setNull)
                table.column("isInternal", .boolean).notNull()
                table.column("body", .text).notNull()
                table.column("createdOn", .text).notNull()
                table.column("isReadByCitizen", .boolean).notNull()
                table.column("isReadByStaff", .boolean).notNull()
            }
            try db.create(table: "slot") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("startsAt", .text).notNull().indexed()
                table.column("lengthMinutes", .integer).notNull().check(sql: "lengthMinutes BETWEEN 5 AND 480")
                table.column("mode", .text).notNull()
                table.column("place", .text).notNull()
                table.column("createdById", .integer).references("staffUser", onDelete: .setNull)
                table.column("intakeCaseId", .integer).references("intakeCase", onDelete: .setNull).unique()
                table.column("bookedOn", .text)
            }
            try db.create(table: "auditEntry") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("at", .datetime).notNull().indexed()
                table.column("actor", .text).notNull()
                table.column("action", .text).notNull()
                table.column("caseReference", .text).indexed()
                table.column("detail", .text)
            }
        }
        migrator.registerMigration("v3: partners") { db in
            try db.create(table: "partner") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("slug", .text).notNull().unique()
                table.column("name", .text).notNull()
                table.column("origin", .text)
                table.column("showsName", .boolean).notNull().defaults(to: false)
                table.column("apiKeyHash", .blob).notNull().unique()
                table.column("isActive", .boolean).notNull().defaults(to: true)
            }
            try db.create(index: "intakeCase_on_partner", on: "intakeCase", columns: ["partner", "createdOn"])
        }
        migrator.registerMigration("v4: answers, composites, reasons, staff texts and messages sealed") { db in
            let sealedJSON = ["answers", "composites", "reasons"]
            let sealedText = ["decisionReason", "startDelayReason", "closeReason"]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM intakeCase") {
                var values: [String: DatabaseValue] = [:]
                for column in sealedJSON + sealedText {
                    let text: String? = row[column]
                    values[column] = try text.map { try cipher.seal(Data($0.utf8)).databaseValue } ?? .null
                }
                let assignments = (sealedJSON + sealedText).map { "\($0) = :\($0)" }.joined(separator: ", ")
                var arguments = StatementArguments(values)
                arguments += ["id": (row["id"] as Int64).databaseValue]
                try db.execute(sql: "UPDATE intakeCase SET \(assignments) WHERE id = :id", arguments: arguments)
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, body FROM message") {
                let body: String = row["body"]
                try db.execute(
                    sql: "UPDATE message SET body = ? WHERE id = ?", arguments: [try cipher.seal(Data(body.utf8)), row["id"] as Int64])
            }
        }
        migrator.registerMigration("v5: identifiers found in messages") { db in
            try db.alter(table: "message") { table in
                table.add(column: "identifiers", .jsonText).notNull().defaults(to: "[]")
            }
        }
        migrator.registerMigration("v6: sealed values bound to their place; message ids random, order by position") { db in
            try db.alter(table: "message") { table in
                table.add(column: "position", .integer).notNull().defaults(to: 0)
            }
            try db.execute(
                sql: """
                    UPDATE message SET position = (SELECT n FROM (
                        SELECT id AS mid, ROW_NUMBER() OVER (PARTITION BY intakeCaseId ORDER BY id) AS n FROM message
                    ) WHERE mid = message.id)
                    """)
            try db.create(index: "message_on_case_position", on: "message", columns: ["intakeCaseId", "position"], unique: true)
            try Self.bindSealedValues(db, cipher: cipher)
        }
        migrator.registerMigration("v7: browsers a staff account logged in from; accounts no longer lock") { db in
            try db.create(table: "staffDevice") { table in
                table.autoIncrementedPrimaryKey("id")
                table.belongsTo("staffUser", onDelete: .cascade).notNull()
                table.column("tokenHash", .blob).notNull().unique()
                table.column("lastUsedAt", .datetime).notNull()
            }
            try db.alter(table: "staffUser") { table in
                table.drop(column: "failedLogins")
                table.drop(column: "lockedUntil")
            }
        }
        migrator.registerMigration("v8: a second factor for staff logins (TOTP, recovery codes)") { db in
            try db.alter(table: "staffUser") { table in
                table.add(column: "secondFactorSecret", .blob)
                table.add(column: "secondFactorPending", .blob)
                table.add(column: "secondFactorLastStep", .integer)
                table.add(column: "secondFactorEnabledAt", .datetime)
            }
            try db.create(table: "staffRecoveryCode") { table in
                table.autoIncrementedPrimaryKey("id")
                table.belongsTo("staffUser", onDelete: .cascade).notNull()
                table.column("codeHash", .blob).notNull().unique()
                table.column("usedAt", .datetime)
            }
        }
        migrator.registerMigration("v9: alerts to the team, and what they have told") { db in
            // New cases and messages come in unannounced (0); those already there count as told.
            for table in ["intakeCase", "message"] {
                try db.alter(table: table) { table in
                    table.add(column: "isAnnounced", .boolean).notNull().defaults(to: false)
                }
                try db.execute(sql: "UPDATE \(table) SET isAnnounced = 1")
                try db.execute(sql: "CREATE INDEX \(table)_unannounced ON \(table)(id) WHERE NOT isAnnounced")
            }
            try db.alter(table: "intakeCase") { table in
                table.add(column: "promiseAlert", .text).check(sql: "promiseAlert IN ('due_today', 'passed')")
            }
            try db.create(table: "alertDelivery") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("kind", .text).notNull()
                table.column("counts", .jsonText).notNull()
                table.column("channel", .text).notNull()
                table.column("createdAt", .datetime).notNull().indexed()
                table.column("attempts", .integer).notNull().defaults(to: 0)
                table.column("nextAttemptAt", .datetime)
                table.column("deliveredAt", .datetime)
                table.column("failedAt", .datetime)
                table.column("lastError", .text)
            }
        }
        migrator.registerMigration("v10: a time offered to one person") { db in
            try db.alter(table: "slot") { table in
                table.add(column: "offeredToCaseId", .integer).references("intakeCase", onDelete: .cascade).indexed()
            }
        }
        migrator.registerMigration("v11: the channel a case came through; codes handed out by staff") { db in
            try db.alter(table: "intakeCase") { table in
                table.add(column: "channel", .text).notNull().defaults(to: "web")
                    .check(sql: "channel IN ('web', 'phone', 'walk_in', 'street')")
                table.add(column: "codeFromStaff", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("v12: a case's checks without lists") { db in
            try Self.rebuildCasesWithoutListChecks(db)
        }
        return migrator
    }

    /// The checks of a case's track and channel, as v1 and v11 wrote them and as v12 writes them:
    /// the same rule, as comparisons. SQLite evaluates `x IN ('a', 'b', 'c')` (a list of more than
    /// two) by building a temporary index of the list for every row it checks, which was some
    /// 60,000 instructions of each stored submission, a twentieth of it.
    static let caseListChecks = [
        (
            "CHECK (track IN ('anonymous', 'ambulant', 'outreach'))",
            "CHECK (track = 'anonymous' OR track = 'ambulant' OR track = 'outreach')"
        ),
        (
            "CHECK (channel IN ('web', 'phone', 'walk_in', 'street'))",
            "CHECK (channel = 'web' OR channel = 'phone' OR channel = 'walk_in' OR channel = 'street')"
        ),
    ]

    /// The v12 migration: `intakeCase` made anew with the checks of `caseListChecks` (SQLite
    /// cannot change a check in place), by SQLite's own procedure for other changes of a table
    /// (https://sqlite.org/lang_altertable.html#otheralter): the new table, every row copied,
    /// the old one dropped, the new one renamed, its indexes made again. The migrator runs it with
    /// the foreign keys off and checks them all before it commits. The counter of ids is kept, so
    /// the id of a deleted case is never given again.
    private static func rebuildCasesWithoutListChecks(_ db: Database) throws {
        guard var table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'intakeCase'")
        else { throw DatabaseError(message: "v12: the database has no intakeCase table") }
        for (old, new) in caseListChecks {
            guard table.contains(old) else { throw DatabaseError(message: "v12: intakeCase has no \(old)") }
            table = table.replacingOccurrences(of: old, with: new)
        }
        let prefix = "CREATE TABLE \"intakeCase\""
        guard table.hasPrefix(prefix) else { throw DatabaseError(message: "v12: intakeCase is not made as expected") }
        let indexes = try String.fetchAll(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'intakeCase' AND sql IS NOT NULL")
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'intakeCase'")
        try db.execute(sql: "CREATE TABLE \"intakeCase_v12\"" + table.dropFirst(prefix.count))
        try db.execute(sql: "INSERT INTO intakeCase_v12 SELECT * FROM intakeCase")
        try db.execute(sql: "DROP TABLE intakeCase")
        try db.execute(sql: "ALTER TABLE intakeCase_v12 RENAME TO intakeCase")
        for index in indexes { try db.execute(sql: index) }
        if let sequence {
            try db.execute(sql: "UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'intakeCase'", arguments: [sequence])
            if db.changesCount == 0 {
                try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES ('intakeCase', ?)", arguments: [sequence])
            }
        }
    }

    /// Seals every case value again bound to its place, and gives every message a random id with
    /// its body bound to it (the v6 migration; values before it were sealed without a place).
    private static func bindSealedValues(_ db: Database, cipher: DataCipher) throws {
        let columns = ["answers", "composites", "reasons", "decisionReason", "startDelayReason", "closeReason"]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM intakeCase") {
            guard let reference = CaseReference(parsing: row["reference"]) else { continue }
            var arguments = StatementArguments(["id": (row["id"] as Int64).databaseValue])
            for column in columns {
                let sealed: Data? = row[column]
                let bound = try sealed.map { try cipher.seal(try cipher.open($0), at: .intakeCase(column, reference)) }
                arguments += [column: bound?.databaseValue ?? .null]
            }
            try db.execute(
                sql: "UPDATE intakeCase SET \(columns.map { "\($0) = :\($0)" }.joined(separator: ", ")) WHERE id = :id",
                arguments: arguments)
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, intakeCaseId, body FROM message") {
            let (old, caseID, body): (Int64, Int64, Data) = (row["id"], row["intakeCaseId"], row["body"])
            let id = try AppDatabase.unusedMessageID(db)
            try db.execute(
                sql: "UPDATE message SET id = ?, body = ? WHERE id = ?",
                arguments: [id, try cipher.seal(try cipher.open(body), at: .messageBody(id: id, caseID: caseID)), old])
        }
    }
}
