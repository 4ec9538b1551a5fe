import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

@testable import Intake
@testable import IntakeServer

/// The citizen side and the staff API over one in-memory database.
struct StaffWorld {
    let citizen: CitizenServices
    let staff: StaffServices
    let citizenApp: Application<RouterResponder<CitizenRequestContext>>
    let staffApp: Application<RouterResponder<StaffRequestContext>>
    /// The recovery codes of each account `logIn` set up, for logging in again while the test
    /// clock stands still (a TOTP code is taken once per 30-second step).
    let recoveryCodes = RecoveryCodeStore()

    init(configuration: AppConfiguration = .testing, clock: ServiceClock = testClock) throws {
        citizen = try CitizenServices.testing(configuration: configuration, clock: clock)
        staff = try StaffServices(citizen: citizen, hashing: configuration.passwordHashing, configuration: configuration)
        citizenApp = Application(router: buildCitizenRouter(citizen))
        staffApp = Application(router: buildStaffRouter(staff))
    }

    /// An account with its own password and two-step verification, logged in as the first login
    /// goes; returns the bearer headers.
    func logIn(_ username: String, admin: Bool = false) async throws -> HTTPFields {
        let oneTime = try await staff.directory.addUser(username, role: admin ? .admin : .staff)
        let first = try await staff.directory.logIn(username: username, password: oneTime)
        try await staff.directory.changePassword(first.identity, current: oneTime, new: "a long and new password")
        let session = try await staff.directory.logIn(username: username, password: "a long and new password")
        _ = try await staff.directory.beginSecondFactorSetup(session.identity)
        let codes = try await staff.directory.confirmSecondFactor(session.identity, code: try await pendingCode(session.identity))
        await recoveryCodes.keep(codes, for: username)
        return [.authorization: "Bearer \(session.token)", .contentType: "application/json"]
    }

    /// The code the app would show now for the second factor `identity` is setting up.
    func pendingCode(_ identity: StaffIdentity, stepsAhead: Int64 = 0) async throws -> String {
        guard let secret = try await staff.database.pendingSecondFactor(userID: identity.userID) else { fatalError("no setup begun") }
        return SecondFactor.code(secret: secret, step: SecondFactor.step(at: staff.clock.now().instant) + stepsAhead)
    }

    /// The code the app of the account called `username` shows `stepsAhead` steps from now.
    func appCode(_ username: String, stepsAhead: Int64 = 0) async throws -> String {
        guard let user = try await staff.database.staffUser(named: username), let secret = try staff.database.secondFactorSecret(of: user)
        else { fatalError("\(username) has no second factor") }
        return SecondFactor.code(secret: secret, step: SecondFactor.step(at: staff.clock.now().instant) + stepsAhead)
    }

    /// A second-factor code that logs `username` in once more: one of its recovery codes.
    func code(_ username: String) async -> String { await recoveryCodes.take(for: username) }

    /// A case submitted through the intake desk; returns its token and reference.
    func submit(_ changes: [String: String] = [:], language: Language = .en) async throws -> (token: String, reference: String) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs/examples/submission.json")
        let body = try JSONDecoder().decode([String: JSONValue].self, from: Data(contentsOf: url))
        guard case .object(var answers) = body["answers"] else { fatalError("example without answers") }
        for (key, value) in changes { answers[key] = Int(value).map(JSONValue.integer) ?? .string(value) }
        let issued = try await citizen.intake.submit(Submission(questionnaire: "asi-sr-1", language: language, answers: answers))
        return (issued.token.formatted, issued.storedCase.reference.value)
    }
}

/// The unused recovery codes of the test accounts.
actor RecoveryCodeStore {
    private var codes: [String: [String]] = [:]

    func keep(_ new: [String], for username: String) { codes[username] = new }

    func take(for username: String) -> String {
        guard let code = codes[username]?.popLast() else { fatalError("\(username) has no recovery code left") }
        return code
    }
}

extension HTTPFields {
    /// The same headers asking for answers in English.
    var english: HTTPFields {
        var copy = self
        copy[.acceptLanguage] = "en"
        return copy
    }

    /// The same headers with a JSON body.
    var withJSON: HTTPFields {
        var copy = self
        copy[.contentType] = "application/json"
        return copy
    }
}
