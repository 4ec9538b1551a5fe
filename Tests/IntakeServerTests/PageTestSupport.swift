import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// Headers of a form post from our own pages, as a browser with Fetch Metadata sends them.
let formHeaders: HTTPFields = [
    .contentType: "application/x-www-form-urlencoded", HTTPField.Name("Sec-Fetch-Site")!: "same-origin",
]

/// A form body from fields (repeated names allowed).
func form(_ fields: [(String, String)]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    let encoded = fields.map { name, value in
        "\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
    }
    return ByteBuffer(string: encoded.joined(separator: "&"))
}

/// Every answer of the example submission as form fields (sets as repeated fields plus the
/// empty marker the pages send), with some answers changed.
func exampleFormFields(_ changes: [String: String] = [:]) throws -> [(String, String)] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs/examples/submission.json")
    let body = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    var fields: [(String, String)] = []
    for (id, value) in (body["answers"] as! [String: Any]).sorted(by: { $0.key < $1.key }) {
        if let changed = changes[id] {
            fields.append((id, changed))
        } else if let list = value as? [String] {
            fields.append((id, ""))
            fields += list.map { (id, $0) }
        } else {
            fields.append((id, "\(value)"))
        }
    }
    return fields
}

extension TestResponse {
    /// The body as text.
    var html: String { String(buffer: body) }

    /// The value of the first `<input … name="name" value="…">` in the page.
    func inputValue(named name: String) -> String? {
        let pattern = try! Regex("name=\"\(name)\" value=\"([^\"]*)\"")
        return html.firstMatch(of: pattern).flatMap { $0.output[1].substring.map(String.init) }
    }

    /// The token shown on a receipt page.
    var shownToken: String? {
        html.firstMatch(of: /class="token"[^>]*>([0-9A-Z-]{24})</).map { String($0.output.1) }
    }
}
