import Foundation
import HostileInput
import Testing

@testable import Intake

/// `Moment` counts the local date and minute from the time zone's offset, without a `Calendar`;
/// these tests hold it to what the Gregorian calendar says for the same instant.
@Suite struct MomentTests {
    private static let zones = [
        "Europe/Copenhagen", "UTC", "America/Los_Angeles", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham",
        "Pacific/Kiritimati", "America/Adak",
    ].compactMap(TimeZone.init(identifier:))

    /// What `Moment` counted before, with the calendar.
    private func byCalendar(_ instant: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    @Test func everyZoneHasBeenFound() {
        #expect(Self.zones.count == 8)
    }

    @Test func randomInstantsFrom1900To2200AgreeWithTheCalendarInEveryZone() {
        var generator = SeededGenerator(0x1D6A_4E55)
        for _ in 0..<4_000 {
            // 1900-01-01 to 2200-01-01, to the millisecond.
            let instant = Date(
                timeIntervalSince1970: Double(Int.random(in: -2_208_988_800_000...7_258_118_400_000, using: &generator)) / 1_000)
            for zone in Self.zones {
                let moment = Moment(instant: instant, timeZone: zone)
                #expect(moment.localMinute == byCalendar(instant, zone), "\(instant) in \(zone.identifier)")
                #expect(moment.day.iso == String(moment.localMinute.prefix(10)))
                #expect(Day(iso: moment.day.iso) != nil)
            }
        }
    }

    @Test func theSecondsAroundEveryCopenhagenClockChangeAndMidnightAgree() {
        let copenhagen = TimeZone.copenhagen
        var transition = Date(timeIntervalSince1970: 0)
        var checked = 0
        while let next = copenhagen.nextDaylightSavingTimeTransition(after: transition), next.timeIntervalSince1970 < 4_102_444_800 {
            for offset in [-3_601.0, -3_600, -61, -60, -1, -0.001, 0, 0.001, 1, 59, 60, 3_599, 3_600] {
                let instant = next.addingTimeInterval(offset)
                #expect(Moment(instant: instant, timeZone: copenhagen).localMinute == byCalendar(instant, copenhagen), "\(instant)")
            }
            let midnight = Day(next, in: copenhagen).start(in: copenhagen)
            for offset in [-0.5, 0, 0.5] {
                let instant = midnight.addingTimeInterval(offset)
                #expect(Moment(instant: instant, timeZone: copenhagen).localMinute == byCalendar(instant, copenhagen), "\(instant)")
            }
            transition = next
            checked += 1
        }
        #expect(checked > 200)
    }

    @Test func leapDaysAndTheEdgesOfTheCountedYearsAgree() {
        let days = ["1900-02-28", "1900-03-01", "2000-02-29", "2024-02-29", "2100-02-28", "2100-03-01", "0001-01-03", "9999-12-29"]
        for iso in days {
            guard let day = Day(iso: iso) else {
                Issue.record("\(iso) is no day")
                continue
            }
            for zone in Self.zones {
                let instant = day.start(in: .gmt).addingTimeInterval(12 * 3_600)
                #expect(Moment(instant: instant, timeZone: zone).localMinute == byCalendar(instant, zone), "\(iso) in \(zone.identifier)")
            }
        }
    }

    @Test func instantsNoCalendarYearHoldsNeitherTrapNorLie() {
        for instant in [Date.distantPast, .distantFuture, Date(timeIntervalSince1970: -1e15), Date(timeIntervalSince1970: 1e15)] {
            for zone in Self.zones {
                #expect(
                    Moment(instant: instant, timeZone: zone).localMinute == byCalendar(instant, zone), "\(instant) in \(zone.identifier)")
            }
        }
    }
}
