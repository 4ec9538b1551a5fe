import GRDB

extension AppDatabase {
    /// The schema, one migration per change. Never edit a migration that has shipped.
    static var migrator: DatabaseMigrator {
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
        return migrator
    }
}
