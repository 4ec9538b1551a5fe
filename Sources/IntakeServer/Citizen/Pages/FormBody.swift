import Foundation

/// The fields of an `application/x-www-form-urlencoded` body, in order, with repeated names
/// kept (checkboxes send one field per ticked box).
struct FormBody: Sendable {
    private let fields: [(name: String, value: String)]

    /// Parses a form body; malformed percent-escapes are kept as typed.
    init(_ text: String) {
        fields = text.split(separator: "&", omittingEmptySubsequences: true).prefix(2_000).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The first value of `name`.
    subscript(name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value of `name`, or `nil` when the field was not sent at all.
    func all(_ name: String) -> [String]? {
        let values = fields.filter { $0.name == name }.map(\.value)
        return values.isEmpty ? nil : values
    }
}
