import Foundation
import HostileInput
import PropertyBased
import Testing

@testable import Intake
@testable import IntakeServer

/// The receipt of a submission is written by `JSONWriter`; its bytes are what the citizen side's
/// `JSONEncoder` writes of the same receipt, for any assessment and any text in it.

private let texts = try! TextCatalog.loadService()

private func randomText(_ generator: inout SeededGenerator) -> String {
    let pieces = trickyCharacters + ["\"", "\\", "/", "\n", "\u{1}", "\u{7F}", "\u{2028}", "a", "Æ", "🙂", "0.5"]
    return (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
}

private func randomReceipt(_ seed: Int) -> SubmissionController.Receipt {
    var generator = SeededGenerator(seed)
    var composites = Composites()
    for domain in Domain.allCases where Int.random(in: 0...5, using: &generator) > 0 {
        composites[domain] =
            Bool.random(using: &generator) ? Double.random(in: 0...1, using: &generator) : Double(Int.random(in: 0...1, using: &generator))
    }
    let rules = ["track.anonymous.default", "track.outreach.mixed_use", "flag.crisis", "flag.under18"]
    let reasons = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
        var values: [String: Reason.Value] = [:]
        for _ in 0..<Int.random(in: 0...4, using: &generator) {
            values[Bool.random(using: &generator) ? "composite" : randomText(&generator)] =
                switch Int.random(in: 0...4, using: &generator) {
                case 0: .composite(Double.random(in: 0...1, using: &generator))
                case 1: .count(Int.random(in: 0...30, using: &generator))
                case 2: .text(randomText(&generator))
                case 3: .list((0..<Int.random(in: 0...3, using: &generator)).map { _ in randomText(&generator) })
                default: .unknown
                }
        }
        return Reason(
            rule: Bool.random(using: &generator) ? rules.randomElement(using: &generator)! : randomText(&generator), values: values)
    }
    let assessment = Assessment(
        questionnaireVersion: randomText(&generator), rulesVersion: randomText(&generator), composites: composites,
        track: Track.allCases.randomElement(using: &generator)!, flags: Flag.allCases.filter { _ in Bool.random(using: &generator) },
        priority: Int.random(in: 1...3, using: &generator), reasons: reasons
    )
    let language = Language.allCases.randomElement(using: &generator)!
    return SubmissionController.Receipt(
        token: randomText(&generator), caseReference: CaseReference.generate(), createdOn: testClock.now().day, language: language,
        assessment: AssessmentResponse(assessment, language: language, texts: texts)
    )
}

@Test func anyReceiptIsWrittenByteForByteAsTheEncoderWritesIt() async {
    await propertyCheck(count: 1_000, input: Gen.int(in: 0...Int.max)) { seed in
        do {
            let receipt = randomReceipt(seed)
            #expect(try receipt.json == Array(CitizenRequestContext.jsonEncoder().encode(receipt)))
        } catch {
            Issue.record(error)
        }
    }
}
