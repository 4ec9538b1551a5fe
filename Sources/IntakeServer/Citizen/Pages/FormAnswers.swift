import Intake

/// The answers of a questionnaire in progress: the raw strings of each item as the pages sent
/// them, bounded (a choice keeps only its own options, a number its first characters), so the
/// sealed draft in the person's browser stays small whatever a hand-made form sends. Nothing is
/// stored on the server until the person sends the answers.
struct FormAnswers: Sendable {
    let steps: PageSteps
    private var values: [String: [String]] = [:]
    /// The slug of the partner site the person came through.
    var partner: String?

    /// The most characters kept of a typed number: more cannot be a number from 0 to 30.
    static let typedLength = 6
    /// What the "none" box of a days item sends: 0 days, without typing it.
    static let noDays = "none"

    /// No answers yet.
    init(steps: PageSteps) {
        self.steps = steps
    }

    /// The answers as the draft keeps them: one list of values per item, in the order of
    /// `PageSteps.allItems` (an empty list: not answered).
    init(steps: PageSteps, positional: [[String]]) {
        self.steps = steps
        for (item, sent) in zip(steps.allItems, positional) where !sent.isEmpty {
            values[item.id] = Self.bounded(sent, for: item)
        }
    }

    /// Every answer in the order of `PageSteps.allItems`, for the draft.
    var positional: [[String]] { steps.allItems.map { values[$0.id] ?? [] } }

    /// Takes the answers of the items `step` shows from a posted step; an item the form did not
    /// send at all is not answered. Other steps' answers stay as they are.
    mutating func update(from form: FormBody, step: PageSteps.Step) {
        for item in steps.shown(step, self) {
            values[item.id] = form.all(item.id).map { Self.bounded($0, for: item) }
        }
    }

    /// Whether `scalar` is kept of what was typed: not a control character, nor a separator of
    /// the sealed draft (`PackedAnswers`).
    private static func isKeptInTyping(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory != .control && scalar != PackedAnswers.item && scalar != PackedAnswers.value
    }

    /// What is worth keeping of the values sent for `item`.
    private static func bounded(_ sent: [String], for item: Item) -> [String] {
        var kept: [String] = []
        for value in sent where !kept.contains(value) {
            if item.kind == .days || item.options.isEmpty {
                // Typed: the number (or what was typed instead, to show it again), the skip and the none box.
                // Control characters are never part of a number, nor shown again, nor the draft's separators.
                let typed = String(String.UnicodeScalarView(value.unicodeScalars.filter(Self.isKeptInTyping)))
                if value == Questionnaire.skip || value == noDays || kept.count < 2 { kept.append(String(typed.prefix(typedLength))) }
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
        let given = sent.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != Self.noDays }
        switch item.kind {
        case .days, .rating, .scale:
            if sent.contains(Self.noDays) {
                // "None" and a number other than 0 contradict each other: not an answer yet.
                return given.allSatisfy { $0 == "0" } ? .integer(0) : .string(Self.noDays)
            }
            guard let first = given.first else { return nil }
            return Int(first).map(JSONValue.integer) ?? .string(first)
        case .choice:
            return given.first.map(JSONValue.string)
        case .set:
            return .array(given.map(JSONValue.string))
        }
    }

    /// Whether the person ticked "none" and also wrote a number other than 0.
    func isNoneWithNumber(_ item: Item) -> Bool { raw(item) == .string(Self.noDays) }

    /// The chosen options of a set item; `nil` when not answered or skipped.
    func selection(_ id: String) -> [String]? {
        guard let item = steps.item(id), case .array(let chosen) = raw(item) else { return nil }
        return chosen.compactMap { if case .string(let value) = $0 { value } else { nil } }
    }

    /// The whole number answered to a numeric item; `nil` when not answered, skipped or not a number.
    func number(_ id: String) -> Int? {
        guard let item = steps.item(id), case .integer(let number) = raw(item) else { return nil }
        return number
    }

    /// Whether nothing at all was answered to `id`.
    func isUnanswered(_ id: String) -> Bool { values[id].map { $0.allSatisfy(\.isEmpty) } ?? true }

    /// Every item of the questionnaire, for the submission: as answered where the step shows it,
    /// implied where an earlier answer decides it (`PageSteps.ImpliedAnswer`).
    var allRaw: [String: JSONValue] {
        var raw: [String: JSONValue] = [:]
        for item in steps.questionnaire.items { raw[item.id] = steps.impliedAnswer(item, self) ?? self.raw(item) }
        return raw
    }

    /// The problems of the items `step` shows; an item that may be left empty is not missing.
    func problems(in step: PageSteps.Step) -> [AnswerProblem] {
        steps.shown(step, self).compactMap { item in
            if steps.impliedAnswer(item, self) != nil { return nil }
            if case .failure(let kind) = item.answer(from: raw(item)) { return AnswerProblem(item: item.id, kind: kind) }
            return nil
        }
    }

    /// The valid answers of one step, as a partial sheet.
    func sheet(of step: PageSteps.Step) -> AnswerSheet {
        var answers: [String: Answer] = [:]
        for item in steps.shown(step, self) {
            if case .success(let answer) = item.answer(from: raw(item)) { answers[item.id] = answer }
        }
        return AnswerSheet(answers)
    }

    /// The answer to `item` in words, for the check page.
    func inWords(_ item: Item, wording: Wording) -> String {
        let language = wording.language
        let pages = wording.pages
        let skipLabel = steps.questionnaire.skipLabel[language]
        guard let answer = steps.impliedAnswer(item, self) ?? raw(item) else { return pages.text("page.check.notAnswered", language) }
        switch answer {
        case .string(Questionnaire.skip): return skipLabel
        case .integer(let number) where item.kind == .days: return pages.text("page.check.days", language, ["days": "\(number)"])
        case .integer(let number): return item.options.first { $0.value == "\(number)" }.map { wording.option(item, $0) } ?? "\(number)"
        case .string(let value):
            return item.options.first { $0.value == value }.map { wording.option(item, $0) }
                ?? pages.text("page.check.notAnswered", language)
        case .array(let chosen):
            let labels = item.options.filter { chosen.contains(.string($0.value)) }.map { wording.option(item, $0) }
            return labels.isEmpty ? pages.text("page.check.none", language) : labels.joined(separator: ", ")
        default: return pages.text("page.check.notAnswered", language)
        }
    }

    /// The typed number of a numeric item, for showing it again.
    func typedNumber(_ item: Item) -> String { Self.typed(in: sent(item.id)) }

    /// What was typed among the values `sent` for an item: not "skip" nor the "none" box.
    static func typed(in sent: [String]) -> String {
        sent.first { !$0.isEmpty && $0 != Questionnaire.skip && $0 != Self.noDays } ?? ""
    }

    /// The values kept for the item with `id`, as sent (empty: not answered).
    func sent(_ id: String) -> [String] { values[id] ?? [] }

    /// Whether `value` is chosen for `item`.
    func isChosen(_ value: String, for item: Item) -> Bool { values[item.id]?.contains(value) ?? false }
}
