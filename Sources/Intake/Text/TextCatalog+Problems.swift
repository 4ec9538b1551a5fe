extension TextCatalog {
    /// What to tell the person about one problem.
    public func message(for kind: AnswerProblem.Kind, _ language: Language, currentQuestionnaire: String) -> String {
        // Values sent by the client are quoted back shortened, so a huge value cannot bloat the answer.
        func quoted(_ value: String) -> String { value.count > 40 ? value.prefix(40) + "…" : value }
        switch kind {
        case .unknownItem: return text("problem.unknownItem", language)
        case .missing: return text("problem.missing", language)
        case .expectedNumber(let range):
            return text("problem.expectedNumber", language, ["min": "\(range.lowerBound)", "max": "\(range.upperBound)"])
        case .expectedChoice: return text("problem.expectedChoice", language)
        case .unknownChoice(let value): return text("problem.unknownChoice", language, ["value": quoted(value)])
        case .expectedSelection: return text("problem.expectedSelection", language)
        case .unknownSelectionMember(let value): return text("problem.unknownSelectionMember", language, ["value": quoted(value)])
        case .repeatedSelectionMember(let value): return text("problem.repeatedSelectionMember", language, ["value": quoted(value)])
        case .unsupportedQuestionnaire(let value):
            return text("problem.unsupportedQuestionnaire", language, ["value": quoted(value), "current": currentQuestionnaire])
        case .expectedAnswers: return text("problem.expectedAnswers", language)
        case .unsupportedLanguage: return text("problem.unsupportedLanguage", language)
        }
    }

    /// What to tell about one wrong field.
    public func message(for kind: FieldProblem.Kind, _ language: Language) -> String {
        switch kind {
        case .required: text("field.required", language)
        case .tooLong(let maximum): text("field.tooLong", language, ["maximum": "\(maximum)"])
        case .invalid: text("field.invalid", language)
        case .requiredWhenTrackDiffers: text("field.requiredWhenTrackDiffers", language)
        case .requiredWhenLate(let deadline): text("field.requiredWhenLate", language, ["deadline": deadline.iso])
        case .beforeFirstContact: text("field.beforeFirstContact", language)
        case .notAnonymousProvider: text("field.notAnonymousProvider", language)
        case .phoneNumberNeeded: text("field.phoneNumberNeeded", language)
        case .malformedSlug: text("field.malformedSlug", language)
        case .malformedOrigin: text("field.malformedOrigin", language)
        }
    }
}
