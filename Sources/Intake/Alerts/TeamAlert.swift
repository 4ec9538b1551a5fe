import Foundation

/// What an alert to the team is about. Its text is fixed for each kind and carries counts only.
public enum AlertKind: String, Codable, Sendable, CaseIterable {
    /// A crisis case came in: sent at once.
    case crisis
    /// New cases, new messages from people, and promises due or passed since the last digest.
    case digest
    /// An administrator's test of the channels.
    case test
}

/// Everything an alert says: counts and priorities, never a reference, token, answer,
/// municipality or day of submission.
public struct AlertCounts: Codable, Sendable, Equatable {
    /// New cases by priority: index 0 is priority 1 (most urgent).
    public var newCases: [Int]
    /// New messages from people.
    public var newMessages: Int
    /// Cases whose promise of a first reply ends today, without a reply yet.
    public var dueToday: Int
    /// Cases whose promise of a first reply has passed without one.
    public var passed: Int
    /// Open cases that have no first reply yet, in all.
    public var waiting: Int

    public init(newCases: [Int] = [0, 0, 0], newMessages: Int = 0, dueToday: Int = 0, passed: Int = 0, waiting: Int = 0) {
        self.newCases = newCases
        self.newMessages = newMessages
        self.dueToday = dueToday
        self.passed = passed
        self.waiting = waiting
    }

    /// Whether there is anything new to tell (the waiting total alone is not news).
    public var hasNews: Bool { newCases.contains { $0 > 0 } || newMessages > 0 || dueToday > 0 || passed > 0 }
}

/// One alert on its way to one channel: stored before it is sent, so a restart or a channel
/// that is down loses nothing, and every attempt is visible to administrators.
public struct AlertDelivery: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var kind: AlertKind
    public var counts: AlertCounts
    /// The channel's name: `webhook` or `mail`.
    public var channel: String
    public var createdAt: Date
    public var attempts: Int
    /// When the next attempt is due; `nil` once delivered or given up.
    public var nextAttemptAt: Date?
    public var deliveredAt: Date?
    /// When the last attempt failed and no more are made.
    public var failedAt: Date?
    /// What the last failed attempt said (the channel's status or error, never the alert's text).
    public var lastError: String?

    /// Where the delivery stands.
    public enum Status: String, Codable, Sendable {
        case pending, retrying, delivered, failed
    }

    public var status: Status {
        if deliveredAt != nil { return .delivered }
        if failedAt != nil { return .failed }
        return attempts == 0 ? .pending : .retrying
    }
}

/// How alerts are retried: `base`, then twice as long each time, up to `attempts` attempts.
public struct AlertRetry: Sendable, Equatable {
    public var base: TimeInterval
    public var attempts: Int

    public init(base: TimeInterval = 30, attempts: Int = 6) {
        self.base = base
        self.attempts = max(1, attempts)
    }

    /// The wait after the `attempt`-th failed attempt (1-based): `base · 2^(attempt−1)`, at most a day.
    public func wait(after attempt: Int) -> TimeInterval {
        min(base * pow(2, Double(max(0, attempt - 1))), 24 * 3600)
    }
}
