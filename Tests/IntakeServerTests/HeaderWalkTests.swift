import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import Testing

@testable import IntakeServer

/// A concrete URI for a router path: parameters filled in with values that exist.
private func uri(_ path: String) -> String {
    path.split(separator: "/").map { part in
        switch part {
        case ":slug": "cafe-nord"
        case ":reference": "ABC-DEF"
        case ":id": "1"
        default: String(part)
        }
    }.reduce("") { "\($0)/\($1)" }
}

/// The privacy headers every answer must carry, whatever its status.
private func expectPrivacyHeaders(_ response: TestResponse, _ route: String, framable: Bool = false) {
    let policy = response.headers[.contentSecurityPolicy] ?? ""
    #expect(!policy.isEmpty, "\(route): no Content-Security-Policy")
    #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "\(route): \(policy)")
    #expect(policy.contains(framable ? "frame-ancestors https://cafe.example" : "frame-ancestors 'none'"), "\(route): \(policy)")
    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(route)")
    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(route)")
    let permissions = response.headers[HTTPField.Name("Permissions-Policy")!] ?? ""
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"] {
        #expect(permissions.contains("\(feature)=()"), "\(route): \(feature) is not denied")
    }
    #expect(response.headers[.cacheControl] == "no-store", "\(route): \(response.headers[.cacheControl] ?? "no Cache-Control")")
    #expect(response.headers[.strictTransportSecurity] == "max-age=31536000", "\(route)")
    #expect(response.headers[HTTPField.Name("Server")!] == nil, "\(route)")
}

@Test func everyCitizenRouteAnswersWithThePrivacyHeaders() async throws {
    var configuration = AppConfiguration.testing
    configuration.behindHTTPS = true
    let services = try CitizenServices.testing(configuration: configuration)
    _ = try await services.database.addPartner(
        PartnerInput(slug: "cafe-nord", name: "Café Nord", origin: "https://cafe.example", showsName: false), at: testInstant)
    let router = buildCitizenRouter(services)
    let routes = router.routes.map { ($0.method, $0.path.description) }
    #expect(routes.count >= 20)
    try await Application(router: router).test(.router) { client in
        for (method, path) in routes {
            let headers: HTTPFields = method == .post ? [.contentType: "application/json"] : [:]
            try await client.execute(uri: uri(path), method: method, headers: headers, body: ByteBuffer(string: "{}")) { response in
                expectPrivacyHeaders(response, "\(method) \(path) → \(response.status.code)", framable: path == "/embed/:slug")
            }
        }
    }
}

@Test func everyStaffRouteAnswersWithThePrivacyHeaders() async throws {
    var configuration = AppConfiguration.testing
    configuration.behindHTTPS = true
    let citizen = try CitizenServices.testing(configuration: configuration)
    let staff = try StaffServices(citizen: citizen, hashing: configuration.passwordHashing, configuration: configuration)
    let oneTime = try await staff.directory.addUser("mette", role: .admin)
    let session = try await staff.directory.logIn(username: "mette", password: oneTime)
    try await staff.directory.changePassword(session.identity, current: oneTime, new: "a long and new password")
    let token = try await staff.directory.logIn(username: "mette", password: "a long and new password").token
    let router = buildStaffRouter(staff)
    let routes = router.routes.map { ($0.method, $0.path.description) }.filter { !($0.0 == .delete && $0.1 == "/staff/v1/session") }
    try await Application(router: router).test(.router) { client in
        for (method, path) in routes {
            for authorized in [true, false] {
                var headers: HTTPFields = [.contentType: "application/json"]
                if authorized { headers[.authorization] = "Bearer \(token)" }
                try await client.execute(uri: uri(path), method: method, headers: headers, body: ByteBuffer(string: "{}")) { response in
                    #expect(response.status.code < 500, "\(method) \(path)")
                    expectPrivacyHeaders(response, "\(method) \(path) → \(response.status.code)")
                }
            }
        }
    }
}

@Test func theStylesheetMayBeCachedButStillCarriesThePolicies() async throws {
    let services = try CitizenServices.testing()
    let publicFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Public").path
    try await Application(router: buildCitizenRouter(services, publicDirectory: publicFolder)).test(.router) { client in
        try await client.execute(uri: "/style.css", method: .get) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl]?.contains("max-age=3600") == true)
            #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
        }
    }
}

@Test func theCitizenPortServesNoStaffFileHoweverThePathIsSpelt() async throws {
    let services = try CitizenServices.testing()
    let publicFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Public").path
    try await Application(router: buildCitizenRouter(services, publicDirectory: publicFolder)).test(.router) { client in
        for path in [
            "/staff/index.html", "//staff/index.html", "/./staff/index.html", "/%73taff/index.html", "/%2573taff/index.html",
            "/staff%2Findex.html", "/x/../staff/js/app.js", "/STAFF/index.html", "/staff/js/dates.js", "///staff//console.css",
        ] {
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .notFound, "\(path) answered \(response.status)")
                #expect(!String(buffer: response.body).contains("<script"), "\(path) served the console")
            }
        }
        try await client.execute(uri: "/style.css", method: .get) { #expect($0.status == .ok) }
        try await client.execute(uri: "/./style.css", method: .get) { #expect($0.status.code < 500) }
    }
    #expect(HideStaffConsoleMiddleware<CitizenRequestContext>.isStaffPath("/staffing/x") == false)
    #expect(HideStaffConsoleMiddleware<CitizenRequestContext>.isStaffPath("/%ZZstaff") == false)
}
