import Testing

@testable import Intake

private func n(_ value: Int) -> Answer { .number(value) }

private func merged(_ parts: [String: Answer]...) -> [String: Answer] {
    parts.reduce(into: [:]) { result, part in result.merge(part) { _, new in new } }
}

/// drug = (30 + 9)/390 = 0.1 exactly on paper (a float sum may land a hair under).
private let drugNeed: [String: Answer] = ["drug.days.heroin": n(30), "drug.days_multiple": n(9)]
/// medical 30/90 + 2/12 = 0.5, employment 0.25 + 0.25 = 0.5, legal 0.2 + 0.2 + 0.1 = 0.5:
/// burden 3 at the threshold, with no troubled rating at all.
private let heavyBurden: [String: Answer] = [
    "med.days": n(30), "med.importance": n(2),
    "emp.days_worked": n(0), "emp.income_band": n(0),
    "legal.awaiting": n(1), "legal.days_illegal": n(30), "legal.importance": n(2),
]
/// Two drug classes and 10 days with more than one.
private let mixedUse: [String: Answer] = ["drug.days.heroin": n(20), "drug.days.cocaine": n(15), "drug.days_multiple": n(10)]
/// The seed-001 target group: mixed use, burden 3, not in treatment, feels burdened.
private let outreachGroup = merged(heavyBurden, mixedUse, ["drug.troubled": n(3)])

struct TriageCase: CustomTestStringConvertible, Sendable {
    let name: String
    let answers: [String: Answer]
    let track: Track
    let flags: Set<Flag>
    let priority: Int
    var testDescription: String { name }
}

