import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IntakeServer
import Testing
import Yams

/// Every route of the staff router is in `Docs/staff-api.yaml`, and every operation of the
/// document is a route.
@Test func everyStaffRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs/staff-api.yaml")
    let document = try #require(try Yams.load(yaml: String(contentsOf: url, encoding: .utf8)) as? [String: Any])
    #expect(document["openapi"] as? String == "3.1.0")
    let paths = try #require(document["paths"] as? [String: [String: Any]])
    let methods: Set<String> = ["get", "post", "put", "patch", "delete"]
    let documented = Set(
        paths.flatMap { path, operations in operations.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" } })

    let world = try StaffWorld()
    let routed = Set(
        buildStaffRouter(world.staff).routes.map { route in
            // The router writes parameters as ":name", OpenAPI as "{name}".
            let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            return "\(route.method.rawValue) /\(path.joined(separator: "/"))"
        })
    #expect(routed.subtracting(documented).isEmpty, "routes missing from Docs/staff-api.yaml: \(routed.subtracting(documented).sorted())")
    #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
    #expect(routed.count == 44)
}

/// Two counsellors press "claim" on the same case at the same moment, over real HTTP.
@Test func twoConcurrentClaimsOverTheNetworkHaveExactlyOneWinner() async throws {
    let world = try StaffWorld()
    let mette = try await world.logIn("mette")
    let jonas = try await world.logIn("jonas")
    let (_, reference) = try await world.submit()
    try await world.staffApp.test(.live) { client in
        let outcomes = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
            for headers in [mette, jonas] {
                group.addTask {
                    try await client.execute(uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: headers.english) {
                        response in
                        (response.status, response.object["assignee"] as? String ?? response.errorMessage ?? "")
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let winners = outcomes.filter { $0.0 == .ok }
        let losers = outcomes.filter { $0.0 == .conflict }
        #expect(winners.count == 1 && losers.count == 1)
        #expect(losers.first?.1 == "\(winners.first?.1 ?? "?") holds this case. Ask them to hand it over.")
    }
}

/// The policy of every documented operation holds: those the document marks "(administrators"
/// refuse a counsellor with `403`, every other one lets a counsellor through to the handler.
@Test func onlyTheOperationsDocumentedForAdministratorsRefuseACounsellor() async throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs/staff-api.yaml")
    let document = try #require(try Yams.load(yaml: String(contentsOf: url, encoding: .utf8)) as? [String: Any])
    let paths = try #require(document["paths"] as? [String: [String: Any]])
    let world = try StaffWorld()
    let counsellor = try await world.logIn("mette")
    let administrator = try await world.logIn("anne", admin: true)
    // Parameters that name nothing: a handler answers 404 or 422, never 403.
    let operations: [(method: HTTPRequest.Method, uri: String, forAdministrators: Bool)] = paths.flatMap { path, operations in
        operations.compactMap { method, operation in
            guard let httpMethod = HTTPRequest.Method(method.uppercased()),
                let summary = (operation as? [String: Any])?["summary"] as? String,
                path != "/staff/v1/session", path != "/staff/v1/sessions"
            else { return nil }
            let uri = path.replacingOccurrences(of: "{reference}", with: "ABCD-EFGH").replacingOccurrences(of: "{id}", with: "999")
                .replacingOccurrences(of: "{username}", with: "nobody").replacingOccurrences(of: "{slug}", with: "nobody")
            return (httpMethod, uri, summary.contains("(administrators"))
        }
    }
    #expect(operations.count == 40 && operations.filter(\.forAdministrators).count == 16)
    try await world.staffApp.test(.router) { client in
        for operation in operations {
            for (headers, isAdministrator) in [(counsellor, false), (administrator, true)] {
                try await client.execute(uri: operation.uri, method: operation.method, headers: headers, body: ByteBuffer(string: "{}")) {
                    response in
                    #expect(
                        (response.status == .forbidden) == (operation.forAdministrators && !isAdministrator),
                        "\(operation.method) \(operation.uri): \(response.status)")
                }
            }
        }
    }
}
