import Foundation
import Intake

/// The questionnaire in progress, sealed in the person's own browser for two hours
/// (`SealedCookies`): every step's answers, so each step is a page of its own that Back and
/// Reload can show again (post, redirect, get), and nothing is kept on the server until the
/// person sends the answers. Starting the questionnaire again starts a new draft.
struct QuestionnaireDraft: Codable, Sendable {
    /// How long the browser keeps a draft after its last change, in seconds.
    static let lifetime = 2 * 3600
    /// The most a note ("anything else") may hold, in Unicode scalars.
    static let noteLimit = 500

    /// The questionnaire version the answers belong to.
    var version: String
    /// Every answer in the questionnaire's order (`FormAnswers.positional`).
    var answers: [[String]]
    /// The one-time submission key: a `FormPasses` pass.
    var key: String
    /// The partner site the person came through.
    var partner: String?
    /// The way in, when it is not the person's own device (`street`: an assisted session).
    var channel: CaseChannel?
    /// Whether the emergency help has been shown: it is shown once, not after every step.
    var crisisShown = false
    /// Whether the next page shows help right now first: an answer just raised a crisis.
    var helpFirst: Bool?
    /// The step (from 1) whose problems the next showing of it lists.
    var check: Int?
    /// Seconds to wait, after sending was refused for a flood.
    var wait: Int?
    /// Whether the next step shows a short reminder of help right now: a later answer raised a
    /// crisis after the emergency help had been shown once.
    var remindOfHelp: Bool?

    /// A new draft for the questionnaire of `steps`.
    init(steps: PageSteps, key: String, partner: String?) {
        version = steps.questionnaire.version
        answers = FormAnswers(steps: steps).positional
        self.key = key
        self.partner = partner
    }

    /// The answers, for the pages.
    func formAnswers(_ steps: PageSteps) -> FormAnswers {
        var answers = FormAnswers(steps: steps, positional: answers)
        answers.partner = partner
        return answers
    }

    /// Keeps `answers`.
    mutating func keep(_ answers: FormAnswers) { self.answers = answers.positional }
}

/// What the person wrote under "anything else we should know" on the check page, when sending
/// held it back, sealed in a cookie of its own (two hours): the note may take up to 2,000 bytes,
/// which the draft's cookie has no room for.
struct NoteDraft: Codable, Sendable {
    /// Why the note was held back.
    enum Problem: Codable, Sendable, Equatable {
        case tooLong
        case identifying([Identifier])
    }

    var note: String
    var problem: Problem?

    /// The most of a note its cookie can hold, in UTF-8 bytes: at least 700 letters of any
    /// language, more than the 500 a note may have, so a note that is too long is shown back
    /// with enough to shorten.
    static let keptBytes = 2_800

    /// As much of `note` as its cookie can hold, cut between Unicode scalars.
    static func keepable(_ note: String) -> String {
        var bytes = 0
        let scalars = note.unicodeScalars.prefix { scalar in
            bytes += String(scalar).utf8.count
            return bytes <= keptBytes
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
