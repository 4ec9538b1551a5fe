import Argon2
import Hummingbird
import Intake

extension CaseWorkError: AnsweredError {
    /// A refused change of a case; the allowed actions named are those the side offers.
    func answer(in context: AnswerContext) -> APIError {
        let (texts, language) = (context.texts, context.language)
        switch self {
        case .caseNotFound:
            return texts.apiError(.notFound, "caseNotFound", language)
        case .notAllowed(let state, let action, let allowed):
            let names = allowed.filter(context.actions.contains).map(\.rawValue)
            var answer = texts.apiError(
                .conflict, "caseNotAllowed", language,
                ["state": state.rawValue, "action": action.rawValue, "allowed": names.isEmpty ? "–" : names.joined(separator: ", ")]
            )
            answer.allowedActions = names
            return answer
        case .heldBy(let holder):
            return holder.isEmpty
                ? texts.apiError(.conflict, "caseHeldByNobody", language)
                : texts.apiError(.conflict, "caseHeldBy", language, ["holder": holder])
        case .notOpen(let state):
            return texts.apiError(.conflict, "caseNotOpen", language, ["state": state.rawValue])
        case .unknownStaff(let name):
            return texts.apiError(.unprocessableContent, "unknownStaff", language, ["name": String(name.prefix(40))]).naming("to")
        case .unknownProvider(let slug):
            return texts.apiError(.unprocessableContent, "unknownProvider", language, ["slug": String(slug.prefix(40))]).naming("provider")
        case .slotNotFound: return texts.apiError(.notFound, "slotNotFound", language)
        case .slotTaken: return texts.apiError(.conflict, "slotTaken", language)
        case .slotInPast: return texts.apiError(.conflict, "slotInPast", language)
        case .slotBooked: return texts.apiError(.conflict, "slotBooked", language)
        case .invalid(let problems):
            var answer = texts.apiError(.unprocessableContent, "invalidRequest", language)
            answer.items = problems.map { .init(item: $0.field, message: texts.message(for: $0.kind, language)) }
            return answer
        }
    }
}

extension SubmissionError: AnsweredError {
    func answer(in context: AnswerContext) -> APIError {
        switch self {
        case .invalid(let problems):
            context.texts.apiError(for: problems, context.language, currentQuestionnaire: context.currentQuestionnaire)
        case .idempotencyKeyReused:
            context.texts.apiError(.unprocessableContent, "idempotencyKeyReused", context.language)
        case .idempotencyKeyMalformed:
            context.texts.apiError(.badRequest, "idempotencyKeyMalformed", context.language)
        }
    }
}

extension TokenLookupError: AnsweredError {
    /// A token read out on the phone that opens nothing (the staff look-up).
    func answer(in context: AnswerContext) -> APIError {
        switch self {
        case .malformed: context.texts.apiError(.unprocessableContent, "tokenMalformed", context.language).naming("token")
        case .unknown: context.texts.apiError(.notFound, "tokenUnknown", context.language)
        case .personsOwn: context.texts.apiError(.conflict, "tokenIsPersonsOwn", context.language)
        }
    }
}

extension CaseAccess.Refusal: AnsweredError {
    /// The person's token did not open their case (the JSON API; the pages show the token form).
    func answer(in context: AnswerContext) -> APIError {
        let (texts, language) = (context.texts, context.language)
        switch self {
        case .missingToken: return texts.apiError(.unprocessableContent, "missingToken", language).naming("token")
        case .malformed: return texts.apiError(.unprocessableContent, "tokenMalformed", language).naming("token")
        case .unknown: return texts.apiError(.notFound, "tokenUnknown", language)
        case .mustWait(let seconds):
            return texts.mustWait("tooManyAttempts", seconds: seconds, language)
        }
    }
}

extension StaffError: AnsweredError {
    func answer(in context: AnswerContext) -> APIError {
        let (texts, language) = (context.texts, context.language)
        switch self {
        case .invalidCredentials: return texts.apiError(.unauthorized, "staffInvalidCredentials", language)
        case .usernameTaken(let name): return texts.apiError(.conflict, "staffUsernameTaken", language, ["name": name])
        case .unknownUser(let name): return texts.apiError(.notFound, "staffUnknownUser", language, ["name": String(name.prefix(40))])
        case .malformedUsername:
            var answer = texts.apiError(.unprocessableContent, "invalidRequest", language)
            answer.items = [.init(item: "username", message: texts.text("error.staffMalformedUsername", language))]
            return answer
        case .wrongCurrentPassword:
            return texts.apiError(.unprocessableContent, "staffWrongCurrentPassword", language).naming("currentPassword")
        case .weakPassword(let length):
            return texts.apiError(.unprocessableContent, "staffWeakPassword", language, ["length": "\(length)"]).naming("newPassword")
        case .mustWait(let seconds):
            return texts.mustWait("staffAccountWait", seconds: seconds, language)
        case .mustChangePasswordFirst: return texts.apiError(.forbidden, "staffMustChangePassword", language)
        case .secondFactorAlreadySetUp: return texts.apiError(.conflict, "staffSecondFactorAlreadySetUp", language)
        case .noSecondFactorSetUp: return texts.apiError(.conflict, "staffNoSecondFactorSetUp", language)
        case .wrongSecondFactorCode:
            return texts.apiError(.unprocessableContent, "staffWrongSecondFactorCode", language).naming("code")
        }
    }
}

extension ProviderError: AnsweredError {
    func answer(in context: AnswerContext) -> APIError {
        switch self {
        case .slugTaken(let slug): context.texts.apiError(.conflict, "registerSlugTaken", context.language, ["slug": slug])
        case .unknown(let slug): context.texts.apiError(.notFound, "providerUnknown", context.language, ["slug": String(slug.prefix(40))])
        }
    }
}

extension PartnerError: AnsweredError {
    func answer(in context: AnswerContext) -> APIError {
        switch self {
        case .slugTaken(let slug): context.texts.apiError(.conflict, "registerSlugTaken", context.language, ["slug": slug])
        case .unknown(let slug): context.texts.apiError(.notFound, "partnerUnknown", context.language, ["slug": String(slug.prefix(40))])
        }
    }
}

extension PasswordHasher.Busy: AnsweredError {
    /// Too many passwords are being checked at once: try again in a second.
    func answer(in context: AnswerContext) -> APIError {
        var answer = context.texts.apiError(.serviceUnavailable, "staffBusy", context.language)
        answer.headers = [.retryAfter: "1"]
        return answer
    }
}

extension APIError {
    /// The same answer, naming `field` with its message (for a form to show it by the field).
    func naming(_ field: String) -> APIError {
        var answer = self
        answer.items = [.init(item: field, message: message)]
        return answer
    }
}

extension DataCipher.Failure {
    /// What staff are told of a case whose sealed values do not open: who can fix it, and how.
    func message(_ texts: TextCatalog, _ language: Language) -> String {
        switch self {
        case .damaged: texts.text("error.sealedDamaged", language)
        case .unknownKey(let id): texts.text("error.sealedUnknownKey", language, ["key": String(id, radix: 16)])
        }
    }

    /// The failure's kind for a log line: never the value, nor the case.
    var logName: String {
        switch self {
        case .damaged: "damaged"
        case .unknownKey: "unknownKey"
        }
    }
}
