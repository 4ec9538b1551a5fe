import Testing

@testable import Argon2

/// Cheap parameters so the tests stay fast; production uses `.recommended`.
private let cheap = Argon2.Parameters(memoryKiB: 256, iterations: 1, parallelism: 1)

@Test func hashIsAPHCStringCarryingItsParameters() throws {
    let encoded = try Argon2.hash("correct horse", parameters: .recommended)
    #expect(encoded.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
}

@Test func verifyAcceptsTheRightPasswordOnly() throws {
    let encoded = try Argon2.hash("correct horse", parameters: cheap)
    #expect(Argon2.verify("correct horse", encodedHash: encoded))
    #expect(!Argon2.verify("correct horsf", encodedHash: encoded))
    #expect(!Argon2.verify("", encodedHash: encoded))
}

@Test func sameInputGetsAFreshSaltEachTime() throws {
    let first = try Argon2.hash("same", parameters: cheap)
    let second = try Argon2.hash("same", parameters: cheap)
    #expect(first != second)
    #expect(Argon2.verify("same", encodedHash: second))
}

@Test func malformedHashVerifiesAsFalse() {
    #expect(!Argon2.verify("anything", encodedHash: "not a phc string"))
}

@Test func asyncVariantsRunOnTheThreadPool() async throws {
    let encoded = try await Argon2.hash("pool", parameters: cheap)
    #expect(try await Argon2.verify("pool", encodedHash: encoded))
}
