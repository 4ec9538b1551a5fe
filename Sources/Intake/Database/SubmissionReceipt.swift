import Foundation
import GRDB

/// What lets a retried submission (same `Idempotency-Key`) get the first answer back instead of
/// creating a second case. Kept for a day at most.
struct SubmissionReceipt: Sendable, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "submissionReceipt"

    /// HMAC of the idempotency key; the key itself is not stored.
    var keyHash: Data
    /// The case the first request created.
    var intakeCaseId: Int64
    /// HMAC of the request's content, to refuse a reused key with different answers.
    var requestDigest: Data
    /// The token, sealed (ChaChaPoly) under a key only the idempotency key can derive.
    var sealedToken: Data
    /// The day of the first request.
    var createdOn: Day

    /// The columns used in queries.
    enum Columns {
        static let createdOn = Column(CodingKeys.createdOn)
    }
}
