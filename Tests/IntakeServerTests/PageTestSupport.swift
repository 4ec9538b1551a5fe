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

/// A browser for router tests of the pages: keeps the cookies the pages set and follows their
/// redirects with GET, as a browser with JavaScript off does.
final class PageBrowser {
    /// A page as the browser ends up showing it.
    struct Page {
        let status: HTTPResponse.Status
        /// Where the browser is after the redirects.
        let path: String
        /// The redirects on the way (status 303 each).
        let redirects: [String]
        let headers: HTTPFields
        let body: ByteBuffer
        var html: String { String(buffer: body) }

        /// The token shown on a receipt page.
        var shownToken: String? {
            html.firstMatch(of: /class="token"[^>]*>([0-9A-Z-]{24})</).map { String($0.output.1) }
        }
    }

    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// Every `Set-Cookie` header the pages sent, in order.
    private(set) var setCookies: [String] = []
    /// Extra headers on every request (an address from a trusted proxy, say).
    var headers: HTTPFields = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    func get(_ uri: String) async throws -> Page {
        try await request(uri, method: .get, body: nil, redirects: [])
    }

    /// Posts a form as our pages do (same-origin), and follows the answer's redirect.
    func post(_ uri: String, _ fields: [(String, String)]) async throws -> Page {
        try await request(uri, method: .post, body: form(fields), redirects: [])
    }

    /// Drops a cookie, as a browser does when it is closed (session cookies) or the time is up.
    func forget(_ name: String) { cookies[name] = nil }

    private func request(_ uri: String, method: HTTPRequest.Method, body: ByteBuffer?, redirects: [String]) async throws -> Page {
        var fields = headers
        if method == .post {
            for field in formHeaders { fields.append(field) }
        }
        if !cookies.isEmpty { fields[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        let (status, responseHeaders, responseBody) = try await client.execute(uri: uri, method: method, headers: fields, body: body) {
            ($0.status, $0.headers, $0.body)
        }
        for header in responseHeaders[values: .setCookie] {
            setCookies.append(header)
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            cookies[name] = header.contains("Max-Age=0") || value.isEmpty ? nil : value
        }
        if status == .seeOther, let location = responseHeaders[.location], redirects.count < 10 {
            if !location.hasPrefix("/") {
                return Page(status: status, path: location, redirects: redirects + [location], headers: responseHeaders, body: responseBody)
            }
            let target = String(location.split(separator: "#", maxSplits: 1)[0])
            return try await request(target, method: .get, body: nil, redirects: redirects + [location])
        }
        return Page(status: status, path: uri, redirects: redirects, headers: responseHeaders, body: responseBody)
    }
}

/// The page's "which drugs" question answered as the example (and `changes`) would: every class
/// with days.
func drugsUsed(_ changes: [String: String] = [:]) throws -> [(String, String)] {
    let days = Dictionary(try exampleFormFields(changes).filter { $0.0.hasPrefix("drug.days.") }) { first, _ in first }
    let used = days.filter { (Int($0.value) ?? 0) > 0 }.keys.sorted().map { String($0.dropFirst("drug.days.".count)) }
    return [("page.drugs_used", "")] + used.map { ("page.drugs_used", $0) }
}

extension PageBrowser {
    /// Walks the questionnaire from its start with the example answers (and `changes`) to the
    /// check page; returns the check page. `first`: the first step, already open.
    func answerEverything(
        _ changes: [String: String] = [:], language: String = "en", partner: String? = nil, omitting: Set<String> = [],
        from first: Page? = nil
    ) async throws -> Page {
        var page: Page
        if let first {
            page = first
        } else {
            page = try await get("/questionnaire?lang=\(language)" + (partner.map { "&partner=\($0)" } ?? ""))
        }
        let answers = try (exampleFormFields(changes) + drugsUsed(changes)).filter { !omitting.contains($0.0) }
        for _ in 0..<12 where page.path.hasPrefix("/questionnaire/") && Int(page.path.dropFirst("/questionnaire/".count)) != nil {
            let step = page.path
            page = try await post(step, answers + [("action", "next")])
            // Help right now, first, at the address of the next page.
            if let next = page.html.firstMatch(of: /id="continue" href="([^"]+)"/).map({ String($0.output.1) }) {
                page = try await get(next)
            }
        }
        return page
    }

    /// Walks the questionnaire, sends it, and returns the receipt.
    func submitEverything(
        _ changes: [String: String] = [:], language: String = "en", partner: String? = nil, note: String = "", omitting: Set<String> = [],
        from first: Page? = nil
    ) async throws -> Page {
        let check = try await answerEverything(changes, language: language, partner: partner, omitting: omitting, from: first)
        precondition(check.path == "/questionnaire/check", "ended at \(check.path)")
        return try await post("/questionnaire/send", [("note", note)])
    }
}
