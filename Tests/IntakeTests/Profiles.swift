import Intake

/// Answer sheets for tests: a baseline person with no problems at all, changed item by item.
enum Profiles {
    static let questionnaire = try! Questionnaire.load()
    static let rules = try! TriageRules.load()

    /// Every item answered: choices that raise nothing, zero days and ratings, full-time work at
    /// the top income band (so that every composite is 0).
    static let baseline: [String: Answer] = {
        var answers: [String: Answer] = [:]
        for item in questionnaire.items {
            switch item.kind {
            case .days, .rating, .scale: answers[item.id] = .number(0)
            case .set: answers[item.id] = .selection([])
            case .choice: answers[item.id] = .choice(item.options[0].value)
            }
        }
        let choices: [String: String] = [
            "crisis.now": "no", "bg.for_whom": "self", "bg.age_band": "25-34", "bg.municipality": "101",
            "bg.children_at_home": "no", "bg.in_treatment": "no", "bg.can_attend": "yes", "bg.goal": "stop",
            "bg.contact": "phone", "bg.stay_anonymous": "yes", "fam.living_satisfied": "yes",
            "drug.injected": "no", "drug.overdose": "never",
        ]
        for (id, value) in choices { answers[id] = .choice(value) }
        answers["emp.days_worked"] = .number(30)
        answers["emp.income_band"] = .number(4)
        return answers
    }()

    /// The baseline with some answers replaced.
    static func sheet(_ changes: [String: Answer] = [:]) -> AnswerSheet {
        AnswerSheet(baseline.merging(changes) { _, new in new })
    }

    /// Scores and triages the baseline with some answers replaced.
    static func assess(_ changes: [String: Answer]) -> Assessment {
        let sheet = sheet(changes)
        return rules.assess(sheet, composites: questionnaire.composites(for: sheet), questionnaireVersion: questionnaire.version)
    }

    /// The baseline as raw JSON values, as a client would send it.
    static func rawAnswers(_ changes: [String: JSONValue] = [:]) -> [String: JSONValue] {
        var raw: [String: JSONValue] = [:]
        for (id, answer) in baseline {
            switch answer {
            case .skip: raw[id] = .string("skip")
            case .number(let number): raw[id] = .integer(number)
            case .choice(let choice): raw[id] = .string(choice)
            case .selection(let values): raw[id] = .array(values.map(JSONValue.string))
            }
        }
        return raw.merging(changes) { _, new in new }
    }
}

/// Tolerance for comparing a composite with a hand-computed fraction.
let closeEnough = 1e-12
