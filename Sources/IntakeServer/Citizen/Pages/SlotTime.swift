import Foundation
import Intake

/// A slot's start as people read it: "tirsdag d. 24. november kl. 10.00", "Tuesday 24 November at 10:00".
enum SlotTime {
    /// Formats a local `YYYY-MM-DDTHH:MM` in `language`; the text itself if it cannot be read.
    static func text(_ localStart: String, _ language: Language, pages: PageRenderer, format: String = "page.time.format") -> String {
        let utc = TimeZone(identifier: "UTC")!
        let reader = DateFormatter()
        reader.locale = Locale(identifier: "en_US_POSIX")
        reader.timeZone = utc
        reader.dateFormat = "yyyy-MM-dd'T'HH:mm"
        guard let date = reader.date(from: localStart) else { return localStart }
        let writer = DateFormatter()
        writer.locale = Locale(identifier: pages.text("page.time.locale", language))
        writer.timeZone = utc
        writer.dateFormat = pages.text(format, language)
        return writer.string(from: date)
    }

    /// A day in words: "søndag d. 22. november", "Sunday 22 November".
    static func day(_ day: Day, _ language: Language, pages: PageRenderer) -> String {
        let formatted = text(day.iso + "T12:00", language, pages: pages, format: "page.time.dayFormat")
        return formatted
    }

    /// A slot as the case page shows it.
    static func view(_ slot: Slot, _ language: Language, pages: PageRenderer) -> [String: Any] {
        [
            "id": slot.id, "when": text(slot.startsAt, language, pages: pages),
            "length": pages.text("page.time.minutes", language, ["minutes": "\(slot.lengthMinutes)"]),
            "modeText": pages.text("page.mode.\(slot.mode.rawValue)", language), "place": slot.place, "isPhone": slot.mode == .phone,
            "isVideo": slot.mode == .video, "isOffered": slot.isOffered,
        ]
    }
}
