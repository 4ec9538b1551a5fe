import Foundation
import Intake

/// An alert in words: a fixed subject for its kind and fixed sentences with the counts filled
/// in. Nothing else goes in: no reference, token, answer, municipality or time of submission.
struct AlertMessage: Sendable, Equatable {
    let kind: AlertKind
    let subject: String
    let lines: [String]
    let counts: AlertCounts

    var text: String { lines.joined(separator: "\n") }

    init(_ kind: AlertKind, _ counts: AlertCounts, texts: TextCatalog, language: Language) {
        self.kind = kind
        self.counts = counts
        subject = texts.text("alert.subject.\(kind.rawValue)", language)
        func line(_ key: String, _ count: Int, _ values: [String: String] = [:]) -> String {
            texts.text("alert.\(key).\(count == 1 ? "one" : "other")", language, values.merging(["count": "\(count)"]) { a, _ in a })
        }
        var lines: [String] = []
        switch kind {
        case .crisis: lines.append(texts.text("alert.crisis", language))
        case .test: lines.append(texts.text("alert.test", language))
        case .digest: break
        }
        for (index, count) in counts.newCases.enumerated() where count > 0 {
            lines.append(line("newCases", count, ["priority": "\(index + 1)"]))
        }
        if counts.newMessages > 0 { lines.append(line("newMessages", counts.newMessages)) }
        if counts.dueToday > 0 { lines.append(line("dueToday", counts.dueToday)) }
        if counts.passed > 0 { lines.append(line("passed", counts.passed)) }
        lines.append(counts.waiting == 0 ? texts.text("alert.waiting.none", language) : line("waiting", counts.waiting))
        lines.append(texts.text("alert.footer", language))
        self.lines = lines
    }

    /// The webhook's body: `kind`, `text` (what chat bridges show), `counts` and `sentAt`.
    func json(sentAt: Date) throws -> Data {
        struct Body: Encodable {
            let kind: AlertKind
            let subject: String
            let text: String
            let counts: AlertCounts
            let sentAt: Date
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(Body(kind: kind, subject: subject, text: text, counts: counts, sentAt: sentAt))
    }

    /// The mail as `sendmail` reads it (lines end in LF, as on the command line): headers (the subject encoded for its Danish letters),
    /// a blank line, the text.
    func mail(from: String, to: [String], date: Date, messageID: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let headers = [
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "Auto-Submitted: auto-generated",
        ]
        return (headers + ["", text, ""]).joined(separator: "\n")
    }
}
