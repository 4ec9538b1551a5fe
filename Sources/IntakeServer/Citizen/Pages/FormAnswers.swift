import Intake

/// The answers of a questionnaire in progress: the raw strings of each item as the pages sent
/// them, bounded (a choice keeps only its own options, a number its first characters), so the
/// sealed draft in the person's browser stays small whatever a hand-made form sends. Nothing is
/// stored on the server until the person sends the answers.
struct FormAnswers: Sendable {
    private let questionnaire: Questionnaire
    private var values: [String: [String]] = [:]
    /// The slug of the partner site the person came through.
    var partner: String?

    /// The most characters kept of a typed number: more cannot be a number from 0 to 30.
    static let typedLength = 6

    /// No answers yet.
    init(questionnaire: Questionnaire) {
        self.questionnaire = questionnaire
    }

    /// The answers as the draft keeps them: one list of values per item, in the questionnaire's
    /// order (an empty list: not answered).
    init(questionnaire: Questionnaire, positional: [[String]]) {
        self.questionnaire = questionnaire
        for (item, sent) in zip(questionnaire.items, positional) where !sent.isEmpty {
            values[item.id] = Self.bounded(sent, for: item)
        }
    }

    /// Every answer in the questionnaire's order, for the draft.
    var positional: [[String]] { questionnaire.items.map { values[$0.id] ?? [] } }

    /// Takes the answers of `section`'s items from a posted step; an item the form did not send
    /// at all is not answered. Other steps' answers stay as they are.
    mutating func update(from form: FormBody, section: Section) {
        for item in section.items {
            values[item.id] = form.all(item.id).map { Self.bounded($0, for: item) }
        }
    }

    /// What is worth keeping of the values sent for `item`.
    private static func bounded(_ sent: [String], for item: Item) -> [String] {
        var kept: [String] = []
        for value in sent where !kept.contains(value) {
            if item.kind == .days || item.options.isEmpty {
                // Typed: the number (or what was typed instead, to show it again) and the skip box.
                if value == Questionnaire.skip || kept.count < 2 { kept.append(String(value.prefix(typedLength))) }
            } else if value == Questionnaire.skip || (value.isEmpty && item.kind == .set)
                || (item.options.contains(where: { $0.value == value })
                    && (item.kind == .set || !kept.contains { $0 != Questionnaire.skip }))
            {
                // A set item sends an empty field too, so "none of these" differs from "not
                // answered"; any other item keeps one option.
                kept.append(value)
            }
        }
        return kept
    }

    /// The answer to `item` as the JSON API would receive it; `nil` when not answered.
    func raw(_ item: Item) -> JSONValue? {
        guard let sent = values[item.id] else { return nil }
        if sent.contains(Questionnaire.skip) { return .string(Questionnaire.skip) }
        let given = sent.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        switch item.kind {
        case .days, .rating, .scale:
            guard let first = given.first else { return nil }
            return Int(first).map(JSONValue.integer) ?? .string(first)
        case .choice:
            return given.first.map(JSONValue.string)
        case .set:
            return .array(given.map(JSONValue.string))
        }
    }

    /// Every answered item, for the submission.
    var allRaw: [String: JSONValue] {
        var raw: [String: JSONValue] = [:]
        for item in questionnaire.items { raw[item.id] = self.raw(item) }
        return raw
    }

    /// The problems of the items of one step.
    func problems(in section: Section) -> [AnswerProblem] {
        section.items.compactMap { item in
            if case .failure(let kind) = item.answer(from: raw(item)) { AnswerProblem(item: item.id, kind: kind) } else { nil }
        }
    }

    /// The valid answers of one step, as a partial sheet.
    func sheet(of section: Section) -> AnswerSheet {
        var answers: [String: Answer] = [:]
        for item in section.items {
            if case .success(let answer) = item.answer(from: raw(item)) { answers[item.id] = answer }
        }
        return AnswerSheet(answers)
    }

    /// Whether the person has given any answer to `section` yet.
    func hasAnswers(in section: Section) -> Bool { section.items.contains { values[$0.id] != nil } }

    /// The answer to `item` in words, for the check page.
    func inWords(_ item: Item, language: Language, pages: PageRenderer) -> String {
        guard let sent = values[item.id] else { return pages.text("page.check.notAnswered", language) }
        if sent.contains(Questionnaire.skip) { return questionnaire.skipLabel[language] }
        if item.kind == .days || item.options.isEmpty {
            return sent.first { !$0.isEmpty }.map { pages.text("page.check.days", language, ["days": $0]) }
                ?? pages.text("page.check.notAnswered", language)
        }
        let labels = item.options.filter { sent.contains($0.value) }.map { $0.label[language] }
        if labels.isEmpty { return pages.text(item.kind == .set ? "page.check.none" : "page.check.notAnswered", language) }
        return labels.joined(separator: ", ")
    }

    /// Whether `item` is answered "I'd rather not say".
    func isSkipped(_ item: Item) -> Bool { values[item.id]?.contains(Questionnaire.skip) ?? false }

    /// The typed number of a numeric item, for showing it again.
    func typedNumber(_ item: Item) -> String {
        values[item.id]?.first { !$0.isEmpty && $0 != Questionnaire.skip } ?? ""
    }

    /// Whether `value` is chosen for `item`.
    func isChosen(_ value: String, for item: Item) -> Bool { values[item.id]?.contains(value) ?? false }
}
