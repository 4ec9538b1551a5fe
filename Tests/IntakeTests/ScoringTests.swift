import Testing

@testable import Intake

/// A profile and the composite it must produce, computed by hand from the formulas of
/// `asi-items.md` (the fractions are written out; the comment gives the decimal).
struct CompositeCase: CustomTestStringConvertible, Sendable {
    let name: String
    let domain: Domain
    let answers: [String: Answer]
    let expected: Double?
    var testDescription: String { name }
}

private func n(_ value: Int) -> Answer { .number(value) }

let compositeCases: [CompositeCase] = [
    // medical = days/90 + troubled/12 + importance/12
    .init(name: "medical nothing", domain: .medical, answers: [:], expected: 0),
    .init(name: "medical 27 days is exactly 0.3", domain: .medical, answers: ["med.days": n(27)], expected: 27.0 / 90),
    .init(
        name: "medical 7 days t3 i2 = 0.4944", domain: .medical, answers: ["med.days": n(7), "med.troubled": n(3), "med.importance": n(2)],
        expected: 7.0 / 90 + 3.0 / 12 + 2.0 / 12),
    .init(
        name: "medical maximum", domain: .medical, answers: ["med.days": n(30), "med.troubled": n(4), "med.importance": n(4)], expected: 1),
    .init(name: "medical skipped rating", domain: .medical, answers: ["med.troubled": .skip], expected: nil),
    // employment = (1 − days_worked/30)/4 + (1 − income_band/4)/4 + troubled/16 + importance/16
    .init(name: "employment full-time top band", domain: .employment, answers: [:], expected: 0),
    .init(
        name: "employment no work no income = 0.5", domain: .employment, answers: ["emp.days_worked": n(0), "emp.income_band": n(0)],
        expected: 0.25 + 0.25),
    .init(
        name: "employment 24 days t4 = 0.3", domain: .employment, answers: ["emp.days_worked": n(24), "emp.troubled": n(4)],
        expected: 6.0 / 120 + 4.0 / 16),
    .init(
        name: "employment 15 days band 2 t2 i1 = 0.4375", domain: .employment,
        answers: ["emp.days_worked": n(15), "emp.income_band": n(2), "emp.troubled": n(2), "emp.importance": n(1)], expected: 0.4375),
    .init(
        name: "employment maximum", domain: .employment,
        answers: ["emp.days_worked": n(0), "emp.income_band": n(0), "emp.troubled": n(4), "emp.importance": n(4)], expected: 1),
    .init(name: "employment skipped band", domain: .employment, answers: ["emp.income_band": .skip], expected: nil),
    // alcohol = (days_any + days_heavy + days_problems)/180 + troubled/24 + importance/24 + money_band/24
    .init(
        name: "alcohol 30 + 24 days is exactly 0.3", domain: .alcohol, answers: ["alc.days_any": n(30), "alc.days_heavy": n(24)],
        expected: 54.0 / 180),
    .init(
        name: "alcohol 20/10/5 t2 i1 m3 = 0.4444", domain: .alcohol,
        answers: [
            "alc.days_any": n(20), "alc.days_heavy": n(10), "alc.days_problems": n(5), "alc.troubled": n(2), "alc.importance": n(1),
            "alc.money_band": n(3),
        ], expected: 35.0 / 180 + 6.0 / 24),
    .init(
        name: "alcohol maximum", domain: .alcohol,
        answers: [
            "alc.days_any": n(30), "alc.days_heavy": n(30), "alc.days_problems": n(30), "alc.troubled": n(4), "alc.importance": n(4),
            "alc.money_band": n(4),
        ], expected: 1),
    .init(name: "alcohol skipped money", domain: .alcohol, answers: ["alc.money_band": .skip], expected: nil),
    // drug = (nine class days + days_multiple + days_problems)/390 + troubled/52 + importance/52
    .init(
        name: "drug heroin 30 + multiple 9 = 0.1", domain: .drug, answers: ["drug.days.heroin": n(30), "drug.days_multiple": n(9)],
        expected: 39.0 / 390),
    .init(
        name: "drug cocaine 10 cannabis 20 = 0.2064", domain: .drug,
        answers: [
            "drug.days.cocaine": n(10), "drug.days.cannabis": n(20), "drug.days_multiple": n(8), "drug.days_problems": n(5),
            "drug.troubled": n(3), "drug.importance": n(2),
        ], expected: 43.0 / 390 + 5.0 / 52),
    .init(
        name: "drug maximum", domain: .drug,
        answers: Dictionary(uniqueKeysWithValues: ItemID.drugClassDays.map { ($0, n(30)) })
            .merging(["drug.days_multiple": n(30), "drug.days_problems": n(30), "drug.troubled": n(4), "drug.importance": n(4)]) { $1 },
        expected: 1),
    .init(name: "drug skipped class", domain: .drug, answers: ["drug.days.hallucinogens": .skip], expected: nil),
    .init(
        name: "drug injected and overdose are not scored", domain: .drug, answers: ["drug.injected": .skip, "drug.overdose": .skip],
        expected: 0),
    // legal = awaiting/5 + days_illegal/150 + seriousness/20 + importance/20 + income_band/20
    .init(
        name: "legal 0.55", domain: .legal,
        answers: [
            "legal.awaiting": n(1), "legal.days_illegal": n(15), "legal.seriousness": n(2), "legal.importance": n(2),
            "legal.income_band": n(1),
        ], expected: 0.2 + 0.1 + 0.1 + 0.1 + 0.05),
    .init(
        name: "legal maximum", domain: .legal,
        answers: [
            "legal.awaiting": n(1), "legal.days_illegal": n(30), "legal.seriousness": n(4), "legal.importance": n(4),
            "legal.income_band": n(4),
        ], expected: 1),
    .init(name: "legal skipped awaiting", domain: .legal, answers: ["legal.awaiting": .skip], expected: nil),
    // family = living/10 + days_conflict/150 + troubled/20 + importance/20 + (problems_with/9)/5
    .init(name: "family indifferent = 0.1", domain: .family, answers: ["fam.living_satisfied": .choice("indifferent")], expected: 0.1),
    .init(
        name: "family 0.5167", domain: .family,
        answers: [
            "fam.living_satisfied": .choice("no"), "fam.days_conflict": n(15), "fam.troubled": n(2), "fam.importance": n(1),
            "fam.problems_with": .selection(["mother", "partner", "friends"]),
        ], expected: 0.2 + 0.1 + 0.1 + 0.05 + 3.0 / 45),
    .init(
        name: "family maximum", domain: .family,
        answers: [
            "fam.living_satisfied": .choice("no"), "fam.days_conflict": n(30), "fam.troubled": n(4), "fam.importance": n(4),
            "fam.problems_with": .selection([
                "mother", "father", "siblings", "partner", "children", "other_family", "friends", "neighbours", "colleagues",
            ]),
        ], expected: 1),
    .init(name: "family skipped problems", domain: .family, answers: ["fam.problems_with": .skip], expected: nil),
    // psychiatric = symptoms/11 + days/330 + troubled/44 + importance/44
    .init(
        name: "psychiatric 0.3030", domain: .psychiatric,
        answers: ["psy.symptoms": .selection(["depression", "anxiety"]), "psy.days": n(10), "psy.troubled": n(2), "psy.importance": n(2)],
        expected: 2.0 / 11 + 10.0 / 330 + 4.0 / 44),
    .init(
        name: "psychiatric maximum", domain: .psychiatric,
        answers: [
            "psy.symptoms": .selection([
                "depression", "anxiety", "hallucinations", "concentration", "violence", "suicidal_thoughts", "suicide_attempt",
                "medication",
            ]), "psy.days": n(30), "psy.troubled": n(4), "psy.importance": n(4),
        ], expected: 1),
    .init(name: "psychiatric skipped days", domain: .psychiatric, answers: ["psy.days": .skip], expected: nil),
]

