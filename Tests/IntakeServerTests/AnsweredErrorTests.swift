import Argon2
import HTTPTypes
import Intake
import Testing

@testable import IntakeServer

private let texts = try! TextCatalog.loadService()

private func answer(_ error: any AnsweredError, actions: [CaseAction] = CaseAction.staffActions) -> APIError {
    error.answer(in: AnswerContext(texts: texts, language: .en, actions: actions, currentQuestionnaire: "asi-sr-1"))
}

@Test(arguments: [
    // every domain error → the status it is answered with, and the field it names
    (CaseWorkError.caseNotFound as any AnsweredError, HTTPResponse.Status.notFound, String?.none),
    (CaseWorkError.heldBy("mette"), .conflict, nil),
    (CaseWorkError.unknownProvider("x"), .unprocessableContent, "provider"),
    (CaseWorkError.unknownStaff("x"), .unprocessableContent, "to"),
    (CaseWorkError.slotTaken, .conflict, nil),
    (CaseWorkError.invalid([FieldProblem("track", .required)]), .unprocessableContent, "track"),
    (InvalidFields([FieldProblem("internal", .invalid)]), .unprocessableContent, "internal"),
    (SubmissionError.idempotencyKeyMalformed, .badRequest, nil),
    (SubmissionError.idempotencyKeyReused, .unprocessableContent, nil),
    (TokenLookupError.malformed, .unprocessableContent, "token"),
    (TokenLookupError.unknown, .notFound, nil),
    (CaseAccess.Refusal.missingToken, .unprocessableContent, "token"),
    (CaseAccess.Refusal.mustWait(seconds: 4), .tooManyRequests, nil),
    (StaffError.invalidCredentials, .unauthorized, nil),
    (StaffError.usernameTaken("mette"), .conflict, nil),
    (StaffError.unknownUser("nobody"), .notFound, nil),
    (StaffError.malformedUsername("Ø"), .unprocessableContent, "username"),
    (StaffError.wrongCurrentPassword, .unprocessableContent, "currentPassword"),
    (StaffError.weakPassword(minimumLength: 12), .unprocessableContent, "newPassword"),
    (ProviderError.slugTaken("kbh"), .conflict, nil),
    (ProviderError.unknown("kbh"), .notFound, nil),
    (PartnerError.slugTaken("cafe"), .conflict, nil),
    (PartnerError.unknown("cafe"), .notFound, nil),
    (PasswordHasher.Busy(), .serviceUnavailable, nil),
])
func everyDomainErrorHasOneAnswer(error: any AnsweredError, status: HTTPResponse.Status, field: String?) {
    let answered = answer(error)
    #expect(answered.status == status)
    #expect(answered.items?.first?.item == field)
    #expect(!answered.message.isEmpty && !answered.message.hasPrefix("error."), "a text is missing for \(error)")
}

@Test func waitingAndBusyAnswersSayWhenToTryAgain() {
    #expect(answer(CaseAccess.Refusal.mustWait(seconds: 4)).headers[.retryAfter] == "4")
    #expect(answer(PasswordHasher.Busy()).headers[.retryAfter] == "1")
}

@Test func aRefusedStateChangeNamesOnlyTheActionsTheSideCanTake() {
    let refused = CaseWorkError.notAllowed(state: .claimed, action: .claim, allowed: [.release, .book, .withdraw, .decide])
    #expect(answer(refused).allowedActions == ["release", "decide"])
    #expect(answer(refused, actions: [.book, .cancelBooking, .withdraw]).allowedActions == ["book", "withdraw"])
}

@Test func aSubmissionIsAnsweredInTheLanguageThePersonAnsweredIn() {
    let danish = InLanguage(error: SubmissionError.idempotencyKeyReused, language: .da)
    #expect(answer(danish).message != answer(SubmissionError.idempotencyKeyReused).message)
}
