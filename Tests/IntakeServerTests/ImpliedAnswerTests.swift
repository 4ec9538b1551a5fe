import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import Testing

@testable import IntakeServer

/// One implied answer of the pages (`PageSteps`, `Docs/scoring.md`): a full answer set of the
/// contract for which the rule holds, and the items the pages do not ask (or the person leaves
/// empty) because of it.
struct ImpliedCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let changes: [String: String]
    let leftOut: Set<String>
    var testDescription: String { rule }
}

private let noDrugs = Dictionary(uniqueKeysWithValues: ItemID.drugClassDays.map { ($0, "0") })

@Test(arguments: [
    ImpliedCase(
        rule: "1. a class not ticked has 0 days", changes: noDrugs.merging(["drug.days.cocaine": "8"]) { _, new in new },
        leftOut: Set(ItemID.drugClassDays).subtracting(["drug.days.cocaine"])),
    ImpliedCase(
        rule: "2. no drug: no day with more than one substance",
        changes: noDrugs.merging(["drug.days_multiple": "0", "drug.injected": "no"]) { _, new in new },
        leftOut: Set(ItemID.drugClassDays + ["drug.days_multiple", "drug.injected"])),
    ImpliedCase(
        rule: "2. one drug and no alcohol: no day with more than one substance",
        changes: noDrugs.merging([
            "drug.days.cannabis": "12", "drug.days_multiple": "0", "alc.days_any": "0", "alc.days_heavy": "0", "alc.days_problems": "0",
        ]) { _, new in new }, leftOut: Set(ItemID.drugClassDays).subtracting(["drug.days.cannabis"]).union(["drug.days_multiple"])),
    ImpliedCase(
        rule: "3. no drug: none injected", changes: noDrugs.merging(["drug.days_multiple": "0", "drug.injected": "no"]) { _, new in new },
        leftOut: Set(ItemID.drugClassDays + ["drug.injected"])),
    ImpliedCase(
        rule: "4. no day with alcohol: no heavy day",
        changes: ["alc.days_any": "0", "alc.days_heavy": "0", "alc.days_problems": "0", "alc.money_band": "0"], leftOut: ["alc.days_heavy"]),
    ImpliedCase(
        rule: "5. no illegal activity for profit: no income from it", changes: ["legal.days_illegal": "0", "legal.income_band": "0"],
        leftOut: ["legal.income_band"]),
])
func anImpliedAnswerGivesTheContractsComposites(implied: ImpliedCase) async throws {
    let (app, services) = try makeApplication()
    let token = try await app.test(.router) { client in
        let receipt = try await PageBrowser(client).submitEverything(implied.changes, omitting: implied.leftOut)
        return try #require(receipt.shownToken, "no receipt: \(receipt.path)")
    }
    // The same person answering every item of the contract, through the JSON API's path.
    let full = Submission(
        questionnaire: "asi-sr-1", language: .en,
        answers: try exampleAnswers().merging(implied.changes.mapValues { Int($0).map(JSONValue.integer) ?? .string($0) }) { _, new in new }
    )
    let contract = try await services.intake.submit(full)
    let paged = try await services.intake.findCase(token: token)
    #expect(paged.answers == contract.storedCase.answers)
    #expect(paged.composites == contract.storedCase.composites)
    #expect(paged.track == contract.storedCase.track && paged.flags == contract.storedCase.flags)
}

@Test func aDrugStepAsksOnlyForTheDrugsTicked() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.answerEverything(noDrugs.merging(["drug.days.cocaine": "8"]) { _, new in new })
        let drugs = try await browser.get("/questionnaire/5?lang=en")
        #expect(drugs.html.contains("name=\"drug.days.cocaine\""))
        #expect(!drugs.html.contains("name=\"drug.days.heroin\""))
        // Would rather not say which: all nine are asked.
        _ = try await browser.post("/questionnaire/4", try exampleFormFields() + [("page.drugs_used", "skip"), ("action", "next")])
        let all = try await browser.get("/questionnaire/5")
        #expect(ItemID.drugClassDays.allSatisfy { all.html.contains("name=\"\($0)\"") })
    }
}

@Test func noDaysIsATickAndATickWithANumberIsAskedAgain() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.get("/questionnaire?lang=en")
        let fields = try exampleFormFields().filter { !$0.0.hasPrefix("med.days") && !$0.0.hasPrefix("emp.days") }
        let moved = try await browser.post(
            "/questionnaire/3", fields + [("med.days", ""), ("med.days", "none"), ("emp.days_worked", "20")])
        #expect(moved.redirects == ["/questionnaire/4"])
        let asked = try await browser.post(
            "/questionnaire/3", fields + [("med.days", "5"), ("med.days", "none"), ("emp.days_worked", "20")])
        #expect(asked.redirects == ["/questionnaire/3"])
        #expect(asked.html.contains("You ticked “No days” and wrote a number. Choose one."))
    }
}
