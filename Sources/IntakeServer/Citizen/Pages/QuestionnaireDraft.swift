import Foundation
import Intake

/// The questionnaire in progress, sealed in the person's own browser for two hours
/// (`SealedCookies`): every step's answers, so each step is a page of its own that Back and
/// Reload can show again (post, redirect, get), and nothing is kept on the server until the
/// person sends the answers. Starting the questionnaire again starts a new draft.
struct QuestionnaireDraft: SealedValue {
    /// How long the browser keeps a draft after its last change, in seconds.
    static let lifetime = 2 * 3600
    /// The most a note ("anything else") may hold, in Unicode scalars.
    static let noteLimit = 500

    /// The questionnaire version the answers belong to.
    var version: String
    /// Every answer in the questionnaire's order (`FormAnswers.positional`).
    var answers: PackedAnswers
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
        answers = PackedAnswers(FormAnswers(steps: steps).positional)
        self.key = key
        self.partner = partner
    }

    /// The answers, for the pages.
    func formAnswers(_ steps: PageSteps) -> FormAnswers {
        var answers = FormAnswers(steps: steps, positional: answers.lists)
        answers.partner = partner
        return answers
    }

    /// Keeps `answers`.
    mutating func keep(_ answers: FormAnswers) { self.answers = PackedAnswers(answers.positional) }
}

extension QuestionnaireDraft {
    /// The first line of the draft's own sealed form.
    private static let form = "D1"

    /// The draft sealed in lines, not JSON: every step reads it, and Foundation's JSON decoder
    /// took longer than all else a step does. The lines: the form, the version, the key, the
    /// partner, the channel, whether help was shown, help first, the step to check, the seconds
    /// to wait, the reminder of help, and last the answers (`PackedAnswers`); an empty line is
    /// no value. No line can hold a line break: the version is the questionnaire's, the key a
    /// pass, the partner a registered slug, and typed answers keep no control character.
    func sealedBytes() -> Data? {
        func flag(_ value: Bool?) -> String { value.map { $0 ? "1" : "0" } ?? "" }
        let lines = [
            Self.form, version, key, partner ?? "", channel?.rawValue ?? "", flag(crisisShown), flag(helpFirst),
            check.map(String.init) ?? "", wait.map(String.init) ?? "", flag(remindOfHelp), answers.packed,
        ]
        guard lines.dropLast().allSatisfy({ !$0.contains("\n") }) else { return nil }
        return Data(lines.joined(separator: "\n").utf8)
    }

    /// A draft from its sealed form, or from the JSON a draft was sealed as before.
    init?(sealedBytes: Data) {
        let sealed = String(decoding: sealedBytes, as: UTF8.self)
        guard sealed.hasPrefix(Self.form + "\n") else {
            guard let draft = try? JSONDecoder().decode(Self.self, from: sealedBytes) else { return nil }
            self = draft
            return
        }
        // By byte: splitting by character would find grapheme clusters in every answer.
        let lines = sealed.utf8.split(separator: UInt8(ascii: "\n"), maxSplits: 10, omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
        guard lines.count == 11 else { return nil }
        func text(_ line: Int) -> String? { lines[line].isEmpty ? nil : lines[line] }
        func flag(_ line: Int) -> Bool? { lines[line] == "1" ? true : lines[line] == "0" ? false : nil }
        guard let version = text(1), let key = text(2) else { return nil }
        self.version = version
        self.key = key
        partner = text(3)
        channel = text(4).flatMap(CaseChannel.init(rawValue:))
        crisisShown = flag(5) ?? false
        helpFirst = flag(6)
        check = text(7).flatMap { Int($0) }
        wait = text(8).flatMap { Int($0) }
        remindOfHelp = flag(9)
        answers = PackedAnswers(packed: lines[10])
    }
}

/// A draft's answers, sealed as one string: each item's values after "␟" (U+241F, the symbol
/// for a unit separator), the items between "␞" (U+241E). Decoding 53 lists of strings one by
/// one was most of the time a step took to read its draft (the control characters themselves
/// would be escaped in JSON, six bytes each, and cost three times as much to read). No value
/// holds either: a choice is one of its options, and typed text keeps neither, nor any control
/// character (`FormAnswers.bounded`). A draft sealed before, as lists, is read as it was.
struct PackedAnswers: Codable, Sendable, Equatable {
    /// One list of values per item (an empty list: not answered).
    var lists: [[String]]

    static let item: Unicode.Scalar = "\u{241E}"
    static let value: Unicode.Scalar = "\u{241F}"

    init(_ lists: [[String]]) { self.lists = lists }

    /// The answers of their packed string, read by byte (by scalar, not by character: a value
    /// may begin with a combining mark). In UTF-8 the separators are E2 90 9E and E2 90 9F,
    /// which no other scalar's bytes contain.
    init(packed: String) {
        var packed = packed
        lists = packed.withUTF8 { bytes in
            var lists: [[String]] = [[]]
            var start: Int?  // where the value being read began
            func endValue(at end: Int) {
                if let first = start {
                    lists[lists.count - 1].append(String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<end]), as: UTF8.self))
                }
                start = nil
            }
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x90,
                    bytes[index + 2] == 0x9E || bytes[index + 2] == 0x9F
                {
                    endValue(at: index)
                    if bytes[index + 2] == 0x9E { lists.append([]) } else { start = index + 3 }
                    index += 3
                } else {
                    index += 1
                }
            }
            endValue(at: bytes.count)
            return lists
        }
    }

    /// The answers as one string.
    var packed: String { lists.map { $0.map { "\(Self.value)\($0)" }.joined() }.joined(separator: "\(Self.item)") }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let packed = try? container.decode(String.self) {
            self.init(packed: packed)
        } else {
            self.init(try container.decode([[String]].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(packed)
    }
}

/// What the person wrote under "anything else we should know" on the check page, when sending
/// held it back, sealed in a cookie of its own (two hours): the note may take up to 2,000 bytes,
/// which the draft's cookie has no room for.
struct NoteDraft: SealedValue {
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
