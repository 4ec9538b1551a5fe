import Foundation
import HostileInput
import PropertyBased
import Testing

@testable import Intake

private let catalog = try! TextCatalog.load()

@Test func everyReasonTheRulesCanGiveHasATextInBothLanguages() {
    let profiles: [[String: Answer]] = [
        [:], ["drug.importance": .number(2)],
        [
            "bg.can_attend": .choice("no"), "emp.days_worked": .number(0), "emp.income_band": .number(0), "med.days": .number(30),
            "med.importance": .number(2),
        ],
        [
            "drug.days.heroin": .number(20), "drug.days.cocaine": .number(15), "drug.days_multiple": .number(10),
            "drug.troubled": .number(3),
            "med.days": .number(30), "med.importance": .number(2), "emp.days_worked": .number(0), "emp.income_band": .number(0),
            "legal.awaiting": .number(1), "legal.days_illegal": .number(30), "legal.importance": .number(2),
        ],
        [
            "crisis.now": .choice("yes"), "bg.age_band": .choice("under18"), "bg.children_at_home": .choice("yes"),
            "alc.days_any": .number(30), "alc.days_heavy": .number(30), "alc.days_problems": .number(30),
            "drug.injected": .choice("yes"), "bg.for_whom": .choice("relative"), "med.days": .skip,
            "psy.symptoms": .selection(["depression", "anxiety", "concentration", "hallucinations"]), "psy.days": .number(30),
            "psy.troubled": .number(3), "psy.importance": .number(3),
        ],
    ]
    var rules: Set<String> = []
    for profile in profiles {
        for reason in Profiles.assess(profile).reasons {
            rules.insert(reason.rule)
            for language in Language.allCases {
                let text = catalog.explain(reason, language)
                #expect(!text.hasPrefix("reason."), "no text for \(reason.rule)")
                #expect(!text.contains("{"), "unfilled placeholder in \(reason.rule): \(text)")
            }
        }
    }
    #expect(rules.count == 17)
}

@Test func everyTrackFlagAndStateHasWords() {
    let keys =
        Track.allCases.map { "track.\($0.rawValue)" } + Flag.allCases.map { "flag.\($0.rawValue)" }
        + CaseState.allCases.map { "state.\($0.rawValue)" }
    for key in keys { #expect(catalog.has(key), "\(key)") }
}

@Test func reasonsReadInThePersonsLanguage() {
    let reason = Reason(rule: "flag.alcohol", values: ["alcohol": .number(0.333)])
    #expect(catalog.explain(reason, .da) == "Alkohol (alkohol-score 0,333): behandling for alkohol sideløbende.")
    #expect(catalog.explain(reason, .en) == "Alcohol (alcohol composite 0.333): alcohol treatment alongside.")
    let listed = Reason(rule: "flag.incomplete", values: ["domains": .list(["medical", "psychiatric"])])
    #expect(catalog.explain(listed, .da) == "Ikke nok svar til at beregne: fysisk helbred, psykisk helbred.")
}

@Test func numbersUseTheLanguagesDecimalMark() {
    #expect(catalog.number(0.5, .da) == "0,5")
    #expect(catalog.number(0.5, .en) == "0.5")
    #expect(catalog.number(3, .da) == "3")
    #expect(catalog.number(0.1234, .en) == "0.123")
}

@Test func placeholdersAreFilled() {
    #expect(
        catalog.text("problem.expectedNumber", .en, ["min": "0", "max": "30"])
            == "Answer with a whole number from 0 to 30, or send \"skip\".")
    #expect(catalog.text("no.such.key", .da) == "no.such.key")
}

@Test func placeholdersAreFilledInOnePassWhateverTheValuesHold() {
    let texts = TextCatalog(entries: [
        "t": LocalizedText(da: "{a} og {b}, {a}; {ukendt} {", en: "{a}{b}}{"), "plain": LocalizedText(da: "ingen", en: "none"),
    ])
    #expect(texts.text("t", .da, ["a": "1", "b": "2"]) == "1 og 2, 1; {ukendt} {")
    #expect(texts.text("t", .en, ["a": "1", "b": "2"]) == "12}{")
    // A value is not searched for placeholders: a person's own "{b}" stays as written.
    #expect(texts.text("t", .da, ["a": "{b}", "b": "x"]) == "{b} og x, {b}; {ukendt} {")
    #expect(texts.text("t", .en, ["a": "{", "b": "}"]) == "{}}{")
    #expect(texts.text("plain", .da, ["a": "1"]) == "ingen")
    #expect(texts.text("t", .da) == "{a} og {b}, {a}; {ukendt} {")
}

@Test func numbersAreWrittenAsPrintfWritesThemToThreeDecimals() async {
    let texts = catalog
    // What `number` wrote before thousandths had a path of their own.
    func printf(_ value: Double, _ language: Language) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return language == .da ? text.replacingOccurrences(of: ".", with: ",") : text
    }
    await propertyCheck(count: 3_000, input: Gen.int(in: -3_000_000...3_000_000), Gen.int(in: 0...Int.max)) { count, seed in
        var generator = SeededGenerator(seed)
        let values = [
            Double(count) / 1000, (Double.random(in: 0...1, using: &generator) * 1000).rounded() / 1000,
            Double.random(in: -1e6...1e6, using: &generator), Double(count) / 1000 + 0.0005, 0.0005, -0.0005, 1e14 + 0.5,
        ]
        for value in values {
            for language in Language.allCases { #expect(texts.number(value, language) == printf(value, language), "\(value)") }
        }
    }
}
