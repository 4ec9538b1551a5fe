import Foundation

/// Something in a free text that could identify the person.
public enum Identifier: String, Codable, Sendable, CaseIterable {
    /// A CPR number: six digits that form a date, then four digits.
    case cpr
    case email
    /// A Danish phone number: eight digits, perhaps grouped, perhaps with +45 or 0045.
    case phone
}

/// Finds CPR numbers, e-mail addresses and phone numbers in free text, so they can be caught
/// before they are stored.
public enum IdentifierDetector {
    private static let cpr = try! NSRegularExpression(pattern: #"(?<![0-9])([0-3][0-9])([01][0-9])([0-9]{2})[- ]?[0-9]{4}(?![0-9])"#)
    /// Starts only where a run of address characters starts (the look-behind), so a long run
    /// without an `@` is read once, not once per position.
    private static let email = try! NSRegularExpression(
        pattern: #"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#)
    /// 12345678, 12 34 56 78 (one kind of separator), 1234 5678, with +45 or 0045 in front or not.
    /// Dates such as 2026-11-24 or 24-11-2026 do not match.
    private static let phone = try! NSRegularExpression(
        pattern:
            #"(?<![0-9+])(?:(?:\+|00)45[ .-]?)?(?:[0-9]{8}|[0-9]{2}([ .-])[0-9]{2}\1[0-9]{2}\1[0-9]{2}|[0-9]{4}[ .-][0-9]{4})(?![0-9])"#
    )

    /// The kinds of identifier in `text`, in a fixed order.
    public static func identifiers(in text: String) -> [Identifier] {
        let range = NSRange(text.startIndex..., in: text)
        var found: Set<Identifier> = []
        for match in cpr.matches(in: text, range: range) {
            let day = Int((text as NSString).substring(with: match.range(at: 1))) ?? 0
            let month = Int((text as NSString).substring(with: match.range(at: 2))) ?? 0
            if (1...31).contains(day), (1...12).contains(month) { found.insert(.cpr) }
        }
        if text.utf8.contains(UInt8(ascii: "@")), email.firstMatch(in: text, range: range) != nil { found.insert(.email) }
        if phone.firstMatch(in: text, range: range) != nil, !found.contains(.cpr) || phoneOutsideCPR(text) { found.insert(.phone) }
        return Identifier.allCases.filter(found.contains)
    }

    /// Whether there is a phone number in `text` once the CPR numbers are taken out.
    private static func phoneOutsideCPR(_ text: String) -> Bool {
        let withoutCPR = cpr.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
        return phone.firstMatch(in: withoutCPR, range: NSRange(withoutCPR.startIndex..., in: withoutCPR)) != nil
    }
}
