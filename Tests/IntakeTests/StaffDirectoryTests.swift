import Argon2
import Foundation
import Synchronization
import Testing

@testable import Intake

@Test func oneTimePasswordMustBeChangedAndTheChangeEndsEverySession() async throws {
    let place = try Workplace()
    let oneTime = try await place.directory.addUser("Mette", role: .staff)
    #expect(oneTime.wholeMatch(of: /[0-9A-Z]{5}(-[0-9A-Z]{5}){3}/) != nil)
    let session = try await place.directory.logIn(username: "mette", password: oneTime)
    #expect(session.identity.mustChangePassword)
    #expect(session.identity.username == "mette")
    let other = try await place.directory.logIn(username: "METTE ", password: oneTime)

    await #expect(throws: StaffError.weakPassword(minimumLength: 12)) {
        try await place.directory.changePassword(session.identity, current: oneTime, new: "short")
    }
    await #expect(throws: StaffError.weakPassword(minimumLength: 12)) {
        try await place.directory.changePassword(session.identity, current: oneTime, new: "mette-is-my-password")
    }
    try await place.directory.changePassword(session.identity, current: oneTime, new: "correct horse battery")
    #expect(try await place.directory.authenticate(token: session.token) == nil)
    #expect(try await place.directory.authenticate(token: other.token) == nil)
    let fresh = try await place.directory.logIn(username: "mette", password: "correct horse battery")
    #expect(!fresh.identity.mustChangePassword)
    await #expect(throws: StaffError.invalidCredentials) { try await place.directory.logIn(username: "mette", password: oneTime) }
}

@Test func passwordsAreStoredAsArgon2idWithTheirParameters() async throws {
    let place = try Workplace()
    _ = try await place.directory.addUser("mette", role: .admin)
    let stored = try await place.database.reader.read { db in try String.fetchOne(db, sql: "SELECT passwordHash FROM staffUser") }
    #expect(stored?.hasPrefix("$argon2id$v=19$m=256,t=1,p=1$") == true)
}

@Test func failuresSayTheSameWhetherOrNotTheUserExists() async throws {
    let place = try Workplace()
    _ = try await place.staff("mette")
    await #expect(throws: StaffError.invalidCredentials) { try await place.directory.logIn(username: "mette", password: "wrong") }
    await #expect(throws: StaffError.invalidCredentials) { try await place.directory.logIn(username: "nobody", password: "wrong") }
}

/// A directory over `place` whose waits end when `elapsed` is moved on: no test sleeps through
/// them (under libfaketime, `make swift-test-any-date`, a sleep of seconds did not come back).
private func quickDirectory(_ place: Workplace, elapsed: Elapsed = Elapsed()) throws -> StaffDirectory {
    var policy = StaffDirectory.Policy()
    policy.guessing.now = { ContinuousClock.now + elapsed.duration }
    return try StaffDirectory(
        database: place.database, hasher: PasswordHasher(parameters: testHashing), clock: place.clock.serviceClock, policy: policy)
}

@Test func guessingAtAnAccountMakesNewBrowsersWaitButNeverLocksTheCounsellorOut() async throws {
    // Given Mette, who logged in from her own browser once, and Jonas.
    let place = try Workplace()
    _ = try await place.staff("mette")
    _ = try await place.staff("jonas")
    let elapsed = Elapsed()
    let directory = try quickDirectory(place, elapsed: elapsed)
    let own = try await directory.logIn(username: "mette", password: "a long and new password").device

    // When someone elsewhere tries five wrong passwords for her username,
    for _ in 0..<5 {
        await #expect(throws: StaffError.invalidCredentials) { try await directory.logIn(username: "mette", password: "guess") }
    }
    // then a browser that never logged into the account must wait, before any password is checked,
    await #expect(throws: StaffError.self) { try await directory.logIn(username: "mette", password: "a long and new password") }
    do {
        _ = try await directory.logIn(username: "mette", password: "guess")
        Issue.record("a guess was checked during the wait")
    } catch StaffError.mustWait(let seconds) {
        #expect(seconds >= 1)
    }
    // but Mette's own browser logs in at once, and the account is never locked,
    #expect(try await directory.logIn(username: "mette", password: "a long and new password", device: own).identity.username == "mette")
    // her device token opens no wait for another account, and Jonas is not held back at all,
    #expect(try await directory.logIn(username: "jonas", password: "a long and new password", device: own).device != own)
    // a username that does not exist answers the same way (nothing says whether it exists),
    for _ in 0..<5 {
        await #expect(throws: StaffError.invalidCredentials) { try await directory.logIn(username: "nobody", password: "guess") }
    }
    await #expect(throws: StaffError.self) { try await directory.logIn(username: "nobody", password: "guess") }
    // and when the wait is over, the right password from a new browser logs in.
    elapsed.add(.seconds(2))
    #expect(try await directory.logIn(username: "mette", password: "a long and new password").identity.username == "mette")
}