@Test(arguments: compositeCases)
func compositeMatchesTheHandComputedValue(_ testCase: CompositeCase) {
    let composites = Profiles.questionnaire.composites(for: Profiles.sheet(testCase.answers))
    if let expected = testCase.expected {
        let value = composites[testCase.domain]
        #expect(value != nil && abs(value! - expected) < closeEnough, "got \(String(describing: value))")
    } else {
        #expect(composites[testCase.domain] == nil)
    }
}

@Test func skippingOneItemLeavesTheOtherDomainsScored() {
    let composites = Profiles.questionnaire.composites(for: Profiles.sheet(["med.days": .skip]))
    #expect(composites.missingDomains == [.medical])
    #expect(composites[.drug] == 0)
}

@Test func roundedCompositesHaveThreeDecimals() {
    let composites = Composites([.medical: 7.0 / 90 + 3.0 / 12 + 2.0 / 12, .drug: 43.0 / 390 + 5.0 / 52])
    #expect(composites.rounded[.medical] == 0.494)
    #expect(composites.rounded[.drug] == 0.206)
    #expect(composites.rounded[.legal] == nil)
}

@Test func eachDomainsIndexIsItsPlaceInAllCases() {
    for (place, domain) in Domain.allCases.enumerated() { #expect(domain.index == place) }
    var composites = Composites()
    for (place, domain) in Domain.allCases.enumerated() { composites[domain] = Double(place) / 10 }
    #expect(Domain.allCases.map { composites[$0] } == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
    #expect(Composites([.drug: 0.5]).missingDomains == Domain.allCases.filter { $0 != .drug })
}
