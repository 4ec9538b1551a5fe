import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IntakeServer
import Testing

@Test func aKnownAPIPathWithAnUnknownMethodGets405WithTheAllowedMethods() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(uri: "/api/v1/submissions?lang=en", method: .delete) { response in
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "POST")
            #expect(response.errorMessage == "This method cannot be used at this address.")
        }
        try await client.execute(uri: "/api/v1/questionnaire", method: .trace) { response in
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET")
        }
        try await client.execute(uri: "/api/v1/nothing-here", method: .delete) { #expect($0.status == .notFound) }
    }
}

@Test func aKnownPageWithAnUnknownMethodGetsAnExplainingPage() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        try await client.execute(uri: "/?lang=en", method: .put) { response in
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow]?.contains("GET") == true)
            #expect(String(buffer: response.body).contains("That cannot be done here"))
        }
        // A route with a parameter: any value of the parameter is the same path.
        try await client.execute(uri: "/p/any-partner", method: .patch) { #expect($0.status == .methodNotAllowed) }
    }
}

@Test func aKnownStaffPathWithAnUnknownMethodGets405() async throws {
    let world = try StaffWorld()
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/session", method: .put) { response in
            #expect(response.status == .methodNotAllowed)
            #expect(Set(response.headers[.allow]?.components(separatedBy: ", ") ?? []) == ["GET", "POST", "DELETE"])
        }
        try await client.execute(uri: "/staff/v1/cases/ABC-DEF", method: .delete) { #expect($0.status == .methodNotAllowed) }
    }
}

@Test func aFixedSegmentWinsOverAParameterAsInTheRouter() async throws {
    let world = try StaffWorld()
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases/lookup", method: .put) { response in
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "POST")
        }
    }
}
