import Foundation
import GRDB

/// One submitted self-assessment and everything decided about it. Nothing here identifies the
/// person: no address, no agent, no time finer than the day.
public struct IntakeCase: Sendable, Equatable {
    /// The row id.
    public var id: Int64
    /// The short name staff see.
    public var reference: CaseReference
    /// HMAC-SHA256 of the token under the installation key; the token itself is never stored.
    var tokenHash: Data
    /// The day the case was submitted.
    public var createdOn: Day
    /// The questionnaire version answered.
    public var questionnaireVersion: String
    /// The triage rule version applied.
    public var rulesVersion: String
    /// The language the person answered in.
    public var language: Language
    /// The answers.
    public var answers: AnswerSheet
    /// The composites at full precision.
    public var composites: Composites
    /// The suggested track.
    public var track: Track
    /// The raised flags.
    public var flags: [Flag]
    /// The reasons for the track and flags.
    public var reasons: [Reason]
    /// The queue priority, 1 (most urgent) to 3.
    public var priority: Int
    /// The municipality code, `unknown`, or `nil` when skipped.
    public var municipality: String?
    /// The partner slug the person came through, if any.
    public var partner: String?
    /// Where the case is in its life.
    public var state: CaseState
    /// The staff member who holds the case.
    public var assignedToId: Int64? = nil
    /// The track decided after the clarifying conversation.
    public var decidedTrack: Track? = nil
    /// Why the decided track differs from the suggestion.
    public var decisionReason: String? = nil
    /// The provider the person is referred to.
    public var providerId: Int64? = nil
    /// The planned start of treatment.
    public var plannedStart: Day? = nil
    /// Why a § 101 start is later than 14 days after the first contact.
    public var startDelayReason: String? = nil
    /// The day of the decision.
    public var decidedOn: Day? = nil
    /// The day the case was closed or withdrawn.
    public var closedOn: Day? = nil
    /// Why the case was closed without a decision.
    public var closeReason: String? = nil
    /// The door the case came in through.
    public var channel: CaseChannel = .web
    /// Whether the code was handed out by staff (read out on the phone, printed on a card): the
    /// person is asked to choose their own at their first use, after which this one no longer works.
    public var codeFromStaff = false

    /// Treatment under § 101 (ambulant and outreach) must start within this many days of the first contact.
    public static let startGuaranteeDays = 14

    /// The latest start that keeps the 14-day guarantee, for § 101 tracks; `nil` for § 101a.
    public var startDeadline: Day? {
        (decidedTrack ?? track) == .anonymous ? nil : createdOn.adding(days: Self.startGuaranteeDays)
    }

    /// The scoring and triage result stored with the case.
    public var assessment: Assessment {
        Assessment(
            questionnaireVersion: questionnaireVersion, rulesVersion: rulesVersion, composites: composites,
            track: track, flags: flags, priority: priority, reasons: reasons
        )
    }
}

extension CaseReference: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { value.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CaseReference? {
        String.fromDatabaseValue(dbValue).flatMap(CaseReference.init(parsing:))
    }
}

extension Day: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { iso.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        String.fromDatabaseValue(dbValue).flatMap(Day.init(iso:))
    }
}

extension Language: DatabaseValueConvertible {}
extension Track: DatabaseValueConvertible {}
extension CaseState: DatabaseValueConvertible {}