@Test func aResetPasswordForgetsTheBrowsersOfTheAccount() async throws {
    let place = try Workplace()
    _ = try await place.staff("mette")
    let directory = try quickDirectory(place)
    let own = try await directory.logIn(username: "mette", password: "a long and new password").device
    _ = try await directory.resetPassword("mette")
    for _ in 0..<5 { _ = try? await directory.logIn(username: "mette", password: "guess") }
    await #expect(throws: StaffError.self) { try await directory.logIn(username: "mette", password: "guess", device: own) }
}

@Test func aFailedLoginCostsTheSameWhetherOrNotTheAccountExists() async throws {
    // One Argon2 check (the decoy hash for an unknown name) and one audit line, either way.
    let place = try Workplace()
    _ = try await place.staff("mette")
    let before = try await place.desk.auditEntries(AuditFilter()).count
    _ = try? await place.directory.logIn(username: "mette", password: "guess")
    let afterKnown = try await place.desk.auditEntries(AuditFilter()).count
    _ = try? await place.directory.logIn(username: "nobody", password: "guess")
    let afterUnknown = try await place.desk.auditEntries(AuditFilter()).count
    #expect(afterKnown - before == 1 && afterUnknown - afterKnown == 1)
    #expect(try await place.desk.auditEntries(AuditFilter()).prefix(2).map(\.action) == [.sessionFailed, .sessionFailed])
}

@Test func sessionsEndAfterThirtyIdleMinutesAndEightHours() async throws {
    let place = try Workplace()
    _ = try await place.staff("mette")
    let session = try await place.directory.logIn(username: "mette", password: "a long and new password")
    place.clock.advance(29 * 60)
    #expect(try await place.directory.authenticate(token: session.token) != nil)
    place.clock.advance(31 * 60)
    #expect(try await place.directory.authenticate(token: session.token) == nil)

    let long = try await place.directory.logIn(username: "mette", password: "a long and new password")
    for _ in 0..<16 {
        place.clock.advance(29 * 60)
        _ = try await place.directory.authenticate(token: long.token)
    }
    #expect(try await place.directory.authenticate(token: long.token) != nil)
    place.clock.advance(29 * 60)
    #expect(try await place.directory.authenticate(token: long.token) == nil)
}

@Test func sessionTokensAreStoredOnlyAsHashes() async throws {
    let place = try Workplace()
    _ = try await place.staff("mette")
    let session = try await place.directory.logIn(username: "mette", password: "a long and new password")
    let stored = try await place.database.reader.read { db in try Data.fetchAll(db, sql: "SELECT tokenHash FROM staffSession") }
    #expect(stored.contains(StaffDirectory.hash(session.token)))
    #expect(!stored.contains(Data(session.token.utf8)))
}

@Test func disablingAnAccountEndsItsSessions() async throws {
    let place = try Workplace()
    _ = try await place.staff("mette")
    let session = try await place.directory.logIn(username: "mette", password: "a long and new password")
    try await place.directory.disable("mette")
    #expect(try await place.directory.authenticate(token: session.token) == nil)
    await #expect(throws: StaffError.invalidCredentials) {
        try await place.directory.logIn(username: "mette", password: "a long and new password")
    }
    let reset = try await place.directory.resetPassword("mette")
    #expect(try await place.directory.logIn(username: "mette", password: reset).identity.mustChangePassword)
}

@Test func usernamesAreCheckedAndUnique() async throws {
    let place = try Workplace()
    _ = try await place.directory.addUser("mette", role: .staff)
    await #expect(throws: StaffError.usernameTaken("mette")) { try await place.directory.addUser("Mette", role: .staff) }
    await #expect(throws: StaffError.malformedUsername("m e")) { try await place.directory.addUser("m e", role: .staff) }
}

/// Time moved on by hand, added to the continuous clock.
final class Elapsed: Sendable {
    private let moved = Mutex(Duration.zero)
    var duration: Duration { moved.withLock { $0 } }
    func add(_ duration: Duration) { moved.withLock { $0 += duration } }
}
