import Foundation
import HTTPTypes
import HostileInput
import Hummingbird
import HummingbirdTesting
import Intake
import PropertyBased
import Testing

@testable import IntakeServer

// Whatever text or number arrives in a field, a path or a query, the process answers (never a
// 5xx) and keeps answering. One trap here would take both listeners down for everyone.

/// Text as a path segment or query value: every byte that is not unreserved is percent-encoded.
private func encoded(_ text: String) -> String {
    var unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    unreserved.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
}

@Test func theStepFieldTakesAnyNumber() async {
    await propertyCheck(count: 2_000, input: Gen.int()) { step in
        let index = QuestionnairePagesController.stepIndex(String(step), steps: 10)
        #expect((0..<10).contains(index))
        #expect(index == min(max(step, 1), 10) - 1)
    }
    #expect(QuestionnairePagesController.stepIndex("\(Int.min)", steps: 10) == 0)
    #expect(QuestionnairePagesController.stepIndex("99999999999999999999999", steps: 10) == 0)
    #expect(QuestionnairePagesController.stepIndex(nil, steps: 10) == 0)
}

@Test func theCitizenSideAnswersAnyTokenAndAnyStep() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        // A browser with a draft and a case session, so the forms reach their handlers.
        let browser = PageBrowser(client)
        _ = try await browser.submitEverything()
        _ = try await browser.post("/questionnaire/receipt/open", [])
        _ = try await browser.get("/questionnaire")
        var withCookies = formHeaders
        withCookies[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let sessionHeaders = withCookies
        await propertyCheck(count: 150, input: hostileText, Gen.int()) { text, step in
            for (uri, body) in [
                ("/api/v1/status", try json(["token": text])),
                ("/api/v1/messages", try json(["token": text, "body": text])),
                ("/api/v1/withdrawal", try json(["token": text])),
            ] {
                let status = try await client.execute(uri: uri, method: .post, headers: jsonHeaders, body: body) { $0.status }
                #expect(status.code < 500, "\(uri) answered \(status) to \(text.debugDescription)")
            }
            for (uri, fields) in [
                ("/token", [("token", text)]), ("/case/message", [("body", text), ("sendAnyway", text)]),
                ("/case/book", [("slot", text)]), ("/case/book", [("slot", String(step))]),
                ("/questionnaire/\(step)", [("action", "next"), (text, text)]),
                ("/questionnaire/\(encoded(text))", [("action", text), ("crisis.now", text)]),
                ("/questionnaire/1", [("action", "next"), ("crisis.now", text), ("switch_lang", text)]),
                ("/questionnaire/3", [("action", "next"), ("med.days", text), ("med.days", String(step))]),
                ("/questionnaire/send", [("note", text), ("sendAnyway", text)]),
            ] {
                let status = try await client.execute(uri: uri, method: .post, headers: sessionHeaders, body: form(fields)) { $0.status }
                #expect(status.code < 500, "\(uri) answered \(status) to \(text.debugDescription)")
            }
            for uri in [
                "/questionnaire/\(step)", "/questionnaire/\(step)?help=\(encoded(text))&lang=\(encoded(text))",
                "/questionnaire/\(encoded(text))",
            ] {
                let status = try await client.execute(uri: uri, method: .get, headers: sessionHeaders) { $0.status }
                #expect(status.code < 500, "\(uri) answered \(status)")
            }
            // Any cookie value, in place of the sealed ones and the session.
            let cookie = "indgang_draft=\(encoded(text)); indgang_receipt=\(encoded(text)); indgang_case=\(encoded(text))"
            for uri in ["/questionnaire/2", "/questionnaire/check", "/questionnaire/receipt", "/case"] {
                let status = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { $0.status }
                #expect(status.code < 500, "\(uri) answered \(status) to the cookie \(text.debugDescription)")
            }
            let status = try await client.execute(uri: "/p/\(encoded(text))?lang=\(encoded(text))", method: .get) { $0.status }
            #expect(status.code < 500)
        }
        // Still answering afterwards.
        try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
    }
}

@Test func theStaffSideAnswersAnyTokenReferenceAndFilter() async throws {
    let world = try StaffWorld()
    let admin = try await world.logIn("anne", admin: true)
    try await world.staffApp.test(.router) { client in
        await propertyCheck(count: 150, input: hostileText) { text in
            let lookUp = try await client.execute(
                uri: "/staff/v1/cases/lookup", method: .post, headers: admin, body: try json(["token": text])
            ) { $0.status }
            #expect(lookUp.code < 500, "lookup answered \(lookUp) to \(text.debugDescription)")
            for uri in [
                "/staff/v1/cases/\(encoded(text))", "/staff/v1/audit?case=\(encoded(text))&actor=\(encoded(text))",
                "/staff/v1/audit?from=\(encoded(text))", "/staff/v1/stats?to=\(encoded(text))", "/staff/v1/slots?from=\(encoded(text))",
                "/staff/v1/cases?state=\(encoded(text))",
            ] {
                let status = try await client.execute(uri: uri, method: .get, headers: admin) { $0.status }
                #expect(status.code < 500, "\(uri) answered \(status)")
            }
            var stranger = admin
            stranger[.authorization] = "Bearer \(text)"
            stranger[.acceptLanguage] = text
            let refused = try await client.execute(uri: "/staff/v1/session", method: .get, headers: stranger) { $0.status }
            #expect(refused == .unauthorized)
        }
        try await client.execute(uri: "/staff/v1/session", method: .get, headers: admin) { #expect($0.status == .ok) }
    }
}

@Test func everyHeaderThatIsReadTakesAnyValue() async throws {
    var configuration = AppConfiguration.testing
    configuration.trustForwardedFor = true
    let (app, _) = try makeApplication(services: .testing(configuration: configuration))
    try await app.test(.router) { client in
        await propertyCheck(count: 150, input: hostileText) { text in
            var headers = jsonHeaders
            for name in ["Accept-Language", "Idempotency-Key", "X-Forwarded-For", "Cookie", "Origin", "Sec-Fetch-Site", "Authorization"] {
                headers[HTTPField.Name(name)!] = text
            }
            let submitted = try await client.execute(
                uri: "/api/v1/submissions", method: .post, headers: headers, body: try submissionBody()
            ) { $0.status }
            #expect(submitted.code < 500, "a submission answered \(submitted) to headers of \(text.debugDescription)")
            var formHeaders = headers
            formHeaders[.contentType] = "application/x-www-form-urlencoded"
            for (method, uri) in [(HTTPRequest.Method.get, "/"), (.post, "/token"), (.get, "/api/v1/partner/stats"), (.get, "/help")] {
                let status = try await client.execute(uri: uri, method: method, headers: formHeaders, body: form([("token", text)])) {
                    $0.status
                }
                #expect(status.code < 500, "\(uri) answered \(status) to headers of \(text.debugDescription)")
            }
        }
    }
}
