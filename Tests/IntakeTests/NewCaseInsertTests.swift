import Foundation
import GRDB
import HostileInput
import PropertyBased
import Testing

@testable import Intake

/// A new case is stored through a statement kept prepared, not GRDB's record insert; the row it
/// stores must be the row the record insert stores, column for column and type for type.

private let day = TestClock().today

private func randomCase(_ seed: Int) -> NewCase {
    var generator = SeededGenerator(seed)
    let sheet = Profiles.sheet()
    let scored = Profiles.rules.assess(sheet, composites: Profiles.questionnaire.composites(for: sheet), questionnaireVersion: "asi-sr-1")
    let assessment = Assessment(
        questionnaireVersion: scored.questionnaireVersion, rulesVersion: scored.rulesVersion, composites: scored.composites,
        track: Track.allCases.randomElement(using: &generator)!, flags: Flag.allCases.filter { _ in Bool.random(using: &generator) },
        priority: Int.random(in: 1...3, using: &generator), reasons: scored.reasons)
    return NewCase(
        tokenHash: Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }), createdOn: day,
        language: Language.allCases.randomElement(using: &generator)!, answers: sheet, assessment: assessment,
        municipality: Bool.random(using: &generator) ? "101" : nil, partner: Bool.random(using: &generator) ? "café-ø" : nil,
        channel: CaseChannel.allCases.randomElement(using: &generator)!)
}

/// Every column of the one stored case, with its SQLite type.
private func storedRow(_ database: AppDatabase) async throws -> [String] {
    try await database.transaction { db in
        let columns = try db.columns(in: "intakeCase").map(\.name)
        let row = try Row.fetchOne(db, sql: "SELECT * FROM intakeCase")!
        let types = try Row.fetchOne(db, sql: "SELECT " + columns.map { "typeof(\($0))" }.joined(separator: ", ") + " FROM intakeCase")!
        return columns.enumerated().map { index, column in "\(column) \(types[index] as String): \(row[column] as DatabaseValue)" }
    }
}

@Test func aNewCaseIsStoredAsTheRecordInsertStoresIt() async throws {
    await propertyCheck(count: 40, input: Gen.int(in: 0...Int.max)) { seed in
        do {
            let (byRecord, byStatement) = (try AppDatabase.makeInMemory(), try AppDatabase.makeInMemory())
            let sealed = try byRecord.sealed(randomCase(seed), reference: CaseReference.generate())
            try await byRecord.transaction { db in try sealed.row.insert(db) }
            try await byStatement.transaction { db in try sealed.row.insert(into: db) }
            #expect(try await storedRow(byStatement) == storedRow(byRecord))
        } catch {
            Issue.record(error)
        }
    }
}
