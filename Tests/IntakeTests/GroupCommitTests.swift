import Foundation
import GRDB
import Testing

@testable import Intake

/// Group commit: submissions that arrive while the writer is busy share one transaction, and
/// each is answered as if it had been stored alone.
@Suite struct GroupCommitTests {
    private static let day = ServiceClock.fixed(at: Date(timeIntervalSince1970: 1_795_338_000)).now().day

    private func newCase(tokenHash: Data = KeyRing.ephemeral().hash(Token.generate())) -> NewCase {
        let sheet = Profiles.sheet()
        let assessment = Profiles.rules.assess(
            sheet, composites: Profiles.questionnaire.composites(for: sheet), questionnaireVersion: "asi-sr-1")
        return NewCase(
            tokenHash: tokenHash, createdOn: Self.day, language: .da, answers: sheet, assessment: assessment, municipality: "101",
            partner: nil)
    }

    private func receipt(_ key: UInt8, digest: UInt8 = 1) -> ReceiptRequest {
        ReceiptRequest(
            keyHash: Data(repeating: key, count: 32), requestDigest: Data(repeating: digest, count: 32), sealedToken: Data([key]))
    }

    /// Holds the writer until the gate is opened, so that what is submitted meanwhile waits for it.
    ///
    /// The waits here use no timer (no `Task.sleep`, no semaphore timeout): under libfaketime a
    /// year ahead (`make swift-test-any-date`) such a wait did not come back, and the run hung.
    private func holdTheWriter(_ database: AppDatabase) async throws -> (Task<Void, any Error>, DispatchSemaphore) {
        let gate = DispatchSemaphore(value: 0)
        let (entered, signal) = AsyncStream<Void>.makeStream()
        let hold = Task {
            try await database.transaction { _ in
                signal.yield(())
                gate.wait()
            }
        }
        for await _ in entered { break }
        return (hold, gate)
    }

    /// Waits until the group commit has received `count` submissions.
    private func received(_ count: Int, _ database: AppDatabase) async throws {
        while await database.submissions.received < count { await Task.yield() }
    }

    @Test func submissionsThatArriveTogetherShareOneTransactionAndEachIsStored() async throws {
        let database = try AppDatabase.makeInMemory()
        let count = 40
        let results = try await withThrowingTaskGroup(of: StoredSubmission.self) { group in
            let (hold, gate) = try await holdTheWriter(database)
            for _ in 0..<count { group.addTask { try await database.submitIntake(newCase(), receipt: nil) } }
            try await received(count, database)
            gate.signal()
            try await hold.value
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var ids = Set<Int64>()
        for result in results {
            guard case .created(let stored) = result else {
                Issue.record("not created: \(result)")
                continue
            }
            ids.insert(stored.id)
            // Each case reads back as stored, sealed under its own reference.
            #expect(try await database.intakeCase(tokenHash: stored.tokenHash)?.reference == stored.reference)
        }
        #expect(ids.count == count)
        let (batches, stored) = await (database.submissions.batches, database.submissions.stored)
        #expect(stored == count)
        // The first may go alone; the rest waited together.
        #expect(batches <= 2, "\(batches) batches for \(count) submissions")
    }

    @Test func oneSubmissionThatFailsFailsAloneAndAReplayInTheSameBatchFindsTheFirst() async throws {
        let database = try AppDatabase.makeInMemory()
        let shared = KeyRing.ephemeral().hash(Token.generate())
        let outcomes = try await withThrowingTaskGroup(of: (String, Result<StoredSubmission, any Error>).self) { group in
            let (hold, gate) = try await holdTheWriter(database)
            let cases: [(String, NewCase, ReceiptRequest?)] = [
                ("first", newCase(tokenHash: shared), receipt(1)),
                // The same token hash: the unique index refuses it, in its own savepoint.
                ("clash", newCase(tokenHash: shared), nil),
                ("retry", newCase(), receipt(1)),
                ("reused", newCase(), receipt(1, digest: 2)),
                ("other", newCase(), receipt(3)),
            ]
            for (index, (name, newCase, receipt)) in cases.enumerated() {
                group.addTask {
                    do { return (name, .success(try await database.submitIntake(newCase, receipt: receipt))) } catch {
                        return (name, .failure(error))
                    }
                }
                // In this order: the retry comes after the first.
                try await received(index + 1, database)
            }
            gate.signal()
            try await hold.value
            return try await group.reduce(into: [String: Result<StoredSubmission, any Error>]()) { $0[$1.0] = $1.1 }
        }
        guard case .success(.created(let first)) = outcomes["first"] else {
            Issue.record("\(String(describing: outcomes["first"]))")
            return
        }
        guard case .failure(let error) = outcomes["clash"] else {
            Issue.record("the clash was stored")
            return
        }
        #expect((error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT)
        guard case .success(.replayed(let replayed, _)) = outcomes["retry"] else {
            Issue.record("\(String(describing: outcomes["retry"]))")
            return
        }
        #expect(replayed.id == first.id)
        guard case .success(.keyReused) = outcomes["reused"] else {
            Issue.record("\(String(describing: outcomes["reused"]))")
            return
        }
        guard case .success(.created(let other)) = outcomes["other"] else {
            Issue.record("\(String(describing: outcomes["other"]))")
            return
        }
        #expect(other.id != first.id)
        #expect(await database.submissions.batches <= 2)
    }

    @Test func aSavepointKeepsWhatItWroteOnlyIfItsWorkReturns() async throws {
        struct Refused: Error {}
        let database = try AppDatabase.makeInMemory()
        let kept = try await database.transaction { db in
            try db.execute(sql: "CREATE TEMP TABLE written (what TEXT NOT NULL)")
            try db.execute(sql: "INSERT INTO written VALUES ('before')")
            try AppDatabase.inSavepoint(db) { try db.execute(sql: "INSERT INTO written VALUES ('kept')") }
            // Two writes, then a failure: neither write stays, and the transaction goes on.
            #expect(throws: Refused.self) {
                try AppDatabase.inSavepoint(db) {
                    try db.execute(sql: "INSERT INTO written VALUES ('undone 1')")
                    try db.execute(sql: "INSERT INTO written VALUES ('undone 2')")
                    throw Refused()
                }
            }
            try AppDatabase.inSavepoint(db) { try db.execute(sql: "INSERT INTO written VALUES ('after')") }
            return try String.fetchAll(db, sql: "SELECT what FROM written ORDER BY rowid")
        }
        #expect(kept == ["before", "kept", "after"])
    }

    @Test func aReferenceAnotherCaseHoldsIsDrawnAgainAndTheCaseSealedUnderTheNewOne() async throws {
        let database = try AppDatabase.makeInMemory()
        let reference = CaseReference.generate()
        let first = try database.sealed(newCase(), reference: reference)
        let second = try database.sealed(newCase(), reference: reference)
        let results = try await database.storeSubmissions([
            PendingSubmission(sealed: first, receipt: nil), PendingSubmission(sealed: second, receipt: nil),
        ])
        let stored = try results.map { result -> IntakeCase in
            guard case .created(let stored) = try result.get() else { throw CancellationError() }
            return stored
        }
        #expect(stored.count == 2)
        #expect(stored[0].reference == reference)
        #expect(stored[1].reference != reference)
        // The second reads back: it was sealed again under the reference it was stored with.
        let readBack = try await database.intakeCase(tokenHash: stored[1].tokenHash)
        #expect(readBack?.reference == stored[1].reference)
        #expect(readBack?.answers == second.newCase.answers)
    }
}
