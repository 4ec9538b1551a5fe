import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Intake
import IntakeServer
import Testing

// The staff API counts days in Copenhagen at every instant, and tells the console the day.

@Test func theAuditFilterTakesWholeCopenhagenDays() async throws {
    // 23:30 UTC on 30 November is 00:30 on 1 December in Copenhagen.
    let world = try StaffWorld(clock: MovableClock(at: utc("2026-12-02T09:00:00Z")).serviceClock)
    let admin = try await world.logIn("anne", admin: true)
    for (action, instant) in [
        ("test.before", "2026-11-30T22:59:00Z"),  // 23:59 on 30 November
        ("test.first", "2026-11-30T23:30:00Z"),  // 00:30 on 1 December
        ("test.last", "2026-12-01T22:59:00Z"),  // 23:59 on 1 December
        ("test.after", "2026-12-01T23:30:00Z"),  // 00:30 on 2 December
    ] {
        try await world.citizen.database.auditCommand(.providerAdd, detail: action, at: utc(instant))
    }
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/audit?actor=cli&from=2026-12-01&to=2026-12-01", method: .get, headers: admin) {
            response in
            #expect(response.status == .ok)
            let actions = (response.object["items"] as? [[String: Any]])?.compactMap { $0["detail"] as? String }
            #expect(actions == ["test.last", "test.first"])
        }
        try await client.execute(uri: "/staff/v1/audit?actor=cli&from=2026-12-02", method: .get, headers: admin) { response in
            let actions = (response.object["items"] as? [[String: Any]])?.compactMap { $0["detail"] as? String }
            #expect(actions?.contains("test.after") == true && actions?.contains("test.last") == false)
        }
    }
}

@Test func theSessionTellsTheConsoleTheServicesDay() async throws {
    let world = try StaffWorld(clock: MovableClock(at: utc("2027-12-31T23:30:00Z")).serviceClock)
    let mette = try await world.logIn("mette")
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/session", method: .get, headers: mette) { response in
            let clock = response.object["clock"] as? [String: Any]
            #expect(clock?["today"] as? String == "2028-01-01")
            #expect(clock?["timeZone"] as? String == "Europe/Copenhagen")
            #expect(clock?["now"] as? String == "2027-12-31T23:30:00Z")
        }
    }
}

@Test func theQueueSaysWhenTheDeadlineIsNearAndWhenItHasPassed() async throws {
    // Submitted on Saturday 20 March 2027 (Copenhagen): the deadline is 3 April, after the switch
    // to summer time.
    let time = MovableClock(at: utc("2027-03-20T10:00:00Z"))
    let world = try StaffWorld(clock: time.serviceClock)
    _ = try await world.logIn("mette")
    // Many days of medical problems: ambulant (§ 101), so the 14-day guarantee applies.
    _ = try await world.submit(["med.days": "27"])
    func status(at instant: String) async throws -> (deadline: String?, status: String?, atRisk: Bool?) {
        time.set(utc(instant))
        // Days pass between the looks: each is a new session.
        let session = try await world.staff.directory.logIn(
            username: "mette", password: "a long and new password", code: try await world.appCode("mette"))
        let mette: HTTPFields = [.authorization: "Bearer \(session.token)"]
        return try await world.staffApp.test(.router) { client in
            try await client.execute(uri: "/staff/v1/cases", method: .get, headers: mette) { response in
                let item = (response.object["items"] as? [[String: Any]])?.first
                return (item?["startDeadline"] as? String, item?["deadlineStatus"] as? String, item?["deadlineAtRisk"] as? Bool)
            }
        }
    }
    #expect(try await status(at: "2027-03-30T21:59:00Z") == ("2027-04-03", "onTrack", false))
    #expect(try await status(at: "2027-03-30T22:00:00Z") == ("2027-04-03", "near", true))
    #expect(try await status(at: "2027-04-03T21:59:00Z") == ("2027-04-03", "near", true))
    #expect(try await status(at: "2027-04-03T22:00:00Z") == ("2027-04-03", "passed", true))
}
