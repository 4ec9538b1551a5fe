import Intake

/// The answers of a questionnaire in progress as the form carries them from step to step: the
/// raw strings of each item. Nothing is stored on the server until the last step is sent.
struct FormAnswers: Sendable {
    private let questionnaire: Questionnaire
    private var values: [String: [String]] = [:]
    /// The slug of the partner site the person came through, carried from step to step.
    var partner: String?

    /// No answers yet.
    init(questionnaire: Questionnaire) {
        self.questionnaire = questionnaire
    }

    /// The answers in a posted form; fields that are not item ids are left out.
    init(form: FormBody, questionnaire: Questionnaire) {
        self.questionnaire = questionnaire
        partner = form["partner"].flatMap { PartnerSlug.isWellFormed($0) ? $0 : nil }
        for item in questionnaire.items {
            if let sent = form.all(item.id) { values[item.id] = sent.map { String($0.prefix(100)) } }
        }
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

    /// Hidden fields that carry every answer outside `section` to the next page.
    func hiddenFields(except section: Section?) -> [[String: String]] {
        let shown = Set(section?.items.map(\.id) ?? [])
        var fields: [[String: String]] = []
        for item in questionnaire.items where !shown.contains(item.id) {
            guard let sent = values[item.id] else { continue }
            // A set item always carries an empty field, so "none of these" differs from "not answered".
            if item.kind == .set { fields.append(["name": item.id, "value": ""]) }
            for value in sent where !value.isEmpty { fields.append(["name": item.id, "value": value]) }
        }
        return fields
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
