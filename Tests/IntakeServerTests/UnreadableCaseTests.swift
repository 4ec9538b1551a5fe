import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Intake
@testable import IntakeServer

/// Changes one byte of a sealed column of the case with `reference`, as a bad disk sector or a
/// hand-edited file would.
private func damage(_ column: String, of reference: String, in world: StaffWorld) async throws {
    try await world.staff.database.transaction { db in
        var sealed = try #require(
            try Data.fetchOne(db, sql: "SELECT \(column) FROM intakeCase WHERE reference = ?", arguments: [reference]))
        sealed[sealed.count - 1] ^= 0x01
        try db.execute(sql: "UPDATE intakeCase SET \(column) = ? WHERE reference = ?", arguments: [sealed, reference])
    }
}

@Test func oneDamagedCaseIsListedAsUnreadableAndTheRestOfTheQueueStillOpens() async throws {
    let world = try StaffWorld()
    let headers = try await world.logIn("mette")
    let damaged = try await world.submit()
    let intact = try await world.submit()
    try await damage("answers", of: damaged.reference, in: world)
    try await world.staffApp.test(.router) { client in
        let queue = try await client.execute(uri: "/staff/v1/cases", method: .get, headers: headers.english) { response in
            #expect(response.status == .ok)
            return response.object
        }
        #expect((queue["items"] as? [[String: Any]])?.map { $0["reference"] as? String } == [intact.reference])
        #expect(queue["total"] as? Int == 2)
        let unreadable = try #require(queue["unreadable"] as? [[String: Any]])
        #expect(unreadable.map { $0["reference"] as? String } == [damaged.reference])
        #expect(unreadable.first?["state"] as? String == "new")
        #expect(unreadable.first?["priority"] as? Int != nil)
        #expect((unreadable.first?["message"] as? String)?.contains("restore the case from the backup") == true)

        // The damaged case says who restores it; the intact one opens as before.
        try await client.execute(uri: "/staff/v1/cases/\(damaged.reference)", method: .get, headers: headers.english) { response in
            #expect(response.status == .internalServerError)
            let message = (response.object["error"] as? [String: Any])?["message"] as? String
            #expect(message == world.staff.texts.text("error.sealedDamaged", .en))
        }
        try await client.execute(uri: "/staff/v1/cases/\(intact.reference)", method: .get, headers: headers.english) { response in
            #expect(response.status == .ok)
        }
    }
}

@Test func aCaseUnderAMissingDataKeyNamesTheKeyToRestore() async throws {
    let world = try StaffWorld()
    let headers = try await world.logIn("mette")
    let moved = try await world.submit()
    let stranger = DataCipher.ephemeral()
    let sealed = try stranger.seal(Data("{}".utf8), at: .intakeCase("composites", try #require(CaseReference(parsing: moved.reference))))
    try await world.staff.database.transaction { db in
        try db.execute(sql: "UPDATE intakeCase SET composites = ? WHERE reference = ?", arguments: [sealed, moved.reference])
    }
    let key = String(stranger.currentKeyID, radix: 16)
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases", method: .get, headers: headers) { response in
            #expect(response.status == .ok)
            let unreadable = response.object["unreadable"] as? [[String: Any]]
            #expect(unreadable?.first?["message"] as? String == world.staff.texts.text("error.sealedUnknownKey", .da, ["key": key]))
            #expect((unreadable?.first?["message"] as? String)?.contains("data.key.previous") == true)
        }
    }
}

@Test func aPersonWhoseCaseDoesNotOpenIsToldItIsKeptNotThatItIsLost() async throws {
    let world = try StaffWorld()
    let damaged = try await world.submit()
    let intact = try await world.submit()
    try await damage("reasons", of: damaged.reference, in: world)
    try await world.citizenApp.test(.router) { client in
        try await client.execute(uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: json(["token": damaged.token])) {
            response in
            #expect(response.status == .internalServerError)
            let message = (response.object["error"] as? [String: Any])?["message"] as? String
            #expect(message == world.citizen.texts.text("error.caseUnreadable", .da))
        }
        let browser = PageBrowser(client)
        let page = try await browser.post("/token", [("token", damaged.token)])
        #expect(page.status == .internalServerError)
        #expect(page.html.contains("<h1>Vi kan ikke vise din sag lige nu</h1>"))
        #expect(page.html.contains("din kode gælder stadig"))
        #expect(!page.html.contains("Dine svar er ikke gemt"))
        // The same server goes on answering for the intact case.
        try await client.execute(uri: "/api/v1/status", method: .post, headers: jsonHeaders, body: json(["token": intact.token])) {
            response in
            #expect(response.status == .ok)
        }
    }
}
