import Testing

@testable import Intake

/// The item ids, kinds and ranges of `asi-items.md`, typed out from the specification.
private let specifiedItems: [(id: String, kind: Item.Kind, range: ClosedRange<Int>?)] =
    [
        ("crisis.now", .choice, nil), ("bg.age_band", .choice, nil), ("bg.municipality", .choice, nil),
        ("bg.in_treatment", .choice, nil), ("bg.can_attend", .choice, nil), ("bg.children_at_home", .choice, nil),
        ("bg.goal", .choice, nil), ("bg.contact", .choice, nil), ("bg.stay_anonymous", .choice, nil),
        ("bg.for_whom", .choice, nil),
        ("med.days", .days, 0...30), ("med.troubled", .rating, 0...4), ("med.importance", .rating, 0...4),
        ("emp.days_worked", .days, 0...30), ("emp.income_band", .scale, 0...4), ("emp.troubled", .rating, 0...4),
        ("emp.importance", .rating, 0...4),
        ("alc.days_any", .days, 0...30), ("alc.days_heavy", .days, 0...30), ("alc.days_problems", .days, 0...30),
        ("alc.troubled", .rating, 0...4), ("alc.importance", .rating, 0...4), ("alc.money_band", .scale, 0...4),
        ("drug.days_multiple", .days, 0...30), ("drug.days_problems", .days, 0...30),
        ("drug.troubled", .rating, 0...4), ("drug.importance", .rating, 0...4),
        ("drug.injected", .choice, nil), ("drug.overdose", .choice, nil),
        ("legal.awaiting", .scale, 0...1), ("legal.days_illegal", .days, 0...30), ("legal.seriousness", .rating, 0...4),
        ("legal.importance", .rating, 0...4), ("legal.income_band", .scale, 0...4),
        ("fam.living_satisfied", .choice, nil), ("fam.days_conflict", .days, 0...30), ("fam.troubled", .rating, 0...4),
        ("fam.importance", .rating, 0...4), ("fam.problems_with", .set, nil),
        ("psy.symptoms", .set, nil), ("psy.days", .days, 0...30), ("psy.troubled", .rating, 0...4),
        ("psy.importance", .rating, 0...4),
    ]
    + ["heroin", "methadone", "opioids", "sleeping_pills", "benzodiazepines", "cocaine", "amphetamine", "cannabis", "hallucinogens"]
    .map { ("drug.days.\($0)", Item.Kind.days, 0...30) }

private let specifiedOptions: [String: [String]] = [
    "crisis.now": ["yes", "no"],
    "bg.age_band": ["under18", "18-24", "25-34", "35-44", "45-54", "55+"],
    "bg.in_treatment": ["no", "yes", "dropped_out"],
    "bg.can_attend": ["yes", "hard", "no"],
    "bg.children_at_home": ["yes", "no"],
    "bg.goal": ["stop", "reduce", "stabilise", "advice", "unsure"],
    "bg.contact": ["phone", "video", "chat", "centre", "outreach"],
    "bg.stay_anonymous": ["yes", "open"],
    "bg.for_whom": ["self", "relative"],
    "drug.injected": ["yes", "no"],
    "drug.overdose": ["never", "over_year", "last_year", "last_30_days"],
    "fam.living_satisfied": ["yes", "indifferent", "no"],
    "fam.problems_with": ["mother", "father", "siblings", "partner", "children", "other_family", "friends", "neighbours", "colleagues"],
    "psy.symptoms": [
        "depression", "anxiety", "hallucinations", "concentration", "violence", "suicidal_thoughts", "suicide_attempt", "medication",
    ],
]

@Test func questionnaireHoldsExactlyTheSpecifiedItems() throws {
    let questionnaire = try Questionnaire.load()
    #expect(questionnaire.version == "asi-sr-1")
    #expect(Set(questionnaire.items.map(\.id)) == Set(specifiedItems.map(\.id)))
    #expect(questionnaire.items.count == 52)
    for specified in specifiedItems {
        let item = try #require(questionnaire.item(specified.id))
        #expect(item.kind == specified.kind, "\(specified.id)")
        #expect(item.range == specified.range, "\(specified.id)")
    }
}

@Test func choiceItemsOfferExactlyTheSpecifiedValues() throws {
    let questionnaire = try Questionnaire.load()
    for (id, values) in specifiedOptions {
        #expect(Set(try #require(questionnaire.item(id)).options.map(\.value)) == Set(values), "\(id)")
    }
}

@Test func municipalityOffersAllNinetyEightCodesAndUnknown() throws {
    let item = try #require(try Questionnaire.load().item("bg.municipality"))
    #expect(item.options.count == 99)
    #expect(item.options.first?.value == "unknown")
    #expect(item.hasOption("101") && item.hasOption("751") && item.hasOption("860"))
    #expect(!item.hasOption("999"))
    // Sorted the Danish way: Ærø after the names in z.
    let names = item.options.dropFirst().map(\.label.da)
    #expect(names.firstIndex(of: "Ærø")! > names.firstIndex(of: "Vordingborg")!)
}

@Test func crisisQuestionIsAskedFirst() throws {
    let questionnaire = try Questionnaire.load()
    #expect(questionnaire.items.first?.id == "crisis.now")
    #expect(questionnaire.sections.count == 10)
}

@Test func everyItemIsWrittenInDanishAndEnglish() throws {
    let questionnaire = try Questionnaire.load()
    for item in questionnaire.items {
        for language in Language.allCases {
            #expect(!item.text[language].isEmpty, "\(item.id) \(language)")
            for option in item.options { #expect(!option.label[language].isEmpty, "\(item.id) \(option.value)") }
        }
    }
    #expect(questionnaire.item("med.days")?.text.da != questionnaire.item("med.days")?.text.en)
}

@Test func formulasCoverEverySpecifiedScoredItem() throws {
    let questionnaire = try Questionnaire.load()
    let scored = Set(questionnaire.composites.flatMap { $0.terms.map(\.item) })
    let unscored: Set<String> = [
        "crisis.now", "bg.age_band", "bg.municipality", "bg.in_treatment", "bg.can_attend", "bg.children_at_home",
        "bg.goal", "bg.contact", "bg.stay_anonymous", "bg.for_whom", "drug.injected", "drug.overdose",
    ]
    #expect(scored == Set(specifiedItems.map(\.id)).subtracting(unscored))
}

@Test func itemsAreEqualByWhatTheyHoldNotByWhereTheyAreKept() {
    let text = LocalizedText(da: "Spørgsmål", en: "Question")
    let one = Item(id: "a.b", kind: .days, text: text, help: nil, options: [], range: 0...30)
    let same = Item(id: "a.b", kind: .days, text: text, help: nil, options: [], range: 0...30)
    #expect(one == same)
    #expect(one != Item(id: "a.b", kind: .days, text: text, help: nil, options: [], range: 0...29))
    #expect(one != Item(id: "a.c", kind: .days, text: text, help: nil, options: [], range: 0...30))
    #expect(one != Item(id: "a.b", kind: .rating, text: text, help: nil, options: [], range: 0...30))
    #expect(one != Item(id: "a.b", kind: .days, text: text, help: text, options: [], range: 0...30))
    #expect(one != Item(id: "a.b", kind: .days, text: LocalizedText(da: "Spørgsmål", en: "Other"), help: nil, options: [], range: 0...30))
    #expect(one != Item(id: "a.b", kind: .days, text: text, help: nil, options: [Item.Option(value: "1", label: text)], range: 0...30))
}
