import Foundation
import Intake
import Testing

@testable import IntakeServer

@Test func theCaseIsOpenedOnlyByAWellFormedKnownTokenAndUnknownOnesAreCounted() async throws {
    let services = try CitizenServices.testing()
    let issued = try await services.intake.submit(
        Submission(questionnaire: "asi-sr-1", language: .da, answers: try exampleAnswers()))
    let access = CaseAccess(intake: services.intake)
    // The standard limits (the tests' configuration raises them).
    let (limiter, throttle) = (RateLimiter(capacities: [:]), FailureThrottle())
    let limit = RequestLimit(activity: .lookup, limiter: limiter, throttle: throttle, client: services.clientKeys.key(for: "192.0.2.1"))

    let opened = try await access.open(token: issued.token.formatted, limit: limit)
    #expect(opened.reference == issued.storedCase.reference)
    await #expect(throws: CaseAccess.Refusal.missingToken) { try await access.open(token: nil, limit: limit) }
    await #expect(throws: CaseAccess.Refusal.malformed) { try await access.open(token: "ß", limit: limit) }

    // Five unknown tokens are free; then the client must wait, even with the right token.
    let unknown = Token.generate().formatted
    for _ in 0..<5 {
        await #expect(throws: CaseAccess.Refusal.unknown) { try await access.open(token: unknown, limit: limit) }
    }
    let refusal = await #expect(throws: CaseAccess.Refusal.self) {
        try await access.open(token: issued.token.formatted, limit: limit)
    }
    // The first wait is 2 seconds, rounded up to whole seconds as it runs out.
    #expect(refusal == .mustWait(seconds: 2) || refusal == .mustWait(seconds: 1))
    // Another client is not held back.
    let other = RequestLimit(activity: .lookup, limiter: limiter, throttle: throttle, client: services.clientKeys.key(for: "192.0.2.2"))
    #expect(try await access.open(token: issued.token.formatted, limit: other).reference == opened.reference)
}
