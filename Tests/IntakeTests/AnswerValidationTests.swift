import Testing

@testable import Intake

private let questionnaire = Profiles.questionnaire

private func problems(_ changes: [String: JSONValue], removing removed: [String] = []) -> [AnswerProblem] {
    var raw = Profiles.rawAnswers(changes)
    for id in removed { raw.removeValue(forKey: id) }
    switch questionnaire.validate(raw) {
    case .success: return []
    case .failure(let failure): return failure.problems
    }
}

@Test func completeBaselineIsValid() throws {
    let sheet = try questionnaire.validate(Profiles.rawAnswers()).get()
    #expect(sheet == Profiles.sheet())
}

@Test func everyItemAcceptsSkip() throws {
    let allSkipped = Dictionary(uniqueKeysWithValues: questionnaire.items.map { ($0.id, JSONValue.string("skip")) })
    let sheet = try questionnaire.validate(allSkipped).get()
    #expect(sheet.answers.values.allSatisfy { $0 == .skip })
}

@Test func missingItemsAreEachReported() {
    #expect(
        problems([:], removing: ["med.days", "crisis.now"]) == [
            AnswerProblem(item: "crisis.now", kind: .missing), AnswerProblem(item: "med.days", kind: .missing),
        ])
}

@Test func unknownItemsAreReportedAfterTheOthers() {
    #expect(
        problems(["zzz.made_up": .integer(1), "med.days": .integer(31)]) == [
            AnswerProblem(item: "med.days", kind: .expectedNumber(0...30)), AnswerProblem(item: "zzz.made_up", kind: .unknownItem),
        ])
}

@Test(arguments: [
    (JSONValue.integer(31), false), (.integer(-1), false), (.integer(30), true), (.integer(0), true),
    (.number(3.5), false), (.number(3.0), true), (.string("3"), false), (.bool(true), false), (.null, false),
    (.number(1e300), false), (.array([.integer(3)]), false), (.string("skip"), true),
])
func daysMustBeAWholeNumberFromZeroToThirty(value: JSONValue, isValid: Bool) {
    #expect(problems(["med.days": value]).isEmpty == isValid)
}

@Test func ratingsStopAtFourAndScalesAtTheirLastOption() {
    #expect(problems(["med.troubled": .integer(5)]) == [AnswerProblem(item: "med.troubled", kind: .expectedNumber(0...4))])
    #expect(problems(["legal.awaiting": .integer(2)]) == [AnswerProblem(item: "legal.awaiting", kind: .expectedNumber(0...1))])
    #expect(problems(["legal.awaiting": .integer(1), "alc.money_band": .integer(4)]).isEmpty)
}

@Test func choicesMustBeOneOfTheOptions() {
    #expect(problems(["bg.age_band": .string("17")]) == [AnswerProblem(item: "bg.age_band", kind: .unknownChoice("17"))])
    #expect(problems(["bg.age_band": .integer(25)]) == [AnswerProblem(item: "bg.age_band", kind: .expectedChoice)])
    #expect(problems(["bg.municipality": .string("999")]) == [AnswerProblem(item: "bg.municipality", kind: .unknownChoice("999"))])
    #expect(problems(["bg.municipality": .string("unknown")]).isEmpty)
    #expect(problems(["bg.municipality": .string("751")]).isEmpty)
}

@Test func setsTakeDistinctOptionsOnly() {
    #expect(problems(["psy.symptoms": .array([.string("anxiety"), .string("depression")])]).isEmpty)
    #expect(
        problems(["psy.symptoms": .array([.string("anxiety"), .string("anxiety")])]) == [
            AnswerProblem(item: "psy.symptoms", kind: .repeatedSelectionMember("anxiety"))
        ])
    #expect(
        problems(["psy.symptoms": .array([.string("sad")])]) == [
            AnswerProblem(item: "psy.symptoms", kind: .unknownSelectionMember("sad"))
        ])
    #expect(problems(["psy.symptoms": .string("anxiety")]) == [AnswerProblem(item: "psy.symptoms", kind: .expectedSelection)])
    #expect(problems(["psy.symptoms": .array([.integer(1)])]) == [AnswerProblem(item: "psy.symptoms", kind: .expectedSelection)])
}
