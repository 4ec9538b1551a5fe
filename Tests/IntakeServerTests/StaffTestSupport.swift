import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import IntakeServer

/// The citizen side and the staff API over one in-memory database.
struct StaffWorld {
    let citizen: CitizenServices
    let staff: StaffServices
    let citizenApp: Application<RouterResponder<CitizenRequestContext>>
    let staffApp: Application<RouterResponder<StaffRequestContext>>

    init(configuration: AppConfiguration = .testing, clock: ServiceClock = testClock) throws {
        citizen = try CitizenServices.testing(configuration: configuration, clock: clock)
        staff = try StaffServices(citizen: citizen, hashing: configuration.passwordHashing, configuration: configuration)
        citizenApp = Application(router: buildCitizenRouter(citizen))
        staffApp = Application(router: buildStaffRouter(staff))
    }

    /// An account with its own password, logged in; returns the bearer headers.
    func logIn(_ username: String, admin: Bool = false) async throws -> HTTPFields {
        let oneTime = try await staff.directory.addUser(username, role: admin ? .admin : .staff)
        let first = try await staff.directory.logIn(username: username, password: oneTime)
        try await staff.directory.changePassword(first.identity, current: oneTime, new: "a long and new password")
        let session = try await staff.directory.logIn(username: username, password: "a long and new password")
        return [.authorization: "Bearer \(session.token)", .contentType: "application/json"]
    }

    /// A case submitted through the intake desk; returns its token and reference.
    func submit(_ changes: [String: String] = [:]) async throws -> (token: String, reference: String) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs/examples/submission.json")
        let body = try JSONDecoder().decode([String: JSONValue].self, from: Data(contentsOf: url))
        guard case .object(var answers) = body["answers"] else { fatalError("example without answers") }
        for (key, value) in changes { answers[key] = Int(value).map(JSONValue.integer) ?? .string(value) }
        let issued = try await citizen.intake.submit(Submission(questionnaire: "asi-sr-1", language: .en, answers: answers))
        return (issued.token.formatted, issued.storedCase.reference.value)
    }
}

extension HTTPFields {
    /// The same headers asking for answers in English.
    var english: HTTPFields {
        var copy = self
        copy[.acceptLanguage] = "en"
        return copy
    }
}