private let triageCases: [TriageCase] = [
    // Rule 1: outreach
    .init(name: "outreach target group", answers: outreachGroup, track: .outreach, flags: [], priority: 2),
    .init(
        name: "outreach: in treatment is excluded", answers: merged(outreachGroup, ["bg.in_treatment": .choice("yes")]), track: .ambulant,
        flags: [], priority: 3),
    .init(
        name: "outreach: dropped out counts as not in treatment",
        answers: merged(outreachGroup, ["bg.in_treatment": .choice("dropped_out")]), track: .outreach, flags: [], priority: 2),
    .init(
        name: "outreach: skipped in_treatment is not yes", answers: merged(outreachGroup, ["bg.in_treatment": .skip]), track: .outreach,
        flags: [], priority: 2),
    .init(
        name: "outreach: burden 2 is not enough", answers: merged(outreachGroup, ["legal.awaiting": n(0)]), track: .ambulant, flags: [],
        priority: 3),
    .init(
        name: "outreach: medical 0.494 is below 0.5",
        answers: merged(outreachGroup, ["med.days": n(7), "med.troubled": n(3), "med.importance": n(2)]), track: .ambulant, flags: [],
        priority: 3),
    .init(
        name: "outreach: health is the larger of medical and psychiatric",
        answers: merged(
            outreachGroup,
            [
                "med.days": n(0), "med.importance": n(0), "psy.symptoms": .selection(["depression", "anxiety", "concentration"]),
                "psy.days": n(30), "psy.troubled": n(3), "psy.importance": n(3),
            ]), track: .outreach, flags: [.dualDiagnosis], priority: 2),
    .init(
        name: "outreach: 7 days with more than one is not intense", answers: merged(outreachGroup, ["drug.days_multiple": n(7)]),
        track: .ambulant, flags: [], priority: 3),
    .init(
        name: "outreach: one drug class is not mixed use", answers: merged(outreachGroup, ["drug.days.cocaine": n(0)]), track: .ambulant,
        flags: [], priority: 3),
    .init(
        name: "outreach: heavy drinking counts as a class",
        answers: merged(outreachGroup, ["drug.days.cocaine": n(0), "alc.days_any": n(1), "alc.days_heavy": n(1)]), track: .outreach,
        flags: [], priority: 2),
    .init(
        name: "outreach: not feeling burdened is excluded", answers: merged(outreachGroup, ["drug.troubled": n(1)]), track: .ambulant,
        flags: [], priority: 3),
    .init(
        name: "outreach: legal seriousness 2 counts as burdened",
        answers: merged(outreachGroup, ["drug.troubled": n(1), "legal.seriousness": n(2)]), track: .outreach, flags: [], priority: 2),
    .init(
        name: "outreach: cannot attend with burden 2",
        answers: [
            "bg.can_attend": .choice("no"), "med.days": n(30), "med.importance": n(2), "emp.days_worked": n(0), "emp.income_band": n(0),
        ], track: .outreach, flags: [.lowNeed], priority: 2),
    .init(
        name: "outreach: cannot attend with burden 1",
        answers: ["bg.can_attend": .choice("no"), "emp.days_worked": n(0), "emp.income_band": n(0)], track: .ambulant, flags: [.lowNeed],
        priority: 3),
    .init(
        name: "outreach: hard to attend is not cannot",
        answers: [
            "bg.can_attend": .choice("hard"), "med.days": n(30), "med.importance": n(2), "emp.days_worked": n(0), "emp.income_band": n(0),
        ], track: .ambulant, flags: [.lowNeed], priority: 3),
    // Rule 2: anonymous
    .init(name: "anonymous: drug 0.1 exactly meets the need", answers: drugNeed, track: .anonymous, flags: [], priority: 3),
    .init(
        name: "anonymous: drug 38/390 is no need", answers: ["drug.days.heroin": n(30), "drug.days_multiple": n(8)], track: .ambulant,
        flags: [.lowNeed], priority: 3),
    .init(name: "anonymous: troubled 2 is a need", answers: ["drug.troubled": n(2)], track: .anonymous, flags: [], priority: 3),
    .init(name: "anonymous: importance 2 is a need", answers: ["drug.importance": n(2)], track: .anonymous, flags: [], priority: 3),
    .init(
        name: "anonymous: troubled 1 and importance 1 are no need", answers: ["drug.troubled": n(1), "drug.importance": n(1)],
        track: .ambulant, flags: [.lowNeed], priority: 3),
    .init(
        name: "anonymous: medical 0.30 is another problem", answers: merged(drugNeed, ["med.days": n(27)]), track: .ambulant, flags: [],
        priority: 3),
    .init(
        name: "anonymous: medical 0.289 is not", answers: merged(drugNeed, ["med.days": n(26)]), track: .anonymous, flags: [], priority: 3),
    .init(
        name: "anonymous: employment 0.30 is another problem", answers: merged(drugNeed, ["emp.days_worked": n(24), "emp.troubled": n(4)]),
        track: .ambulant, flags: [], priority: 3),
    .init(
        name: "anonymous: employment 0.292 is not", answers: merged(drugNeed, ["emp.days_worked": n(25), "emp.troubled": n(4)]),
        track: .anonymous, flags: [], priority: 3),
    .init(
        name: "anonymous: family 0.30 is another problem", answers: merged(drugNeed, ["fam.troubled": n(4), "fam.importance": n(2)]),
        track: .ambulant, flags: [], priority: 3),
    .init(
        name: "anonymous: legal 0.30 is another problem",
        answers: merged(drugNeed, ["legal.seriousness": n(4), "legal.importance": n(1), "legal.income_band": n(1)]), track: .ambulant,
        flags: [], priority: 3),
    .init(
        name: "anonymous: hallucinations are another problem", answers: merged(drugNeed, ["psy.symptoms": .selection(["hallucinations"])]),
        track: .ambulant, flags: [], priority: 3),
    .init(
        name: "anonymous: depression alone at 0.09 is not", answers: merged(drugNeed, ["psy.symptoms": .selection(["depression"])]),
        track: .anonymous, flags: [], priority: 3),
    .init(
        name: "anonymous: alcohol 0.5 excludes",
        answers: merged(drugNeed, ["alc.days_any": n(30), "alc.days_heavy": n(30), "alc.days_problems": n(30)]), track: .ambulant,
        flags: [.alcohol], priority: 3),
    .init(
        name: "anonymous: alcohol 0.494 does not",
        answers: merged(drugNeed, ["alc.days_any": n(30), "alc.days_heavy": n(30), "alc.days_problems": n(29)]), track: .anonymous,
        flags: [.alcohol], priority: 3),
    .init(
        name: "anonymous: 18-24 is old enough", answers: merged(drugNeed, ["bg.age_band": .choice("18-24")]), track: .anonymous, flags: [],
        priority: 3),
    .init(
        name: "anonymous: 55+ is old enough", answers: merged(drugNeed, ["bg.age_band": .choice("55+")]), track: .anonymous, flags: [],
        priority: 3),
    .init(
        name: "anonymous: never under 18", answers: merged(drugNeed, ["bg.age_band": .choice("under18")]), track: .ambulant,
        flags: [.under18], priority: 2),
    .init(
        name: "anonymous: never with age skipped", answers: merged(drugNeed, ["bg.age_band": .skip]), track: .ambulant, flags: [],
        priority: 3),
    .init(
        name: "anonymous: an unknown composite is another problem", answers: merged(drugNeed, ["med.days": .skip]), track: .ambulant,
        flags: [.incomplete], priority: 3),
    .init(
        name: "anonymous: unknown alcohol excludes", answers: merged(drugNeed, ["alc.money_band": .skip]), track: .ambulant,
        flags: [.incomplete], priority: 3),
    .init(
        name: "anonymous: unknown drug composite, need from importance", answers: ["drug.days.cannabis": .skip, "drug.importance": n(2)],
        track: .anonymous, flags: [.incomplete], priority: 3),
    .init(
        name: "ambulant: unknown drug composite and no rating", answers: merged(drugNeed, ["drug.days.cannabis": .skip]), track: .ambulant,
        flags: [.lowNeed, .incomplete], priority: 3),
    .init(
        name: "ambulant: skipped drug ratings count as 0", answers: ["drug.troubled": .skip, "drug.importance": .skip], track: .ambulant,
        flags: [.lowNeed, .incomplete], priority: 3),
    // Flags and priority
    .init(name: "crisis now", answers: merged(drugNeed, ["crisis.now": .choice("yes")]), track: .anonymous, flags: [.crisis], priority: 1),
    .init(
        name: "crisis: suicidal thoughts", answers: merged(drugNeed, ["psy.symptoms": .selection(["suicidal_thoughts"])]), track: .ambulant,
        flags: [.crisis], priority: 1),
    .init(
        name: "crisis: suicide attempt", answers: ["psy.symptoms": .selection(["suicide_attempt"])], track: .ambulant,
        flags: [.crisis, .lowNeed], priority: 1),
    .init(
        name: "crisis: overdose in the last 30 days", answers: merged(drugNeed, ["drug.overdose": .choice("last_30_days")]),
        track: .anonymous, flags: [.crisis], priority: 1),
    .init(
        name: "crisis: overdose last year is not acute", answers: merged(drugNeed, ["drug.overdose": .choice("last_year")]),
        track: .anonymous, flags: [], priority: 3),
    .init(
        name: "crisis outranks outreach", answers: merged(outreachGroup, ["crisis.now": .choice("yes")]), track: .outreach,
        flags: [.crisis], priority: 1),
    .init(
        name: "children at home", answers: merged(drugNeed, ["bg.children_at_home": .choice("yes")]), track: .anonymous, flags: [.children],
        priority: 3),
    .init(
        name: "children skipped raises nothing", answers: merged(drugNeed, ["bg.children_at_home": .skip]), track: .anonymous, flags: [],
        priority: 3),
    .init(
        name: "alcohol 0.30 flags alcohol alongside", answers: merged(drugNeed, ["alc.days_any": n(30), "alc.days_heavy": n(24)]),
        track: .anonymous, flags: [.alcohol], priority: 3),
    .init(
        name: "alcohol 0.294 does not", answers: merged(drugNeed, ["alc.days_any": n(30), "alc.days_heavy": n(23)]), track: .anonymous,
        flags: [], priority: 3),
    .init(
        name: "psychiatric 0.5 flags dual diagnosis",
        answers: [
            "psy.symptoms": .selection(["depression", "anxiety", "concentration"]), "psy.days": n(30), "psy.troubled": n(3),
            "psy.importance": n(3),
        ], track: .ambulant, flags: [.dualDiagnosis, .lowNeed], priority: 3),
    .init(
        name: "psychiatric 0.477 does not",
        answers: [
            "psy.symptoms": .selection(["depression", "anxiety", "concentration"]), "psy.days": n(30), "psy.troubled": n(3),
            "psy.importance": n(2),
        ], track: .ambulant, flags: [.lowNeed], priority: 3),
    .init(
        name: "injecting", answers: merged(drugNeed, ["drug.injected": .choice("yes")]), track: .anonymous, flags: [.injecting], priority: 3
    ),
    .init(
        name: "relative", answers: merged(drugNeed, ["bg.for_whom": .choice("relative")]), track: .anonymous, flags: [.relative],
        priority: 3),
]

