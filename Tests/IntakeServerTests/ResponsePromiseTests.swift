import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Intake
@testable import IntakeServer

/// A case that comes on a Sunday is promised a first reply by Tuesday: the queue says so, marks
/// it today on Tuesday and passed on Wednesday, finds it with `reply=due`, and stops once a
/// counsellor has written; the person's page says the same day.
/// The promise of `reference` in a queue answer: its day and status.
private func entry(_ items: [[String: Any]], _ reference: String) -> (String?, String?) {
    let item = items.first { $0["reference"] as? String == reference }
    return (item?["replyBy"] as? String, item?["replyStatus"] as? String)
}

@Test func theQueueAndThePersonSeeTheSamePromiseOfAFirstReply() async throws {
    #expect(testToday.weekday == 7)  // the tests' day is a Sunday: two working days on is Tuesday
    let (tuesday, wednesday) = (testToday.adding(days: 2).iso, testToday.adding(days: 3).iso)
    let time = MovableClock(at: testInstant)
    let world = try StaffWorld(clock: time.serviceClock)
    _ = try await world.logIn("mette")
    let (token, reference) = try await world.submit()
    // A case that comes on Monday is promised by Wednesday.
    time.set(testInstant.addingTimeInterval(86_400))
    let (_, later) = try await world.submit()
    func queue(_ days: Double, _ query: String = "") async throws -> [[String: Any]] {
        time.set(testInstant.addingTimeInterval(days * 86_400))
        let session = try await world.staff.directory.logIn(
            username: "mette", password: "a long and new password", code: await world.code("mette"))
        return try await world.staffApp.test(.router) { client in
            try await client.execute(uri: "/staff/v1/cases\(query)", method: .get, headers: [.authorization: "Bearer \(session.token)"]) {
                response in
                #expect(response.status == .ok)
                return response.object["items"] as? [[String: Any]] ?? []
            }
        }
    }
    #expect(entry(try await queue(1), reference) == (tuesday, "waiting"))
    #expect(entry(try await queue(2), reference) == (tuesday, "dueToday"))
    #expect(entry(try await queue(3), reference) == (tuesday, "passed"))
    #expect(entry(try await queue(3), later) == (wednesday, "dueToday"))
    // Due today or late: on Tuesday only the Sunday case; on Wednesday both.
    #expect(try await queue(2, "?reply=due").compactMap { $0["reference"] as? String } == [reference])
    #expect(Set(try await queue(3, "?reply=due").compactMap { $0["reference"] as? String }) == [reference, later])
    // The person's page says the day, and honestly that it has passed.
    let promisedDay = SlotTime.day(testToday.adding(days: 2), .en, pages: world.citizen.pages)
    #expect(promisedDay.hasPrefix("Tuesday "))
    try await world.citizenApp.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.get("/token?lang=en")
        let page = try await browser.post("/token", [("token", token)])
        #expect(page.html.contains("We are late: you should have had a reply by \(promisedDay)."))
    }
    // A counsellor writes: replied, out of `reply=due`, and last in the reply-by order.
    let session = try await world.staff.directory.logIn(
        username: "mette", password: "a long and new password", code: await world.code("mette"))
    let headers: HTTPFields = [.authorization: "Bearer \(session.token)", .contentType: "application/json"]
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/cases/\(reference)/claim", method: .post, headers: headers) { #expect($0.status == .ok) }
        try await client.execute(
            uri: "/staff/v1/cases/\(reference)/messages", method: .post, headers: headers, body: json(["body": "Hej, jeg hedder Mette."])
        ) { #expect($0.status == .created) }
        try await client.execute(uri: "/staff/v1/cases?sort=reply_by", method: .get, headers: headers) { response in
            let items = response.object["items"] as? [[String: Any]] ?? []
            #expect(items.compactMap { $0["reference"] as? String } == [later, reference])
            #expect(entry(items, reference).1 == "replied")
        }
        try await client.execute(uri: "/staff/v1/cases?reply=due", method: .get, headers: headers) { response in
            #expect((response.object["items"] as? [[String: Any]])?.compactMap { $0["reference"] as? String } == [later])
        }
        for bad in ["?reply=late", "?sort=age", "?reply=", "?sort=%00"] {
            try await client.execute(uri: "/staff/v1/cases\(bad)", method: .get, headers: headers) { #expect($0.status == .badRequest) }
        }
    }
}

@Test func theReceiptSaysTheDayOfTheFirstReply() async throws {
    let (app, services) = try makeApplication()
    // Sent on the tests' Sunday: two working days later is the Tuesday.
    let promisedDay = SlotTime.day(testToday.adding(days: 2), .en, pages: services.pages)
    #expect(promisedDay.hasPrefix("Tuesday "))
    try await app.test(.router) { client in
        let receipt = try await PageBrowser(client).submitEverything(language: "en")
        #expect(receipt.html.contains("writes to you here by \(promisedDay)"))
    }
}
