import Testing

@testable import Intake

@Test(arguments: [
    // The drug composite divides 13 items by 390: 0.10 (treatment need) is already "some".
    (Domain.drug, 0.099, CompositeBand.little), (.drug, 0.1, .some), (.drug, 0.192, .some), (.drug, 0.2, .much),
    (.alcohol, 0.149, .little), (.alcohol, 0.15, .some), (.alcohol, 0.278, .some), (.alcohol, 0.3, .much),
    (.medical, 0.299, .little), (.medical, 0.3, .some), (.psychiatric, 0.5, .much), (.family, 0.0, .little),
    // A hair under a threshold that the exact arithmetic meets counts as meeting it, as in triage.
    (.drug, 39.0 / 390 - 1e-12, .some),
])
func aCompositeIsSaidInWordsByItsDomainsThresholds(domain: Domain, value: Double, band: CompositeBand) {
    #expect(CompositeBand.of(value, in: domain) == band)
}

@Test func anUnknownCompositeHasNoBand() {
    for domain in Domain.allCases { #expect(CompositeBand.of(nil, in: domain) == nil) }
}