@Test(arguments: triageCases)
func triageSuggestsTheSpecifiedTrackFlagsAndPriority(_ testCase: TriageCase) {
    let assessment = Profiles.assess(testCase.answers)
    #expect(assessment.track == testCase.track)
    #expect(Set(assessment.flags) == testCase.flags)
    #expect(assessment.priority == testCase.priority)
    #expect(assessment.rulesVersion == "triage-1")
    #expect(assessment.questionnaireVersion == "asi-sr-1")
}

@Test func outreachReasonQuotesTheNumbersThatFiredIt() throws {
    let assessment = Profiles.assess(outreachGroup)
    let reason = try #require(assessment.reasons.first)
    #expect(reason.rule == "track.outreach.mixed_use")
    #expect(reason.values["classes_used"] == .number(2))
    #expect(reason.values["days_multiple"] == .number(10))
    #expect(reason.values["burden"] == .number(3))
    #expect(reason.values["burden_areas"] == .list(["health", "employment", "legal"]))
    #expect(reason.values["in_treatment"] == .text("no"))
    #expect(reason.values["highest_troubled"] == .number(3))
}

@Test func cannotAttendReasonQuotesTheBurden() throws {
    let assessment = Profiles.assess([
        "bg.can_attend": .choice("no"), "med.days": n(30), "med.importance": n(2), "emp.days_worked": n(0), "emp.income_band": n(0),
    ])
    #expect(
        assessment.reasons.first
            == Reason(
                rule: "track.outreach.cannot_attend",
                values: [
                    "burden": .number(2), "burden_areas": .list(["health", "employment"]), "can_attend": .text("no"),
                ]))
}

