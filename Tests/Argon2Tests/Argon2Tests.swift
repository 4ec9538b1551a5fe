import Synchronization
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

@Test func hasherVerifiesWhatItHashed() async throws {
    let hasher = PasswordHasher(parameters: cheap)
    let encoded = try await hasher.hash("a long enough password")
    #expect(try await hasher.verify("a long enough password", against: encoded))
    #expect(try await !hasher.verify("another password", against: encoded))
}

@Test func aFullQueueRefusesAtOnceInsteadOfGrowing() async throws {
    // Real cost, one permit and one waiting place: of six hashes at once, at least four are refused.
    let hasher = PasswordHasher(parameters: .recommended, concurrency: 1, queueLimit: 1)
    let outcomes = await withTaskGroup(of: Bool.self) { group in
        for _ in 0..<6 {
            group.addTask { (try? await hasher.hash("flood")) != nil }
        }
        return await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(outcomes.filter { $0 }.count >= 1)
    #expect(outcomes.filter { !$0 }.count >= 4)
    let load = await hasher.load()
    #expect(load.running == 0 && load.waiting == 0)
}

@Test func permitsAreHandedOnInOrder() async throws {
    let gate = HashingGate(limit: 1, queueLimit: 5)
    try await gate.enter()
    let waiter = Task { try await gate.enter() }
    while await gate.load.waiting == 0 { await Task.yield() }
    await gate.leave()
    try await waiter.value
    var load = await gate.load
    #expect(load.running == 1 && load.waiting == 0)
    await gate.leave()
    load = await gate.load
    #expect(load.running == 0 && load.waiting == 0)
}

@Test func thoseWhoGoFirstPassAFullQueue() async throws {
    let gate = HashingGate(limit: 1, queueLimit: 2)
    try await gate.enter()
    // A flood fills the ordinary queue: the next ordinary one is refused, one going first is not.
    let flood = (0..<2).map { _ in Task { try await gate.enter() } }
    while await gate.load.waiting < 2 { await Task.yield() }
    await #expect(throws: PasswordHasher.Busy.self) { try await gate.enter() }
    let counsellor = Task { try await gate.enter(first: true) }
    while await gate.load.waiting < 3 { await Task.yield() }
    // The first permit handed on goes to the one going first, ahead of the flood.
    await gate.leave()
    try await counsellor.value
    #expect(await gate.load.waiting == 2)
    for _ in flood {
        await gate.leave()
    }
    for waiter in flood { try await waiter.value }
    await gate.leave()
    let load = await gate.load
    #expect(load.running == 0 && load.waiting == 0)
}

@Test func eachHashIsTimed() async throws {
    let times = Times()
    let hasher = PasswordHasher(parameters: cheap, timing: { times.add($0) })
    _ = try await hasher.hash("one")
    _ = try await hasher.verify("two", against: try await hasher.hash("two"))
    #expect(times.count == 3)
}

/// Durations told by a hasher, from any thread.
private final class Times: Sendable {
    private let durations = Mutex<[Duration]>([])
    func add(_ duration: Duration) { durations.withLock { $0.append(duration) } }
    var count: Int { durations.withLock { $0.count } }
}
