import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Intake
@testable import IntakeServer

/// Logs in through the API; returns the status and the answer.
private func logIn(
    _ client: some TestClientProtocol, _ username: String, _ password: String, code: String? = nil
) async throws -> (HTTPResponse.Status, [String: Any]) {
    var body: [String: Any] = ["username": username, "password": password]
    if let code { body["code"] = code }
    return try await client.execute(uri: "/staff/v1/session", method: .post, headers: [.contentType: "application/json"], body: json(body))
    {
        ($0.status, $0.object)
    }
}

private func bearer(_ answer: [String: Any]) -> HTTPFields {
    [.authorization: "Bearer \(answer["token"] as? String ?? "")", .contentType: "application/json"]
}

@Test func theFirstLoginSetsUpTwoStepVerificationBeforeAnythingElse() async throws {
    let world = try StaffWorld()
    let oneTime = try await world.staff.directory.addUser("mette", role: .staff)
    try await world.staffApp.test(.router) { client in
        let (_, first) = try await logIn(client, "mette", oneTime)
        #expect(first["mustChangePassword"] as? Bool == true)
        // Setting up needs the own password first.
        try await client.execute(uri: "/staff/v1/session/second-factor", method: .post, headers: bearer(first)) {
            #expect($0.status == .forbidden)
        }
        try await client.execute(
            uri: "/staff/v1/password", method: .post, headers: bearer(first),
            body: json(["currentPassword": oneTime, "newPassword": "a long and new password"])
        ) { #expect($0.status == .ok) }
        let (status, session) = try await logIn(client, "mette", "a long and new password")
        #expect(status == .created && session["mustSetUpSecondFactor"] as? Bool == true && session["hasSecondFactor"] as? Bool == false)
        let headers = bearer(session)
        // Nothing but the setup until it is done.
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: headers) {
            #expect($0.status == .forbidden)
            #expect(String(buffer: $0.body).contains("second-factor"))
        }
        let setup = try await client.execute(uri: "/staff/v1/session/second-factor", method: .post, headers: headers) { response in
            #expect(response.status == .ok)
            return response.object
        }
        let url = try #require(setup["otpauthURL"] as? String)
        #expect(url.hasPrefix("otpauth://totp/Indgang:mette?secret=") && url.contains("issuer=Indgang"))
        #expect((setup["secret"] as? String)?.contains(" ") == true)
        let svg = try #require(setup["qrSVG"] as? String)
        #expect(svg.hasPrefix("<svg") && svg.contains("<path") && !svg.contains("<script"))
        // A wrong code is a field problem; the right one gives ten recovery codes, once.
        try await client.execute(
            uri: "/staff/v1/session/second-factor/confirm", method: .post, headers: headers, body: json(["code": "000000"])
        ) { response in
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("\"code\""))
        }
        let identity = try #require(try await world.staff.directory.authenticate(token: session["token"] as? String ?? ""))
        let code = try await world.pendingCode(identity)
        let confirmed = try await client.execute(
            uri: "/staff/v1/session/second-factor/confirm", method: .post, headers: headers, body: json(["code": code])
        ) { response in
            #expect(response.status == .ok)
            return response.object
        }
        let recovery = try #require(confirmed["recoveryCodes"] as? [String])
        #expect(recovery.count == 10)
        // The same session goes on; a second setup is refused.
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: headers) { #expect($0.status == .ok) }
        try await client.execute(uri: "/staff/v1/session/second-factor", method: .post, headers: headers) {
            #expect($0.status == .conflict)
        }

        // From now on the password alone is refused, the same way as a wrong password.
        let (alone, refusal) = try await logIn(client, "mette", "a long and new password")
        let (wrong, wrongRefusal) = try await logIn(
            client, "mette", "a wrong password", code: try await world.appCode("mette", stepsAhead: 1))
        #expect(alone == .unauthorized && wrong == .unauthorized)
        #expect(
            (refusal["error"] as? [String: Any])?["message"] as? String == (wrongRefusal["error"] as? [String: Any])?["message"] as? String)
        // The code the setup used is used up; the next step's works once.
        #expect(try await logIn(client, "mette", "a long and new password", code: code).0 == .unauthorized)
        let next = try await world.appCode("mette", stepsAhead: 1)
        #expect(try await logIn(client, "mette", "a long and new password", code: next).0 == .created)
        #expect(try await logIn(client, "mette", "a long and new password", code: next).0 == .unauthorized)
        // A recovery code works once, typed any way.
        let typed = recovery[3].lowercased().replacingOccurrences(of: "-", with: " ")
        #expect(try await logIn(client, "mette", "a long and new password", code: typed).0 == .created)
        #expect(try await logIn(client, "mette", "a long and new password", code: recovery[3]).0 == .unauthorized)
    }
    let actions = try await world.staff.database.auditEntries(AuditFilter(limit: 100)).map(\.action)
    #expect(actions.contains(.staffSecondFactorEnabled) && actions.contains(.sessionRecoveryCodeUsed))
}

