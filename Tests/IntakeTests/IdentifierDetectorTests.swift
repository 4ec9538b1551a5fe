import Testing

@testable import Intake

@Test(arguments: [
    ("Mit CPR-nummer er 010190-1234", [Identifier.cpr]),
    ("cpr 0101901234", [.cpr]),
    ("320190-1234 er ikke en dato", []),
    ("ring på 12 34 56 78", [.phone]),
    ("+45 12345678 efter kl. 16", [.phone]),
    ("0045 1234 5678", [.phone]),
    ("Skriv til mig på anne.b@example.dk", [.email]),
    ("Jeg tager 2 gram om dagen i 30 dage og bruger 15000 kr. om måneden", []),
    ("Tid: 2026-11-24 kl. 10.00", []),
    ("født 24-11-1990", []),
    ("12-34-56-78", [.phone]),
    ("1234 5678", [.phone]),
    ("12345678", [.phone]),
    ("010190-1234, 12 34 56 78 og a@b.dk", [.cpr, .email, .phone]),
    ("010190-1234", [.cpr]),
])
func identifiersAreFound(text: String, expected: [Identifier]) {
    #expect(IdentifierDetector.identifiers(in: text) == expected)
}
