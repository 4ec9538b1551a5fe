import Argon2
import Foundation

@testable import Intake

/// Cheap Argon2 parameters so tests stay fast; production uses `.recommended`.
let testHashing = Argon2.Parameters(memoryKiB: 256, iterations: 1, parallelism: 1)

/// A clock fixed at 2026-11-22 10:00 in Copenhagen that tests can move.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_795_338_000)  // 2026-11-22 09:00 UTC

    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current.addTimeInterval(seconds) } }

    var dayClock: DayClock { DayClock(timeZone: TimeZone(identifier: "Europe/Copenhagen")!, now: { [self] in now }) }
}

/// A database with the services over it, a staff member and an admin, for the staff-side tests.
struct Workplace {
    let database: AppDatabase
    let clock = TestClock()
    let keys = KeyRing.ephemeral()
    let directory: StaffDirectory
    let desk: CaseDesk
    let intake: IntakeService

    init() throws {
        database = try .makeInMemory()
        let clock = self.clock
        directory = try StaffDirectory(database: database, hasher: PasswordHasher(parameters: testHashing), now: { clock.now })
        let texts = try TextCatalog.load()
        desk = CaseDesk(database: database, keys: keys, clock: clock.dayClock, texts: texts)
        intake = IntakeService(
            questionnaire: Profiles.questionnaire, rules: Profiles.rules, database: database, keys: keys, clock: clock.dayClock
        )
    }

    /// Creates an account, sets its own password and logs in.
    func staff(_ username: String, role: StaffRole = .staff) async throws -> StaffIdentity {
        let oneTime = try await directory.addUser(username, role: role)
        let first = try await directory.logIn(username: username, password: oneTime)
        try await directory.changePassword(first.identity, current: oneTime, new: "a long and new password")
        return try await directory.logIn(username: username, password: "a long and new password").identity
    }

    /// Submits the baseline with some answers changed; returns the token and the case.
    func submit(_ changes: [String: JSONValue] = [:]) async throws -> (token: String, reference: String) {
        let issued = try await intake.submit(Submission(questionnaire: "asi-sr-1", language: .da, answers: Profiles.rawAnswers(changes)))
        return (issued.token.formatted, issued.storedCase.reference.value)
    }
}
