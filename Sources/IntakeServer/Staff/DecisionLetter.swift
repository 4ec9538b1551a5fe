import Foundation
import Intake

/// The message a decision sends the person, in their language: what was decided, where and
/// when the treatment starts, what happens at the start on this track, the counsellor's own
/// words, and that they can write back. The texts are the pages' (`page.decision.*`), so the
/// letter and the person's case page say the same.
enum DecisionLetter {
    static func writer(_ input: DecisionInput, pages: PageRenderer) -> DecisionLetterWriter {
        let words = input.message?.trimmingCharacters(in: .whitespacesAndNewlines)
        return { found, provider in
            let language = found.language
            let track = found.decidedTrack ?? found.track
            var paragraphs = [
                pages.text("page.decision.letter.intro", language),
                pages.text("page.decision.letter.track.\(track.rawValue)", language),
            ]
            if let provider {
                paragraphs.append(
                    pages.text("page.decision.letter.provider", language, ["name": provider.name, "contact": provider.contact]))
            }
            if let start = found.plannedStart {
                paragraphs.append(pages.text("page.decision.letter.start", language, ["day": SlotTime.day(start, language, pages: pages)]))
            }
            paragraphs.append(pages.text("page.decision.atStart.\(track.rawValue)", language))
            if let words, !words.isEmpty { paragraphs.append(words) }
            paragraphs.append(pages.text("page.decision.letter.closing", language))
            return paragraphs.joined(separator: "\n\n")
        }
    }
}
