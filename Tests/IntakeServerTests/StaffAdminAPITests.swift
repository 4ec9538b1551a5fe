import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import IntakeServer
import Testing

private func items(_ response: TestResponse) -> [[String: Any]] {
    response.object["items"] as? [[String: Any]] ?? []
}

@Test func anAdministratorManagesStaffAccountsAndEveryChangeIsAuditedUnderTheirName() async throws {
    let world = try StaffWorld()
    let admin = try await world.logIn("anne", admin: true)
    let counsellor = try await world.logIn("mette")
    try await world.staffApp.test(.router) { client in
        var oneTime = ""
        try await client.execute(uri: "/staff/v1/staff", method: .post, headers: admin, body: json(["username": "Jonas", "role": "staff"]))
        {
            response in
            #expect(response.status == .created)
            #expect(response.object["username"] as? String == "jonas")
            oneTime = response.object["oneTimePassword"] as? String ?? ""
            #expect(oneTime.count >= 20)
        }
        let session = try await world.staff.directory.logIn(username: "jonas", password: oneTime)
        #expect(session.identity.mustChangePassword)

        try await client.execute(uri: "/staff/v1/staff", method: .post, headers: admin.english, body: json(["username": "jonas"])) {
            response in
            #expect(response.status == .conflict)
            #expect(response.errorMessage == "There is already an account called jonas. Choose another name.")
        }
        try await client.execute(
            uri: "/staff/v1/staff", method: .post, headers: admin.english, body: json(["username": "J", "role": "boss"])
        ) {
            response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["role"] == "This value cannot be used.")
        }
        try await client.execute(uri: "/staff/v1/staff", method: .post, headers: admin.english, body: json(["username": "é"])) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["username"] == "Use 2–40 characters: a–z, 0–9, dot, dash or underscore.")
        }
        try await client.execute(uri: "/staff/v1/staff", method: .post, headers: counsellor, body: json(["username": "eve"])) {
            #expect($0.status == .forbidden)
        }
        // Every staff member sees the accounts (to hand a case over), without anything secret.
        try await client.execute(uri: "/staff/v1/staff", method: .get, headers: counsellor) { response in
            #expect(items(response).map { $0["username"] as? String } == ["anne", "jonas", "mette"])
            #expect(items(response).allSatisfy { $0["passwordHash"] == nil })
        }

        try await client.execute(uri: "/staff/v1/staff/jonas/reset-password", method: .post, headers: admin) { response in
            #expect(response.status == .ok)
            #expect((response.object["oneTimePassword"] as? String).map { $0 != oneTime } == true)
        }
        #expect(try await world.staff.directory.authenticate(token: session.token) == nil)
        try await client.execute(uri: "/staff/v1/staff/mette/disable", method: .post, headers: admin) { response in
            #expect(response.object["isDisabled"] as? Bool == true)
        }
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: counsellor) { #expect($0.status == .unauthorized) }
        try await client.execute(uri: "/staff/v1/staff/anne/disable", method: .post, headers: admin.english) { response in
            #expect(response.status == .conflict)
            #expect(response.errorMessage == "You cannot disable your own account. Ask another administrator.")
        }
        try await client.execute(uri: "/staff/v1/staff/nobody/disable", method: .post, headers: admin) { #expect($0.status == .notFound) }
        try await client.execute(uri: "/staff/v1/staff/anne/reset-password", method: .post, headers: admin) {
            #expect($0.status == .conflict)
        }
    }
    let byAnne = try await world.staff.desk.auditEntries(AuditFilter()).filter {
        $0.actor == "anne" && $0.action.rawValue.hasPrefix("staff.")
            && ![.staffPasswordChanged, .staffSecondFactorEnabled].contains($0.action)
    }
    #expect(byAnne.map(\.action.rawValue).sorted() == ["staff.add", "staff.disable", "staff.reset_password"])
    #expect(byAnne.map { $0.detail ?? "" }.sorted() == ["jonas", "jonas staff", "mette"])
}

@Test func anAdministratorKeepsTheProviderRegisterAndSeesWhetherSection101aIsCovered() async throws {
    let world = try StaffWorld()
    let admin = try await world.logIn("anne", admin: true)
    let counsellor = try await world.logIn("mette")
    try await world.staffApp.test(.router) { client in
        for (slug, outside) in [("anonym-by", false), ("anonym-land", true)] {
            try await client.execute(
                uri: "/staff/v1/providers", method: .post, headers: admin,
                body: json([
                    "slug": slug, "name": "Tilbud \(slug)", "contact": "Algade 1", "isAnonymous": true, "isOutsideMunicipality": outside,
                ])
            ) { response in
                #expect(response.status == .created)
                #expect(response.object["isActive"] as? Bool == true)
            }
        }
        try await client.execute(uri: "/staff/v1/providers", method: .get, headers: admin) { response in
            let coverage = response.object["coverage"] as? [String: Any]
            #expect(coverage?["meetsSection101a"] as? Bool == true)
            #expect(coverage?["anonymousOutsideMunicipality"] as? Int == 1)
        }
        try await client.execute(
            uri: "/staff/v1/providers", method: .post, headers: admin.english, body: json(["slug": "Not A Slug", "name": ""])
        ) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["slug"] == "Use 1–40 characters: a–z, 0–9 and dashes.")
            #expect(response.problemItems["name"] == "Fill in this field.")
        }
        try await client.execute(
            uri: "/staff/v1/providers", method: .post, headers: admin, body: json(["slug": "anonym-by", "name": "Igen"])
        ) {
            #expect($0.status == .conflict)
        }
        try await client.execute(uri: "/staff/v1/providers/anonym-land/disable", method: .post, headers: admin) { response in
            #expect(response.object["isActive"] as? Bool == false)
        }
        try await client.execute(uri: "/staff/v1/providers", method: .get, headers: admin) { response in
            #expect(items(response).count == 2)
            #expect((response.object["coverage"] as? [String: Any])?["meetsSection101a"] as? Bool == false)
        }
        // Counsellors choose among the active providers only, and cannot change the register.
        try await client.execute(uri: "/staff/v1/providers", method: .get, headers: counsellor) { response in
            #expect(items(response).map { $0["slug"] as? String } == ["anonym-by"])
        }
        try await client.execute(uri: "/staff/v1/providers/anonym-by/disable", method: .post, headers: counsellor) {
            #expect($0.status == .forbidden)
        }
        try await client.execute(uri: "/staff/v1/providers/nobody/disable", method: .post, headers: admin) {
            #expect($0.status == .notFound)
        }
    }
}

