import Foundation

/// The texts of the service in every language (`strings.json`): messages, reason and flag
/// explanations. Placeholders are written `{name}`.
public struct TextCatalog: Sendable {
    private let entries: [String: LocalizedText]

    /// Every key the catalog holds.
    public var keys: Dictionary<String, LocalizedText>.Keys { entries.keys }

    /// Loads the bundled catalog of the domain's texts (`strings.json`).
    public static func load() throws -> TextCatalog {
        guard let url = Bundle.module.url(forResource: "strings", withExtension: "json") else {
            throw QuestionnaireError.missingResource("strings.json")
        }
        return try load(contentsOf: url)
    }

    /// Loads a catalog file of `{"key": {"da": "…", "en": "…"}}`.
    public static func load(contentsOf url: URL) throws -> TextCatalog {
        do {
            return TextCatalog(entries: try JSONDecoder().decode([String: LocalizedText].self, from: Data(contentsOf: url)))
        } catch let error as DecodingError {
            throw QuestionnaireError.invalid("\(url.lastPathComponent): \(error)")
        }
    }

    /// This catalog with the entries of `other` added; `other` wins where both have a key.
    public func merging(_ other: TextCatalog) -> TextCatalog {
        TextCatalog(entries: entries.merging(other.entries) { _, new in new })
    }

    /// Every text in `language`, nested by the dots of the keys (`page.start.title` becomes
    /// `["page": ["start": ["title": …]]]`), for templates.
    public func nested(_ language: Language) -> [String: Any] {
        var root: [String: Any] = [:]
        for (key, text) in entries {
            insert(text[language], at: key.split(separator: ".").map(String.init)[...], into: &root)
        }
        return root
    }

    private func insert(_ text: String, at path: ArraySlice<String>, into node: inout [String: Any]) {
        guard let head = path.first else { return }
        if path.count == 1 {
            node[head] = text
        } else {
            var child = node[head] as? [String: Any] ?? [:]
            insert(text, at: path.dropFirst(), into: &child)
            node[head] = child
        }
    }

    init(entries: [String: LocalizedText]) {
        self.entries = entries
    }

    /// Whether the catalog has a text for `key`.
    public func has(_ key: String) -> Bool { entries[key] != nil }

    /// The text for `key` in `language` with its placeholders filled; the key itself if unknown,
    /// so that a missing text shows up instead of an empty line.
    ///
    /// One pass from the start: a value is never searched for placeholders itself, so a value
    /// that holds "{token}" stays as it is; `{name}` without a value stays too.
    public func text(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        guard let text = entries[key]?[language] else { return key }
        guard !values.isEmpty else { return text }
        var filled = ""
        filled.reserveCapacity(text.utf8.count + 32)
        // The braces are found among the UTF-8 bytes (ASCII, so never inside a longer
        // character), not among the characters: finding a character splits the text into
        // grapheme clusters as it goes.
        var rest = text[...]
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")) {
            filled += rest[..<open]
            let name = rest[rest.utf8.index(after: open)...]
            if let close = name.utf8.firstIndex(of: UInt8(ascii: "}")), let value = values[String(name[..<close])] {
                filled += value
                rest = name[name.utf8.index(after: close)...]
            } else {
                filled += "{"
                rest = name
            }
        }
        filled += rest
        return filled
    }

    /// A number as people read it in `language`: whole numbers plainly, others with up to three
    /// decimals and the language's decimal mark (0,412 in Danish).
    public func number(_ value: Double, _ language: Language) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        // A value that is already some number of thousandths (every composite a reason quotes)
        // is written from that count; `String(format:)` took some 20,000 instructions a
        // submission.
        let thousandths = (value * 1000).rounded()
        if abs(thousandths) < 1e15, thousandths / 1000 == value {
            let count = Int(thousandths)
            var decimals = String(count.magnitude % 1000)
            decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
            while decimals.hasSuffix("0") { decimals.removeLast() }
            return (count < 0 ? "-" : "") + String(count.magnitude / 1000) + (language == .da ? "," : ".") + decimals
        }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return language == .da ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A plain-language sentence for a reason, with its numbers and answers filled in.
    public func explain(_ reason: Reason, _ language: Language) -> String {
        let values = reason.values.mapValues { value -> String in
            switch value {
            case .number(let value): number(value, language)
            case .text(let word): term(word, language)
            case .list(let words): words.map { term($0, language) }.joined(separator: ", ")
            case .unknown: text("term.unknown", language)
            }
        }
        return text("reason.\(reason.rule)", language, values)
    }

    /// An id (a domain, an area, an answer) in words, or the id itself when there is no word for it.
    private func term(_ id: String, _ language: Language) -> String {
        has("term.\(id)") ? text("term.\(id)", language) : id
    }
}
