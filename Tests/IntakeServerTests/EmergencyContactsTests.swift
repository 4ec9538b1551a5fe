import Foundation
import Intake
import Testing

@testable import IntakeServer

/// The tests' day (a Sunday) `days` later, at `hours` past local midnight.
private func moment(days: Int, hours: Double) -> Moment {
    Moment(instant: testToday.adding(days: days).start(in: .copenhagen).addingTimeInterval(hours * 3600), timeZone: .copenhagen)
}

@Test(arguments: [
    // Livslinien answers every day from 11:00 until 05:00 the next morning.
    (1, 10.5, false),  // Monday 10:30
    (1, 11, true),  // Monday 11:00
    (1, 23, true),  // Monday 23:00
    (2, 3.5, true),  // Tuesday 03:30, the Monday evening's period
    (2, 5, false),  // Tuesday 05:00
])
func aLineSaysWhetherItAnswersNow(days: Int, hours: Double, open: Bool) throws {
    #expect(EmergencyContacts.Contact.weekday(testToday) == 7)  // the tests' day is a Sunday
    let contacts = try EmergencyContacts.load(path: nil)
    let livslinien = try #require(contacts.contacts.first { $0.phone == "70 201 201" })
    #expect(livslinien.isOpen(at: moment(days: days, hours: hours)) == open)
    // Lines without hours answer round the clock.
    #expect(try #require(contacts.contacts.first { $0.phone == "112" }).isOpen(at: moment(days: days, hours: hours)))
}

@Test func aLocalLineIsShownToThePeopleItServesOnceTheirMunicipalityIsKnown() throws {
    let contacts = try EmergencyContacts.load(path: nil)
    let texts = try TextCatalog.loadService()
    let now = moment(days: 1, hours: 12)
    func phones(_ municipality: String?) -> [String] {
        contacts.view(.da, texts: texts, at: now, municipality: municipality).compactMap { $0["dial"] as? String }
    }
    #expect(phones("101").contains("1813"))  // København
    #expect(!phones("751").contains("1813"))  // Aarhus: another region
    #expect(phones(nil).contains("1813") && phones("unknown").contains("1813"))
    #expect(phones("751").first == "112")
    // Every contact says where it was checked; the list says when it was last reviewed.
    #expect(contacts.contacts.allSatisfy { $0.source != nil })
}

@Test func theCrisisPageOffersTheCallTo112First() async throws {
    let (app, _) = try makeApplication()
    try await app.test(.router) { client in
        let browser = PageBrowser(client)
        _ = try await browser.get("/questionnaire?lang=en")
        let help = try await browser.post("/questionnaire/1", [("action", "next"), ("crisis.now", "yes")])
        let call = try #require(help.html.range(of: "class=\"button button-primary button-large\" href=\"tel:112\""))
        let contacts = try #require(help.html.range(of: "<ul class=\"contacts\">"))
        #expect(call.lowerBound < contacts.lowerBound)
        #expect(help.html.contains("Open now") || help.html.contains("Closed right now"))
        #expect(!help.html.contains("they help day and night"))
        // The questions come after, as a secondary link.
        #expect(help.html.contains("class=\"button-secondary\" id=\"continue\""))
    }
}
