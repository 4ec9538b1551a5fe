import Foundation
import Intake

extension Language {
    /// The language a request asks for: an explicit `lang` value first, then the best match in
    /// `Accept-Language`, then Danish. Returns `nil` when `lang` names a language we do not speak.
    static func negotiate(explicit: String?, acceptLanguage: String?) -> Language? {
        if let explicit { return Language(rawValue: explicit.lowercased()) }
        return preferred(acceptLanguage: acceptLanguage)
    }

    /// The supported language with the highest `q` in an `Accept-Language` header, or the default.
    static func preferred(acceptLanguage: String?) -> Language {
        guard let acceptLanguage else { return .default }
        var best: (language: Language, quality: Double)?
        for entry in acceptLanguage.split(separator: ",").prefix(20) {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, let primary = tag.split(separator: "-").first,
                let language = Language(rawValue: primary.lowercased())
            else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0, quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language ?? .default
    }
}
