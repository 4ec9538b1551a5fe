import Foundation
import Hummingbird
import HummingbirdTesting
import Intake
import IntakeServer

/// The instant the server tests run at, whatever the wall clock says: 2026-11-22 10:00 in
/// Copenhagen (09:00 UTC). Every date in the tests is derived from it.
let testInstant = Date(timeIntervalSince1970: 1_795_338_000)
/// The clock of the server tests, standing at `testInstant`.
let testClock = ServiceClock.fixed(at: testInstant)
/// Today in the server tests.
let testToday = testClock.now().day

/// A clock a test sets and moves, counting days in Copenhagen.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(at instant: Date) { current = instant }

    func set(_ instant: Date) { lock.withLock { current = instant } }
    var serviceClock: ServiceClock { ServiceClock(timeZone: .copenhagen, reading: { [self] in lock.withLock { current } }) }
}

/// An instant written in UTC, `YYYY-MM-DDTHH:MM:SSZ`, for the tests of awkward instants.
func utc(_ text: String) -> Date {
    guard let date = try? Date(text, strategy: .iso8601) else { fatalError("not an ISO 8601 instant: \(text)") }
    return date
}

extension CitizenServices {
    /// In-memory services on the tests' clock.
    static func testing(configuration: AppConfiguration = .testing, clock: ServiceClock = testClock) throws -> CitizenServices {
        try inMemory(clock: clock, configuration: configuration)
    }
}

/// A citizen-side application over an in-memory database, tested through the real router.
func makeApplication(services: CitizenServices? = nil) throws -> (some ApplicationProtocol, CitizenServices) {
    let services = try services ?? CitizenServices.testing()
    return (Application(router: buildCitizenRouter(services)), services)
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
