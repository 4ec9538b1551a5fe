import Foundation

/// A Danish municipality, by its official three-digit code.
public struct Municipality: Sendable, Equatable {
    /// The official code, e.g. `101` for København.
    public let code: String
    /// The municipality's name.
    public let name: String

    /// Reads the bundled list of the 98 municipalities (`code,name` CSV with a header line).
    static func loadAll(bundle: Bundle = .module) throws -> [Municipality] {
        guard let url = bundle.url(forResource: "municipalities", withExtension: "csv") else {
            throw QuestionnaireError.missingResource("municipalities.csv")
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        return try lines.map { line in
            let fields = line.split(separator: ",", maxSplits: 1).map(String.init)
            guard fields.count == 2, fields[0].count == 3, fields[0].allSatisfy(\.isASCIIDigit) else {
                throw QuestionnaireError.invalid("municipalities.csv: cannot read the line “\(line)”")
            }
            return Municipality(code: fields[0], name: fields[1])
        }
    }

    /// A key that sorts names the Danish way: æ, ø and å after z.
    var danishSortKey: String {
        String(
            name.lowercased().map { character -> Character in
                switch character {
                case "æ": "\u{7B}"
                case "ø": "\u{7C}"
                case "å": "\u{7D}"
                default: character
                }
            })
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
