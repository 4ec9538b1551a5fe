import Foundation
import Intake

/// Where to get help at once: content a municipality maintains (`Content/emergency.json`, or its
/// own copy given with `--emergency-contacts`), shown on the crisis and help pages.
struct EmergencyContacts: Decodable, Sendable {
    /// When a line answers: on `days` (1 Monday … 7 Sunday) from `from` until `until` (`HH:MM`
    /// local time; an `until` before `from` runs past midnight into the next day, and an `until`
    /// equal to `from` means 24 hours from `from`).
    struct Period: Decodable, Sendable {
        let days: [Int]
        let from: String
        let until: String

        var fromMinute: Int { Self.minute(from) }
        var untilMinute: Int { Self.minute(until) }

        static func minute(_ text: String) -> Int {
            let parts = text.split(separator: ":").compactMap { Int($0) }
            return parts.count == 2 ? min(max(parts[0], 0), 24) * 60 + min(max(parts[1], 0), 59) : 0
        }
    }

    /// One address or a list of them.
    struct Sources: Decodable, Sendable {
        let addresses: [String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(String.self) {
                addresses = [one]
            } else {
                addresses = try container.decode([String].self)
            }
        }
    }

    struct Contact: Decodable, Sendable {
        let name: LocalizedText
        let phone: String
        let website: String?
        /// The hours in words, as the line itself gives them.
        let hours: LocalizedText
        let text: LocalizedText
        /// When the line answers; absent: round the clock.
        let open: [Period]?
        /// Whether the line keeps its Sunday hours on Danish public holidays (the doctors'
        /// out-of-hours service does).
        let holidaysAsSunday: Bool?
        /// The region a local line serves, in a few words ("Region Hovedstaden").
        let region: LocalizedText?
        /// The municipalities (codes) the line serves; absent: everyone. Where the person's
        /// municipality is known, only their own lines are shown.
        let municipalities: [String]?
        /// The pages the numbers and hours were checked against (one address or a list), and
        /// when: for the municipality to verify before going live. Not shown to the person.
        let source: Sources?
        let checked: Day?

        /// Whether the line answers at `moment`.
        func isOpen(at moment: Moment) -> Bool {
            guard let open else { return true }
            let weekday = hoursWeekday(moment.day)
            let previous = hoursWeekday(moment.day.adding(days: -1))
            let parts = moment.localMinute.split(separator: "T").last?.split(separator: ":").compactMap { Int($0) } ?? []
            let minute = parts.count == 2 ? parts[0] * 60 + parts[1] : 0
            return open.contains { period in
                if period.fromMinute < period.untilMinute {
                    return period.days.contains(weekday) && (period.fromMinute..<period.untilMinute).contains(minute)
                }
                return (period.days.contains(weekday) && minute >= period.fromMinute)
                    || (period.days.contains(previous) && minute < period.untilMinute)
            }
        }

        /// The weekday whose hours apply on `day`: Sunday's on a public holiday where the line
        /// says so.
        func hoursWeekday(_ day: Day) -> Int {
            holidaysAsSunday == true && DanishHolidays.contains(day) ? 7 : day.weekday
        }
    }

    /// The day someone last checked every number.
    let reviewed: Day
    let contacts: [Contact]

    /// Reads the contacts from `path`, or the bundled list when `path` is `nil`.
    static func load(path: String?) throws -> EmergencyContacts {
        let url: URL
        if let path {
            url = URL(fileURLWithPath: path)
        } else if let bundled = Bundle.module.url(forResource: "emergency", withExtension: "json") {
            url = bundled
        } else {
            throw QuestionnaireError.missingResource("emergency.json")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw StartupError("Cannot read the emergency contacts file \(url.path). Check the path given with --emergency-contacts.")
        }
        do {
            return try JSONDecoder().decode(EmergencyContacts.self, from: data)
        } catch {
            throw StartupError("The emergency contacts file \(url.path) is not valid: \(error). Compare it with Content/emergency.json.")
        }
    }

    /// The contacts as template values in `language` at `moment`, each saying whether it answers
    /// now. Where the person's municipality is known, only their own region's line is shown;
    /// otherwise the regional lines are folded into one entry, a short list by region.
    func view(_ language: Language, texts: TextCatalog, at moment: Moment, municipality: String? = nil) -> [[String: Any]] {
        let known = municipality.flatMap { $0 == "unknown" ? nil : $0 }
        let shown = contacts.filter { contact in
            guard let known, let served = contact.municipalities else { return true }
            return served.contains(known)
        }
        let regional = shown.filter { $0.municipalities != nil }
        var entries: [[String: Any]] = []
        for contact in shown {
            if regional.count > 1, contact.municipalities != nil {
                guard contact.phone == regional.first?.phone else { continue }
                entries.append([
                    "name": texts.text("page.help.regions.title", language), "text": texts.text("page.help.regions.lead", language),
                    "hasRegions": true,
                    "regions": regional.map { line -> [String: Any] in
                        let isOpen = line.isOpen(at: moment)
                        return [
                            "region": line.region?[language] ?? line.name[language], "dial": line.phone.filter(\.isNumber),
                            "call": texts.text("page.help.call", language, ["phone": line.phone]),
                            "isOpen": isOpen, "openText": texts.text(isOpen ? "page.help.openNow" : "page.help.closedNow", language),
                        ]
                    },
                ])
                continue
            }
            entries.append(entry(contact, language, texts: texts, at: moment))
        }
        return entries
    }

    private func entry(_ contact: Contact, _ language: Language, texts: TextCatalog, at moment: Moment) -> [String: Any] {
        let isOpen = contact.isOpen(at: moment)
        var entry: [String: Any] = [
            "name": contact.name[language], "hours": contact.hours[language], "text": contact.text[language],
            "isOpen": isOpen, "openText": texts.text(isOpen ? "page.help.openNow" : "page.help.closedNow", language),
            "dial": contact.phone.filter(\.isNumber),
            "call": texts.text("page.help.call", language, ["phone": contact.phone]),
        ]
        if let website = contact.website {
            entry["website"] = website
            entry["websiteHost"] = URL(string: website)?.host ?? website
            entry["websiteLabel"] = texts.text("page.help.website", language)
        }
        return entry
    }
}
