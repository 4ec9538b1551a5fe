import Argon2
import Foundation

@testable import Intake

/// Cheap Argon2 parameters so tests stay fast; production uses `.recommended`.
let testHashing = Argon2.Parameters(memoryKiB: 256, iterations: 1, parallelism: 1)

/// An instant written in UTC, `YYYY-MM-DDTHH:MM:SSZ`, for the tests of awkward instants.
func utc(_ text: String) -> Date {
    guard let date = try? Date(text, strategy: .iso8601) else { fatalError("not an ISO 8601 instant: \(text)") }
    return date
}

/// A clock that tests set and move; by default it stands at 2026-11-22 10:00 in Copenhagen.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(at instant: Date = Date(timeIntervalSince1970: 1_795_338_000)) {  // 2026-11-22 09:00 UTC
        current = instant
    }

    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current.addTimeInterval(seconds) } }

    /// The service clock that reads this one, counting days in Copenhagen.
    var serviceClock: ServiceClock { ServiceClock(timeZone: .copenhagen, reading: { [self] in now }) }
    /// The current moment.
    var moment: Moment { serviceClock.now() }
    /// Today in Copenhagen.
    var today: Day { moment.day }
}

/// A database with the services over it, a staff member and an admin, for the staff-side tests.
struct Workplace {
    let database: AppDatabase
    let clock: TestClock
    let keys = KeyRing.ephemeral()
    let directory: StaffDirectory
    let desk: CaseDesk
    let intake: IntakeService

    /// A workplace whose clock starts at `instant`.
    init(at instant: Date = Date(timeIntervalSince1970: 1_795_338_000)) throws {
        database = try .makeInMemory()
        let clock = TestClock(at: instant)
        self.clock = clock
        directory = try StaffDirectory(database: database, hasher: PasswordHasher(parameters: testHashing), clock: clock.serviceClock)
        let texts = try TextCatalog.load()
        desk = CaseDesk(database: database, keys: keys, clock: clock.serviceClock, texts: texts)
        intake = IntakeService(
            questionnaire: Profiles.questionnaire, rules: Profiles.rules, database: database, keys: keys, clock: clock.serviceClock
        )
    }

    /// A local date and time `days` after today, `YYYY-MM-DDTHH:MM`, as slots are written.
    func localTime(days: Int, _ time: String) -> String {
        clock.today.adding(days: days).iso + "T" + time
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
