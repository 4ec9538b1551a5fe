/// How long things are kept. Health data is kept as little and as short as possible (GDPR art. 9).
public struct RetentionPolicy: Sendable, Equatable {
    /// Closed and withdrawn cases are deleted this many days after they ended.
    public var closedCaseDays = 90
    /// Cases nobody has picked up are deleted this many days after they were submitted.
    public var untouchedCaseDays = 30
    /// Submission receipts (which let a retried submission get its first token back) are
    /// deleted after this many days. The questionnaire keeps no server-side drafts at all.
    public var receiptDays = 1
    /// Audit entries are deleted after this many years.
    public var auditYears = 5

    public init() {}
}

/// What a purge deleted, or would delete in a dry run. Counts only, never content.
public struct PurgeReport: Sendable, Equatable, CustomStringConvertible {
    public var closedCases = 0
    public var untouchedCases = 0
    public var receipts = 0
    public var auditEntries = 0
    public var expiredSessions = 0
    public var pastSlots = 0

    public var description: String {
        "closed cases \(closedCases), untouched cases \(untouchedCases), receipts \(receipts), audit entries \(auditEntries), "
            + "expired sessions \(expiredSessions), past slots \(pastSlots)"
    }
}
