import Foundation
import Intake

/// Where to get help at once: content a municipality maintains (`Content/emergency.json`, or its
/// own copy given with `--emergency-contacts`), shown on the crisis and help pages.
struct EmergencyContacts: Decodable, Sendable {
    struct Contact: Decodable, Sendable {
        let name: LocalizedText
        let phone: String
        let website: String?
        let hours: LocalizedText
        let text: LocalizedText
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

    /// The contacts as template values in `language`.
    func view(_ language: Language, texts: TextCatalog) -> [[String: Any]] {
        contacts.map { contact in
            var entry: [String: Any] = [
                "name": contact.name[language], "hours": contact.hours[language], "text": contact.text[language],
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
}