@Test func anAdministratorResetsALostPhoneAndThePersonSetsItUpAgain() async throws {
    let world = try StaffWorld()
    let admin = try await world.logIn("anne", admin: true)
    let mette = try await world.logIn("mette")
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/staff", method: .get, headers: admin) { response in
            let accounts = response.object["items"] as? [[String: Any]] ?? []
            #expect(accounts.allSatisfy { $0["hasSecondFactor"] as? Bool == true })
        }
        // Not one's own, not by a counsellor.
        try await client.execute(uri: "/staff/v1/staff/anne/reset-second-factor", method: .post, headers: admin) {
            #expect($0.status == .conflict)
        }
        try await client.execute(uri: "/staff/v1/staff/anne/reset-second-factor", method: .post, headers: mette) {
            #expect($0.status == .forbidden)
        }
        try await client.execute(uri: "/staff/v1/staff/nobody/reset-second-factor", method: .post, headers: admin) {
            #expect($0.status == .notFound)
        }
        try await client.execute(uri: "/staff/v1/staff/mette/reset-second-factor", method: .post, headers: admin) { response in
            #expect(response.status == .ok)
            #expect(response.object["hasSecondFactor"] as? Bool == false)
        }
        // Her sessions ended; the password alone opens a session that can only set it up again.
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: mette) { #expect($0.status == .unauthorized) }
        let (status, session) = try await logIn(client, "mette", "a long and new password")
        #expect(status == .created && session["mustSetUpSecondFactor"] as? Bool == true)
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: bearer(session)) { #expect($0.status == .forbidden) }
    }
    let reset = try await world.staff.database.auditEntries(AuditFilter(limit: 100)).first { $0.action == .staffSecondFactorReset }
    #expect(reset?.actor == "anne" && reset?.detail == "mette")
}

@Test func wrongCodesAreGuessesLikeWrongPasswords() async throws {
    var configuration = AppConfiguration.testingWithLimits
    configuration.trustForwardedFor = true
    let world = try StaffWorld(configuration: configuration)
    _ = try await world.logIn("mette")
    try await world.staffApp.test(.router) { client in
        // The right password with wrong codes, each from another address: after five, even the
        // right password and code from a browser that has not logged in before must wait.
        for guess in 1...5 {
            let (status, _) = try await client.execute(
                uri: "/staff/v1/session", method: .post,
                headers: [.contentType: "application/json", .init("X-Forwarded-For")!: "192.0.2.\(guess)"],
                body: json(["username": "mette", "password": "a long and new password", "code": String(format: "%06d", guess)])
            ) { ($0.status, $0.object) }
            #expect(status == .unauthorized)
        }
        let (waiting, _) = try await client.execute(
            uri: "/staff/v1/session", method: .post,
            headers: [.contentType: "application/json", .init("X-Forwarded-For")!: "203.0.113.9"],
            body: json([
                "username": "mette", "password": "a long and new password", "code": try await world.appCode("mette", stepsAhead: 1),
            ])
        ) { ($0.status, $0.object) }
        #expect(waiting == .tooManyRequests)
    }
}

@Test func withoutEnforcementThePasswordIsEnoughAndEveryoneIsWarned() async throws {
    var configuration = AppConfiguration.testing
    // With alerts set up, so that the second factor's is the only warning.
    configuration.alerts.mailTo = ["team@kommune.example"]
    configuration.allowsStaffLoginWithoutSecondFactor = true
    let world = try StaffWorld(configuration: configuration)
    let oneTime = try await world.staff.directory.addUser("mette", role: .staff)
    let first = try await world.staff.directory.logIn(username: "mette", password: oneTime)
    try await world.staff.directory.changePassword(first.identity, current: oneTime, new: "a long and new password")
    try await world.staffApp.test(.router) { client in
        let (status, session) = try await logIn(client, "mette", "a long and new password")
        #expect(status == .created && session["mustSetUpSecondFactor"] as? Bool == false)
        #expect((session["warnings"] as? [String])?.first?.contains("--allow-staff-login-without-second-factor") == true)
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: bearer(session)) { #expect($0.status == .ok) }
        try await client.execute(uri: "/health", method: .get) { response in
            #expect(response.status == .ok)
            #expect(response.object["status"] as? String == "warning" && (response.object["warnings"] as? [String])?.count == 1)
        }
    }
    // With enforcement, the staff port's health has no warning.
    configuration.allowsStaffLoginWithoutSecondFactor = false
    let enforced = try StaffWorld(configuration: configuration)
    try await enforced.staffApp.test(.router) { client in
        try await client.execute(uri: "/health", method: .get) { response in
            #expect(response.object["status"] as? String == "ok" && response.object["warnings"] == nil)
        }
    }
}

@Test func theQRCodeIsARealQRMatrix() throws {
    let url = SecondFactor.authenticatorURL(secret: SecondFactor.makeSecret(), username: "mette", issuer: "Indgang")
    let modules = try #require(QRCodeSVG.modules(url))
    let width = modules.count
    #expect(width >= 21 && (width - 17) % 4 == 0 && modules.allSatisfy { $0.count == width })
    // The three finder patterns: a dark 7×7 ring around a light ring around a dark 3×3 square.
    for (top, left) in [(0, 0), (0, width - 7), (width - 7, 0)] {
        for y in 0..<7 {
            for x in 0..<7 {
                let ring = max(abs(y - 3), abs(x - 3))
                #expect(modules[top + y][left + x] == (ring != 2), "finder at \(top),\(left): \(y),\(x)")
            }
        }
    }
    let svg = try #require(QRCodeSVG.svg(url, label: "QR \"code\" <app>"))
    #expect(svg.contains("viewBox=\"0 0 \(width + 8) \(width + 8)\"") && svg.contains("aria-label=\"QR &quot;code&quot; &lt;app>\""))
    #expect(QRCodeSVG.svg(String(repeating: "x", count: 10_000), label: "x") == nil)
}
