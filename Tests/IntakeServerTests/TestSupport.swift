import Foundation
import Hummingbird
import HummingbirdTesting
import Intake
import IntakeServer

/// A citizen-side application over an in-memory database, tested through the real router.
func makeApplication(services: CitizenServices? = nil) throws -> (some ApplicationProtocol, CitizenServices) {
    let services = try services ?? CitizenServices.inMemory()
    return (Application(router: buildRouter(services)), services)
}

/// A complete submission body: the example in `Docs/examples`, with some answers changed.
func submissionBody(_ changes: [String: Any] = [:], language: String? = "en", questionnaire: String = "asi-sr-1") throws -> ByteBuffer {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Docs/examples/submission.json")
    var body = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    var answers = body["answers"] as! [String: Any]
    for (key, value) in changes { answers[key] = value }
    body["answers"] = answers
    body["questionnaire"] = questionnaire
    body["language"] = language
    return ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
}

/// A JSON body from a dictionary.
func json(_ object: [String: Any]) throws -> ByteBuffer {
    ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
}

let jsonHeaders: HTTPFields = [.contentType: "application/json"]

extension TestResponse {
    /// The body as a JSON object.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    /// The `items` of an error answer, as item → message.
    var problemItems: [String: String] {
        let items = (object["error"] as? [String: Any])?["items"] as? [[String: String]] ?? []
        return Dictionary(items.map { ($0["item"] ?? "", $0["message"] ?? "") }) { first, _ in first }
    }

    /// The `message` of an error answer.
    var errorMessage: String? { (object["error"] as? [String: Any])?["message"] as? String }
}
