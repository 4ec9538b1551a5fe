import Foundation
import Testing

@testable import Intake

@Test func theCapacityIsTheAssumedOneUntilSomethingIsMeasured() {
    let gauge = CapacityGauge(parallelism: 1, assumed: .milliseconds(4))
    #expect(!gauge.isMeasured)
    #expect(gauge.perSecond == 250)
    gauge.record(.milliseconds(1))
    #expect(gauge.isMeasured && gauge.perSecond == 1_000)
}

@Test func oneSlowUnitDoesNotMoveTheMedian() {
    let gauge = CapacityGauge(parallelism: 2, assumed: .seconds(1))
    for _ in 0..<20 { gauge.record(.milliseconds(2)) }
    gauge.record(.seconds(3))  // a checkpoint, a backup
    #expect(gauge.unitTime == .milliseconds(2))
    #expect(gauge.perSecond == 1_000)  // two at once
}

@Test func onlyTheLastUnitsCount() {
    let gauge = CapacityGauge(parallelism: 1, assumed: .seconds(1))
    for _ in 0..<CapacityGauge.window { gauge.record(.milliseconds(1)) }
    for _ in 0..<(CapacityGauge.window / 2 + 1) { gauge.record(.milliseconds(8)) }
    #expect(gauge.unitTime == .milliseconds(8))
}

@Test func theWriterMeasuresItsTransactions() async throws {
    let database = try AppDatabase.makeInMemory()
    _ = try await database.caseCount()
    _ = try await database.addPartner(
        PartnerInput(slug: "cafe-nord", name: "Café Nord", origin: nil, showsName: false), at: Date(timeIntervalSince1970: 1_795_303_800))
    #expect(database.reads.isMeasured)
    #expect(database.writes.isMeasured)
}

@Test func theMedianIsThatOfTheLastUnitsWhateverTheirOrder() {
    // Against the median of the last `window` samples, sorted anew, over a sequence with repeats.
    var generator = SystemRandomNumberGenerator()
    let gauge = CapacityGauge(parallelism: 1, assumed: .seconds(1))
    var recorded: [Duration] = []
    for _ in 0..<500 {
        let sample = Duration.microseconds(Int.random(in: 1...40, using: &generator))
        gauge.record(sample)
        recorded.append(sample)
        let last = recorded.suffix(CapacityGauge.window).sorted()
        #expect(gauge.unitTime == last[last.count / 2])
    }
}
