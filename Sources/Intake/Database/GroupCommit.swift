import Foundation

/// A submission sealed and waiting for the writer.
struct PendingSubmission: Sendable {
    let sealed: SealedNewCase
    let receipt: ReceiptRequest?
}

/// Group commit for submissions: those that arrive while the writer is storing others wait, and
/// are then stored together in one transaction, with one commit and one fsync for all.
///
/// Nothing waits for a batch to fill: a submission that finds the writer idle is written at once,
/// and whatever arrives during that commit goes into the next one. Each submission is answered
/// only after the commit that holds it (with `--durability full`, after its fsync); a submission
/// that fails in its own savepoint fails alone, and a commit that fails fails exactly the
/// submissions of that batch.
actor GroupCommit {
    /// The most submissions one transaction takes; the rest wait for the next.
    static let largestBatch = 128

    private var waiting: [(PendingSubmission, CheckedContinuation<StoredSubmission, any Error>)] = []
    private var isWriting = false
    /// How many batches have been committed, and how many submissions they held: for tests and
    /// benchmarks.
    private(set) var batches = 0
    private(set) var stored = 0
    /// How many submissions have come to be stored.
    private(set) var received = 0

    /// Stores `submission` with the others that are waiting; returns once its commit is done.
    func store(_ submission: PendingSubmission, in database: AppDatabase) async throws -> StoredSubmission {
        received += 1
        return try await withCheckedThrowingContinuation { continuation in
            waiting.append((submission, continuation))
            if !isWriting {
                isWriting = true
                Task { await self.writeWaiting(to: database) }
            }
        }
    }

    private func writeWaiting(to database: AppDatabase) async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.largestBatch))
            waiting.removeFirst(batch.count)
            let outcomes: [Result<StoredSubmission, any Error>]
            do {
                outcomes = try await database.storeSubmissions(batch.map(\.0))
                batches += 1
                stored += batch.count
            } catch {
                outcomes = Array(repeating: .failure(error), count: batch.count)
            }
            for ((_, continuation), outcome) in zip(batch, outcomes) { continuation.resume(with: outcome) }
        }
        isWriting = false
    }
}
