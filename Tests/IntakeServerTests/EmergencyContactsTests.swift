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
    #expect(testToday.weekday == 7)  // the tests' day is a Sunday
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
    #expect(!phones(nil).contains("1813") && !phones("unknown").contains("1813"))  // folded into the list by region
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

@Test func everyMunicipalityHasExactlyOneRegionalPsychiatricLine() throws {
    let contacts = try EmergencyContacts.load(path: nil)
    let codes = try #require(Questionnaire.load().item("bg.municipality")?.options).map(\.value).filter { $0 != "unknown" }
    #expect(codes.count == 98)
    for code in codes {
        let lines = contacts.contacts.filter { $0.municipalities?.contains(code) == true }
        #expect(lines.count == 1, "municipality \(code) is served by \(lines.count) regional lines")
    }
    let served = Set(contacts.contacts.flatMap { $0.municipalities ?? [] })
    #expect(served.isSubset(of: Set(codes)), "unknown codes: \(served.subtracting(codes).sorted())")
    // Five regions, each with a name, a source and the day it was checked.
    let regional = contacts.contacts.filter { $0.municipalities != nil }
    #expect(regional.count == 5)
    #expect(regional.allSatisfy { $0.region != nil && $0.checked != nil && !($0.source?.addresses.isEmpty ?? true) })
}

@Test(arguments: [
    // The out-of-hours doctor: weekdays 16–08, weekends and public holidays all day.
    (1, 10.0, false),  // Monday 10:00
    (1, 16.0, true),  // Monday 16:00
    (2, 3.0, true),  // Tuesday 03:00, the Monday evening's period
    (2, 8.5, false),  // Tuesday 08:30
    (6, 12.0, true),  // Saturday noon
    (7, 23.0, true),  // Sunday 23:00
    (8, 7.5, true),  // Monday 07:30, Sunday's 24 hours
    (8, 8.0, false),  // Monday 08:00
])
func theOutOfHoursDoctorAnswersEveningsAndWeekends(days: Int, hours: Double, open: Bool) throws {
    let contacts = try EmergencyContacts.load(path: nil)
    let doctor = try #require(contacts.contacts.first { $0.phone == "70 11 31 31" })
    #expect(doctor.isOpen(at: moment(days: days, hours: hours)) == open)
}

@Test func aLineWithSundayHoursOnHolidaysAnswersOnAWeekdayHoliday() throws {
    let contacts = try EmergencyContacts.load(path: nil)
    let doctor = try #require(contacts.contacts.first { $0.phone == "70 11 07 07" })
    // The tests' year's next Easter Monday, a weekday holiday, at noon and the Tuesday after.
    let year = Int(testToday.iso.prefix(4))! + 1
    let easterMonday = DanishHolidays.easterSunday(year).adding(days: 1)
    func at(_ day: Day, _ hours: Double) -> Moment {
        Moment(instant: day.start(in: .copenhagen).addingTimeInterval(hours * 3600), timeZone: .copenhagen)
    }
    #expect(easterMonday.weekday == 1)
    #expect(doctor.isOpen(at: at(easterMonday, 12)))
    #expect(doctor.isOpen(at: at(easterMonday.adding(days: 1), 7)))  // the holiday's night runs on
    #expect(!doctor.isOpen(at: at(easterMonday.adding(days: 1), 12)))
}

@Test func withoutAMunicipalityTheRegionalLinesAreOneShortList() throws {
    let contacts = try EmergencyContacts.load(path: nil)
    let texts = try TextCatalog.loadService()
    let now = moment(days: 1, hours: 12)
    let unknown = contacts.view(.da, texts: texts, at: now, municipality: "unknown")
    let folded = try #require(unknown.first { $0["regions"] != nil })
    let regions = try #require(folded["regions"] as? [[String: Any]])
    #expect(regions.compactMap { $0["dial"] as? String } == ["1813", "1818", "70110707", "70113131", "97643000"])
    #expect(regions.compactMap { $0["region"] as? String }.allSatisfy { $0.hasPrefix("Region ") })
    // The order stays: 112 first, the regions where the first regional line stood, poison last.
    #expect(unknown.first?["dial"] as? String == "112")
    #expect(unknown.last?["dial"] as? String == "82121212")
    // Known: the person's own line in full, no list.
    let aalborg = contacts.view(.da, texts: texts, at: now, municipality: "851")
    #expect(aalborg.allSatisfy { $0["regions"] == nil })
    #expect(aalborg.compactMap { $0["dial"] as? String } == ["112", "70201201", "97643000", "82121212"])
}
