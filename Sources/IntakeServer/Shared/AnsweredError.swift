import Hummingbird
import Intake

/// What an error needs to become an answer, besides itself: the texts, the language, the case
/// actions the side offers (the person's or the staff's), and the questionnaire version asked.
struct AnswerContext: Sendable {
    let texts: TextCatalog
    let language: Language
    let actions: [CaseAction]
    let currentQuestionnaire: String
}

/// An error the JSON APIs answer in one way wherever it is thrown: a status and a message a
/// person can act on. The domain's errors conform here, in the HTTP target (`Intake` knows no
/// HTTP); the error middleware of each side (`CitizenErrorMiddleware`, `StaffErrorMiddleware`) is the one
/// place that turns them into answers, and handlers only `try`.
protocol AnsweredError: Error {
    func answer(in context: AnswerContext) -> APIError
}

extension APIError: AnsweredError {
    func answer(in context: AnswerContext) -> APIError { self }
}

/// An error to answer in another language than the request asks for: a submission's errors are
/// told in the language the person answered in.
struct InLanguage: AnsweredError {
    let error: any AnsweredError
    let language: Language

    func answer(in context: AnswerContext) -> APIError {
        error.answer(
            in: AnswerContext(
                texts: context.texts, language: language, actions: context.actions, currentQuestionnaire: context.currentQuestionnaire))
    }
}

/// Fields of a JSON body present with the wrong type or an unknown value, or missing: an HTTP
/// reading problem, answered like a refused field of the domain.
struct InvalidFields: AnsweredError, Equatable {
    let problems: [FieldProblem]

    init(_ problems: [FieldProblem]) {
        self.problems = problems
    }

    /// The same, each field named once, the first problem of it kept.
    init(reading: [FieldProblem], then domain: [FieldProblem]) {
        var seen = Set<String>()
        problems = (reading + domain).filter { seen.insert($0.field).inserted }
    }

    func answer(in context: AnswerContext) -> APIError {
        CaseWorkError.invalid(problems).answer(in: context)
    }
}
