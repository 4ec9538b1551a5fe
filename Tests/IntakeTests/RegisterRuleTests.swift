import Testing

@testable import Intake

@Test(arguments: [
    // slug, name, contact → problems
    (String?.none, String?.none, String?.none, [FieldProblem("slug", .required), FieldProblem("name", .required)]),
    ("anonym-kbh", "Anonym behandling København", "Tlf. 33 17 33 17", []),
    ("a", "A", nil, []),
    ("", "A", nil, [FieldProblem("slug", .required)]),
    ("Bad Slug", "A", nil, [FieldProblem("slug", .malformedSlug)]),
    ("-kbh", "A", nil, [FieldProblem("slug", .malformedSlug)]),
    ("kbh-", "A", nil, [FieldProblem("slug", .malformedSlug)]),
    ("københavn", "A", nil, [FieldProblem("slug", .malformedSlug)]),
    (String(repeating: "a", count: 40), "A", nil, []),
    (String(repeating: "a", count: 41), "A", nil, [FieldProblem("slug", .malformedSlug)]),
    ("kbh", " \n", nil, [FieldProblem("name", .required)]),
    ("kbh", String(repeating: "n", count: 200), nil, []),
    ("kbh", String(repeating: "n", count: 201), nil, [FieldProblem("name", .tooLong(maximum: 200))]),
    ("kbh", "A", String(repeating: "c", count: 201), [FieldProblem("contact", .tooLong(maximum: 200))]),
    ("kbh", "A", "", []),
])
func aProviderIsCheckedTheSameWayFromTheAPIAndTheCommandLine(slug: String?, name: String?, contact: String?, expected: [FieldProblem]) {
    #expect(ProviderInput(slug: slug, name: name, contact: contact).problems == expected)
}

@Test func aValidProviderIsStoredTrimmed() throws {
    let provider = try ProviderInput(slug: "kbh", name: "  KBH  ", contact: " Tlf. 1 ", isAnonymous: true).validated()
    #expect(provider.name == "KBH" && provider.contact == "Tlf. 1" && provider.isAnonymous && provider.isActive)
    #expect(throws: CaseWorkError.invalid([FieldProblem("name", .required)])) { try ProviderInput(slug: "kbh", name: nil).validated() }
}

@Test(arguments: [
    // slug, name, origin → problems
    ("cafe-nord", String?.some("Café Nord"), String?.none, [FieldProblem]()),
    ("cafe-nord", "Café Nord", "", []),
    ("cafe-nord", "Café Nord", "https://cafe.example", []),
    ("cafe-nord", "Café Nord", "https://cafe.example:8443", []),
    ("cafe-nord", "Café Nord", "http://localhost:9000", []),
    ("cafe-nord", "Café Nord", "http://cafe.example", [FieldProblem("origin", .malformedOrigin)]),
    ("cafe-nord", "Café Nord", "https://cafe.example/page", [FieldProblem("origin", .malformedOrigin)]),
    ("cafe-nord", "Café Nord", "https://x'; script-src *", [FieldProblem("origin", .malformedOrigin)]),
    (
        "Café", nil, "javascript:alert(1)",
        [FieldProblem("slug", .malformedSlug), FieldProblem("name", .required), FieldProblem("origin", .malformedOrigin)]
    ),
])
func aPartnerIsCheckedTheSameWayFromTheAPIAndTheCommandLine(slug: String, name: String?, origin: String?, expected: [FieldProblem]) {
    #expect(PartnerInput(slug: slug, name: name, origin: origin).problems == expected)
}

private func provider(anonymous: Bool, outside: Bool, active: Bool = true) -> Provider {
    Provider(id: 1, slug: "p", name: "P", isAnonymous: anonymous, isOutsideMunicipality: outside, contact: "-", isActive: active)
}

@Test(arguments: [
    // the register → anonymous providers, of them outside, gaps, meets § 101a
    ([Provider](), 0, 0, 2, false),
    ([provider(anonymous: true, outside: false), provider(anonymous: true, outside: false)], 2, 0, 1, false),
    ([provider(anonymous: true, outside: true)], 1, 1, 1, false),
    ([provider(anonymous: true, outside: false), provider(anonymous: true, outside: true)], 2, 1, 0, true),
    ([provider(anonymous: true, outside: false), provider(anonymous: true, outside: true, active: false)], 1, 0, 2, false),
    ([provider(anonymous: true, outside: false), provider(anonymous: false, outside: true)], 1, 0, 2, false),
])
func theRegisterCoversSection101aWithTwoAnonymousProvidersOneOfThemOutside(
    register: [Provider], anonymous: Int, outside: Int, gaps: Int, meets: Bool
) {
    let coverage = RegisterCoverage(register)
    #expect(coverage.anonymousProviders == anonymous && coverage.anonymousOutsideMunicipality == outside)
    #expect(coverage.gaps.count == gaps && coverage.meetsSection101a == meets)
}
