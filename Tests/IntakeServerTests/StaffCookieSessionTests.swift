import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Intake
@testable import IntakeServer

/// The console logs in for a cookie: HttpOnly, SameSite=Strict, no token in the answer; reads go
/// with the cookie alone, changes need the anti-forgery token too; a request a browser marks as
/// cross-site changes nothing; bearer tokens work as before for API clients.
@Test func theConsolesSessionIsAnHttpOnlyCookieAndItsChangesNeedTheAntiForgeryToken() async throws {
    let world = try StaffWorld()
    let bearer = try await world.logIn("mette")
    let code = await world.code("mette")
    try await world.staffApp.test(.router) { client in
        let (cookie, login) = try await client.execute(
            uri: "/staff/v1/session", method: .post, headers: [.contentType: "application/json"],
            body: json(["username": "mette", "password": "a long and new password", "code": code, "session": "cookie"])
        ) { response in
            #expect(response.status == .created)
            return (response.headers[.setCookie] ?? "", response.object)
        }
        #expect(cookie.hasPrefix("indgang_staff=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        #expect(login["token"] == nil)
        let csrf = try #require(login["csrfToken"] as? String)
        let value = String(cookie.dropFirst("indgang_staff=".count).prefix { $0 != ";" })
        #expect(!value.isEmpty && !csrf.contains(value))
        let withCookie: HTTPFields = [.cookie: "indgang_staff=\(value)", .contentType: "application/json"]
        // Reads with the cookie alone; GET session gives the anti-forgery token again after a reload.
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: withCookie) { #expect($0.status == .ok) }
        try await client.execute(uri: "/staff/v1/session", method: .get, headers: withCookie) { response in
            #expect(response.object["csrfToken"] as? String == csrf && response.object["username"] as? String == "mette")
        }
        // A change without the token, or with another, is refused with a message that says what to do.
        let (_, reference) = try await world.submit()
        // (The other token differs in its first character, whatever that is.)
        let other = (csrf.first == "x" ? "y" : "x") + csrf.dropFirst()
        for headers in [withCookie, withCookie.with(StaffCookieSession.csrfHeader, other)] {
            try await client.execute(uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: headers) { response in
                #expect(response.status == .forbidden)
                #expect((response.object["error"] as? [String: Any])?["message"] as? String != nil)
            }
        }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: withCookie.with(StaffCookieSession.csrfHeader, csrf)
        ) { #expect($0.status == .ok) }
        // Whatever the credentials, a change a browser says came from another site is refused.
        for site in ["cross-site", "same-site"] {
            try await client.execute(
                uri: "/staff/v1/cases/\(reference)/release", method: .post, headers: bearer.with(.init("Sec-Fetch-Site")!, site)
            ) { #expect($0.status == .forbidden) }
        }
        // An API client's bearer token needs no anti-forgery token.
        try await client.execute(uri: "/staff/v1/cases/\(reference)/release", method: .post, headers: bearer) { #expect($0.status == .ok) }
        // Logging out removes the cookie.
        try await client.execute(uri: "/staff/v1/session", method: .delete, headers: withCookie.with(StaffCookieSession.csrfHeader, csrf)) {
            response in
            #expect(response.status == .noContent)
            #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
        }
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: withCookie) { #expect($0.status == .unauthorized) }
    }
}

@Test func loggingOutEverywhereEndsEverySessionOfTheAccountOnly() async throws {
    let world = try StaffWorld()
    let first = try await world.logIn("mette")
    let other = try await world.logIn("jonas")
    let second = try await world.staff.directory.logIn(
        username: "mette", password: "a long and new password", code: await world.code("mette"))
    let secondHeaders: HTTPFields = [.authorization: "Bearer \(second.token)"]
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/sessions", method: .delete, headers: first) { #expect($0.status == .noContent) }
        for headers in [first, secondHeaders] {
            try await client.execute(uri: "/staff/v1/cases", method: .get, headers: headers) { #expect($0.status == .unauthorized) }
        }
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: other) { #expect($0.status == .ok) }
    }
    let line = try await world.staff.database.auditEntries(AuditFilter(actor: "mette")).first { $0.action == .sessionLogout }
    #expect(line?.detail == "everywhere")
}

@Test func theAntiForgeryTokenBelongsToItsSessionAndIsComparedWhole() {
    let token = StaffDirectory.makeSessionToken()
    let csrf = StaffCookieSession.csrfToken(for: token)
    #expect(StaffCookieSession.isCSRFToken(csrf, for: token))
    #expect(!StaffCookieSession.isCSRFToken(csrf, for: StaffDirectory.makeSessionToken()))
    #expect(!StaffCookieSession.isCSRFToken(String(csrf.dropLast()), for: token))
    #expect(!StaffCookieSession.isCSRFToken(nil, for: token) && !StaffCookieSession.isCSRFToken("", for: token))
    #expect(csrf.count == 43 && !csrf.contains(token))
}

extension HTTPFields {
    /// The same headers with `name` set to `value`.
    fileprivate func with(_ name: HTTPField.Name, _ value: String) -> HTTPFields {
        var copy = self
        copy[name] = value
        return copy
    }
}

@Test func behindHTTPSTheSessionCookieIsSecureAndHostOnly() {
    let cookie = StaffCookieSession(isSecure: true).cookie("abc").description
    #expect(cookie.hasPrefix("__Host-indgang_staff=abc"))
    #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
    #expect(!cookie.contains("Domain"))
    #expect(StaffCookieSession(isSecure: false).cookieName == "indgang_staff")
}