@Test func anAdministratorRegistersPartnersAndSeesEachKeyOnce() async throws {
    let world = try StaffWorld()
    let admin = try await world.logIn("anne", admin: true)
    try await world.staffApp.test(.router) { client in
        var firstKey = ""
        try await client.execute(
            uri: "/staff/v1/partners", method: .post, headers: admin,
            body: json(["slug": "cafe-nord", "name": "Café Nord", "origin": "https://cafe.example", "showsName": true])
        ) { response in
            #expect(response.status == .created)
            firstKey = response.object["apiKey"] as? String ?? ""
            let partner = response.object["partner"] as? [String: Any]
            #expect(partner?["link"] as? String == "http://127.0.0.1:0/p/cafe-nord")
            #expect(partner?["origin"] as? String == "https://cafe.example")
        }
        #expect(try await world.citizen.database.partner(apiKey: firstKey)?.slug == "cafe-nord")
        try await client.execute(
            uri: "/staff/v1/partners", method: .post, headers: admin.english,
            body: json(["slug": "x", "name": "X", "origin": "https://x.example/path"])
        ) { response in
            #expect(response.status == .unprocessableContent)
            #expect(response.problemItems["origin"] == "Give an https address without a path, e.g. https://cafe.example.")
        }
        try await client.execute(uri: "/staff/v1/partners/cafe-nord/rotate-key", method: .post, headers: admin) { response in
            let key = response.object["apiKey"] as? String ?? ""
            #expect(!key.isEmpty && key != firstKey)
        }
        #expect(try await world.citizen.database.partner(apiKey: firstKey) == nil)
        try await client.execute(uri: "/staff/v1/partners/cafe-nord/disable", method: .post, headers: admin) { response in
            #expect(response.object["isActive"] as? Bool == false)
        }
        try await client.execute(uri: "/staff/v1/partners", method: .get, headers: admin) { response in
            #expect(items(response).first?["apiKeyHash"] == nil)
            #expect(items(response).first?["isActive"] as? Bool == false)
        }
    }
}

@Test func staffReadTheQuestionnaireToShowAnswersInWords() async throws {
    let world = try StaffWorld()
    let counsellor = try await world.logIn("mette")
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/questionnaire", method: .get, headers: counsellor.english) { response in
            let sections = response.object["sections"] as? [[String: Any]] ?? []
            #expect(sections.count == 10)
            let items = sections.flatMap { $0["items"] as? [[String: Any]] ?? [] }
            let contact = items.first { $0["id"] as? String == "bg.contact" }
            #expect((contact?["options"] as? [[String: Any]])?.count == 5)
            #expect(response.object["language"] as? String == "en")
        }
    }
}

@Test func theConsoleIsServedOnTheStaffPortOnlyWithAPolicyForItsOwnScripts() async throws {
    let world = try StaffWorld()
    let publicDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Public").standardized
        .path
    let staffApp = Application(router: buildStaffRouter(world.staff, consoleDirectory: "\(publicDirectory)/staff"))
    try await staffApp.test(.router) { client in
        try await client.execute(uri: "/", method: .get) { response in
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains(#"<script type="module" src="/js/app.js">"#))
            let policy = response.headers[.contentSecurityPolicy] ?? ""
            #expect(
                policy.contains("script-src 'self'") && policy.contains("connect-src 'self'") && policy.contains("frame-ancestors 'none'"))
            #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
            #expect(response.headers[.cacheControl] == "no-store")
        }
        try await client.execute(uri: "/js/app.js", method: .get) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.contains("javascript") == true)
        }
        // The API keeps its own answers.
        try await client.execute(uri: "/staff/v1/cases", method: .get) { response in
            #expect(response.status == .unauthorized)
            #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
        }
    }
    let citizenApp = Application(router: buildCitizenRouter(world.citizen, publicDirectory: publicDirectory))
    try await citizenApp.test(.router) { client in
        try await client.execute(uri: "/staff/js/app.js", method: .get) { #expect($0.status == .notFound) }
        try await client.execute(uri: "/staff/index.html", method: .get) { #expect($0.status == .notFound) }
        try await client.execute(uri: "/style.css", method: .get) { #expect($0.status == .ok) }
    }
}
