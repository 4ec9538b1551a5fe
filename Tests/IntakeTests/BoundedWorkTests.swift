import Foundation
import Testing

@testable import Intake

// Work on outside text is bounded before it is done: a message longer than a message may be is
// refused before the identifier detectors read it, and its length counts Unicode scalars, so
// combining marks cannot stretch one "character" without end.

@Test(arguments: [
    String(repeating: "a", count: 60_000),  // one long run, the old e-mail detector's worst case
    "a" + String(repeating: "\u{0301}", count: 32_000),  // one character of 64 KB
    String(repeating: "12 34 56 78 ", count: 5_000),  // phone numbers all the way
    String(repeating: "x@", count: 30_000),
])
func aMessageLongerThanTheLimitIsRefusedBeforeItIsRead(body: String) async throws {
    let place = try Workplace()
    let (token, _) = try await place.submit()
    await #expect(throws: CaseWorkError.invalid([FieldProblem("body", .tooLong(maximum: AppDatabase.messageLimit))])) {
        try await place.intake.sendMessage(try await place.intake.findCase(token: token), body: body, refusingIdentifiers: true)
    }
    #expect(try await place.intake.show(try await place.intake.findCase(token: token)).messages.isEmpty)
}

@Test func theLimitCountsUnicodeScalars() async throws {
    let place = try Workplace()
    let (token, _) = try await place.submit()
    // "é" as e + a combining accent: two scalars each.
    let atTheLimit = String(repeating: "e\u{0301}", count: AppDatabase.messageLimit / 2)
    let message = try await place.intake.sendMessage(try await place.intake.findCase(token: token), body: atTheLimit)
    #expect(message.body.unicodeScalars.count == AppDatabase.messageLimit)
    await #expect(throws: CaseWorkError.invalid([FieldProblem("body", .tooLong(maximum: AppDatabase.messageLimit))])) {
        try await place.intake.sendMessage(try await place.intake.findCase(token: token), body: atTheLimit + "e")
    }
}

@Test func theDetectorsStillFindWhatTheyLookForAtTheLimit() {
    let filler = String(repeating: "a", count: 1_900)
    #expect(IdentifierDetector.identifiers(in: filler + " skriv til mig@eksempel.dk") == [.email])
    #expect(IdentifierDetector.identifiers(in: "(mig@eksempel.dk)" + filler) == [.email])
    #expect(IdentifierDetector.identifiers(in: filler + "@" + filler) == [])
    #expect(IdentifierDetector.identifiers(in: filler + " 2411261234") == [.cpr])
}