@Test func anonymousReasonQuotesTheDrugComposite() throws {
    let reason = try #require(Profiles.assess(drugNeed).reasons.first)
    #expect(reason.rule == "track.anonymous")
    #expect(reason.values["drug"] == .number(0.1))
    #expect(reason.values["age_band"] == .text("25-34"))
    #expect(reason.values["alcohol"] == .number(0))
}

@Test func ambulantReasonsSayWhyNotAnonymous() {
    let assessment = Profiles.assess(
        merged(
            drugNeed,
            [
                "bg.age_band": .choice("under18"), "med.days": n(27), "psy.symptoms": .selection(["hallucinations"]),
                "alc.days_any": n(30), "alc.days_heavy": n(30), "alc.days_problems": n(30),
            ]))
    #expect(assessment.track == .ambulant)
    #expect(
        assessment.reasons.map(\.rule).prefix(4) == [
            "track.ambulant", "not_anonymous.age", "not_anonymous.other_problems", "not_anonymous.alcohol",
        ])
    let other = assessment.reasons[2]
    #expect(other.values["areas"] == .list(["medical", "hallucinations"]))
    #expect(other.values["medical"] == .number(0.3))
    #expect(assessment.reasons[3].values["alcohol"] == .number(0.5))
}

@Test func unknownCompositesAreQuotedAsUnknown() {
    let assessment = Profiles.assess(merged(drugNeed, ["alc.money_band": .skip]))
    #expect(assessment.reasons.contains(Reason(rule: "not_anonymous.alcohol", values: ["alcohol": .unknown])))
    #expect(assessment.reasons.contains(Reason(rule: "flag.incomplete", values: ["domains": .list(["alcohol"])])))
}

@Test func everyFlagComesWithItsReasonInAFixedOrder() {
    let assessment = Profiles.assess([
        "crisis.now": .choice("yes"), "bg.age_band": .choice("under18"), "bg.children_at_home": .choice("yes"),
        "alc.days_any": n(30), "alc.days_heavy": n(30), "drug.injected": .choice("yes"), "bg.for_whom": .choice("relative"),
        "psy.symptoms": .selection(["depression", "anxiety", "concentration"]), "psy.days": n(30), "psy.troubled": n(3),
        "psy.importance": n(3), "med.days": .skip,
    ])
    #expect(assessment.flags == [.crisis, .under18, .children, .alcohol, .dualDiagnosis, .injecting, .lowNeed, .relative, .incomplete])
    #expect(assessment.reasons.filter { $0.rule.hasPrefix("flag.") }.map(\.rule) == assessment.flags.map { "flag.\($0.rawValue)" })
}

@Test func crisisReasonNamesEveryTrigger() throws {
    let assessment = Profiles.assess([
        "crisis.now": .choice("yes"), "psy.symptoms": .selection(["suicidal_thoughts", "suicide_attempt"]),
        "drug.overdose": .choice("last_30_days"),
    ])
    let crisis = try #require(assessment.reasons.first { $0.rule == "flag.crisis" })
    #expect(
        crisis.values == [
            "crisis_now": .text("yes"), "symptoms": .list(["suicidal_thoughts", "suicide_attempt"]),
            "overdose": .text("last_30_days"),
        ])
}

@Test func thresholdsAllowForFloatingPointSums() throws {
    let rules = Profiles.rules
    #expect(rules.isAtLeast(0.1 - 1e-12, 0.1))
    #expect(!rules.isAtLeast(0.1 - 1e-6, 0.1))
    #expect(!rules.isAtLeast(nil, 0.1))
    #expect(rules.isBelow(0.5 - 1e-6, 0.5))
    #expect(!rules.isBelow(0.5 - 1e-12, 0.5))
    #expect(!rules.isBelow(nil, 0.5))
}
