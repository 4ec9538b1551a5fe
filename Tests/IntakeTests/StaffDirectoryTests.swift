import Foundation
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

@Test func repeatedFailuresLockTheAccountForAWhile() async throws {
    let place = try Workplace()
    _ = try await place.staff("mette")
    for _ in 0..<5 {
        await #expect(throws: StaffError.invalidCredentials) { try await place.directory.logIn(username: "mette", password: "wrong") }
    }
    // Locked: even the right password is refused, with the same answer.
    await #expect(throws: StaffError.invalidCredentials) {
        try await place.directory.logIn(username: "mette", password: "a long and new password")
    }
    place.clock.advance(16 * 60)
    #expect(try await place.directory.logIn(username: "mette", password: "a long and new password").identity.username == "mette")
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
