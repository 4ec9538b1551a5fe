import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import Intake
@testable import IntakeServer

/// A channel that keeps what it was given, or fails every time.
final class RecordingChannel: AlertChannel, @unchecked Sendable {
    let name: String
    let failure: String?
    private let lock = NSLock()
    private var received: [AlertMessage] = []

    init(_ name: String, failing failure: String? = nil) {
        self.name = name
        self.failure = failure
    }

    var messages: [AlertMessage] { lock.withLock { received } }

    func deliver(_ message: AlertMessage, id: Int64, at: Date) async throws {
        if let failure { throw AlertChannelError(failure) }
        lock.withLock { received.append(message) }
    }
}

/// The configuration of a world whose alerts go to a webhook and to mail.
private var alerting: AppConfiguration {
    var configuration = AppConfiguration.testing
    configuration.alerts.webhookURL = "https://hooks.example.org/services/SECRET-PATH"
    configuration.alerts.mailTo = ["team@kommune.example"]
    configuration.alerts.mailFrom = "indgang@kommune.example"
    configuration.alerts.language = .en
    return configuration
}

private func desk(_ world: StaffWorld, _ channels: [any AlertChannel]) -> AlertDesk {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return AlertDesk(
        database: world.citizen.database, promise: world.citizen.pages.promise, channels: channels, settings: world.staff.alerts,
        texts: world.citizen.texts, logger: logger)
}

@Test func aCrisisCaseReachesTheTeamWithCountsOnlyAndAFailingChannelIsReported() async throws {
    let world = try StaffWorld(configuration: alerting)
    let mail = RecordingChannel("mail")
    let webhook = RecordingChannel("webhook", failing: "The webhook answered HTTP 502.")
    let desk = desk(world, [webhook, mail])
    let crisis = try await world.submit(["crisis.now": "yes"])
    _ = try await world.submit()
    try await desk.checkCrisis(at: testClock.now())
    try await desk.deliverDue(at: testClock.now())
    let message = try #require(mail.messages.first)
    #expect(mail.messages.count == 1 && message.kind == .crisis && message.subject == "Indgang: crisis case")
    #expect(message.text.contains("1 new case with priority 1.") && message.text.contains("2 cases in all are waiting"))
    // Nothing that points at the person: no reference, no municipality, no day.
    let found = try await world.citizen.intake.findCase(token: crisis.token)
    for secret in [
        crisis.reference, crisis.token, found.municipality ?? "-", testToday.iso, world.staff.municipalityName(found.municipality) ?? "-",
    ] {
        #expect(!message.text.contains(secret) && !message.subject.contains(secret))
    }
    // The failing channel is retried later, and everyone is told it fails.
    let deliveries = try await world.citizen.database.alertDeliveries()
    #expect(deliveries.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.delivered, .retrying])
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/health", method: .get) { response in
            let warnings = response.object["warnings"] as? [String] ?? []
            #expect(response.object["status"] as? String == "warning")
            #expect(warnings == ["Alerts by webhook are not arriving: the latest attempt failed. An administrator sees more under Alerts."])
        }
    }
    // The digest then has only the other case to tell.
    try await desk.digest(at: testClock.now())
    try await desk.deliverDue(at: testClock.now())
    #expect(mail.messages.count == 2 && mail.messages[1].kind == .digest && mail.messages[1].counts.newCases.reduce(0, +) == 1)
}

@Test func theTextsAreFixedSentencesWithCountsIn() throws {
    let texts = try TextCatalog.loadService()
    for _ in 0..<200 {
        let counts = AlertCounts(
            newCases: (0..<3).map { _ in Int.random(in: 0...3) }, newMessages: Int.random(in: 0...3), dueToday: Int.random(in: 0...2),
            passed: Int.random(in: 0...2), waiting: Int.random(in: 0...40))
        for language in Language.allCases {
            for kind in AlertKind.allCases {
                let message = AlertMessage(kind, counts, texts: texts, language: language)
                // Every line is a catalog text with numbers filled in; none is a key left unfilled.
                #expect(message.lines.allSatisfy { !$0.contains("{") && !$0.hasPrefix("alert.") })
                let numbers = message.text.split { !$0.isNumber }.compactMap { Int($0) }
                let expected =
                    counts.newCases.enumerated().flatMap { $1 > 0 ? [$1, $0 + 1] : [] }
                    + [counts.newMessages, counts.dueToday, counts.passed].filter { $0 > 0 } + (counts.waiting > 0 ? [counts.waiting] : [])
                #expect(numbers == expected, "\(message.text)")
            }
        }
    }
}

@Test func theMailGoesToSendmailWithAnEncodedSubjectAndFailuresSayWhy() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sendmail-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let fake = folder.appendingPathComponent("sendmail").path
    try "#!/bin/sh\necho \"$@\" > \(folder.path)/arguments\ncat > \(folder.path)/mail\n".write(
        toFile: fake, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
    let message = AlertMessage(.digest, AlertCounts(newCases: [0, 2, 0], waiting: 3), texts: try TextCatalog.loadService(), language: .da)
    let channel = MailChannel(sendmail: fake, from: "indgang@kommune.example", to: ["a@kommune.example", "b@kommune.example"])
    try await channel.deliver(message, id: 7, at: testInstant)
    let arguments = try String(contentsOfFile: "\(folder.path)/arguments", encoding: .utf8)
    #expect(arguments == "-i -f indgang@kommune.example a@kommune.example b@kommune.example\n")
    let mail = try String(contentsOfFile: "\(folder.path)/mail", encoding: .utf8)
    #expect(mail.contains("Subject: =?UTF-8?B?\(Data("Indgang: nyt i køen".utf8).base64EncodedString())?=\n"))
    #expect(mail.contains("\n\n2 nye sager med prioritet 2.\n3 sager venter i alt på et første svar.\n"))
    #expect(mail.contains("To: a@kommune.example, b@kommune.example\n") && mail.contains("Auto-Submitted: auto-generated"))

    let failing = folder.appendingPathComponent("failing").path
    try "#!/bin/sh\ncat > /dev/null\necho 'msmtp: cannot connect to smtp.kommune.example' >&2\nexit 75\n"
        .write(toFile: failing, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: failing)
    await #expect {
        try await MailChannel(sendmail: failing, from: "x@y.z", to: ["a@b.c"]).deliver(message, id: 8, at: testInstant)
    } throws: { error in
        (error as? AlertChannelError)?.description == "\(failing) exited with status 75: msmtp: cannot connect to smtp.kommune.example"
    }
    // A program that stops without reading its input fails without harming the service.
    await #expect(throws: AlertChannelError.self) {
        try await MailChannel(sendmail: "/bin/false", from: "x@y.z", to: ["a@b.c"]).deliver(message, id: 9, at: testInstant)
    }
    await #expect(throws: AlertChannelError.self) {
        try await MailChannel(sendmail: "\(folder.path)/missing", from: "x@y.z", to: ["a@b.c"]).deliver(message, id: 10, at: testInstant)
    }
}

@Test func theWebhookSignatureIsHMACSHA256OfTimestampAndBody() {
    // Computed with: printf '1795338000.{"a":1}' | openssl dgst -sha256 -hmac 'k'
    let signature = WebhookChannel.signature(body: Data("{\"a\":1}".utf8), timestamp: "1795338000", secret: Data("k".utf8))
    #expect(signature == "2440e831d71fe17f867f54a956aa334c9a3117304951edd592a048e7538f06b8")
}

@Test func onlyPlainAddressesAndSafeWebhooksAreAccepted() {
    for good in ["team@kommune.dk", "a.b+alerts@x.example"] { #expect(AlertSettings.isPlainMailAddress(good)) }
    for bad in ["", "team", "-f@x.dk", "a@b@c", "a b@c.dk", "a@b.dk\nBcc: x@y.z", "<a@b.dk>", "æ@b.dk", "a@", "@b"] {
        #expect(!AlertSettings.isPlainMailAddress(bad), "\(bad)")
    }
    for good in ["https://hooks.example.org/x", "http://127.0.0.1:9000/hook", "http://localhost/x"] {
        #expect(AlertSettings.isAcceptableWebhook(good))
    }
    for bad in ["http://hooks.example.org/x", "ftp://x/y", "https://user:pw@x.org/", "hooks.example.org", "https:///x"] {
        #expect(!AlertSettings.isAcceptableWebhook(bad), "\(bad)")
    }
    #expect(alerting.alerts.channelTargets.map(\.target) == ["https://hooks.example.org/…", "team@kommune.example"])
}

@Test func administratorsSeeTheChannelsAndDeliveriesAndCanSendATest() async throws {
    let world = try StaffWorld(configuration: alerting)
    let admin = try await world.logIn("anne", admin: true)
    let staff = try await world.logIn("mette")
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/alerts", method: .get, headers: staff) { #expect($0.status == .forbidden) }
        try await client.execute(uri: "/staff/v1/alerts/test", method: .post, headers: staff) { #expect($0.status == .forbidden) }
        try await client.execute(uri: "/staff/v1/alerts/test", method: .post, headers: admin) { response in
            #expect(response.status == .accepted && response.object["queued"] as? [String] == ["webhook", "mail"])
        }
        try await client.execute(uri: "/staff/v1/alerts", method: .get, headers: admin) { response in
            #expect(response.status == .ok && response.object["digestMinutes"] as? Double == 60)
            let channels = response.object["channels"] as? [[String: String]] ?? []
            #expect(channels.map { $0["target"] ?? "" } == ["https://hooks.example.org/…", "team@kommune.example"])
            let deliveries = response.object["deliveries"] as? [[String: Any]] ?? []
            #expect(
                deliveries.count == 2 && deliveries.allSatisfy { $0["status"] as? String == "pending" && $0["kind"] as? String == "test" })
            #expect((deliveries.first?["text"] as? String)?.hasPrefix("This is a test.") == true)
        }
    }
    #expect(try await world.citizen.database.auditEntries(AuditFilter(actor: "anne")).first?.action == .alertTest)
}

@Test func withoutAChannelTheTestIsRefusedAndHealthWarns() async throws {
    let world = try StaffWorld()
    let admin = try await world.logIn("anne", admin: true)
    try await world.staffApp.test(.router) { client in
        try await client.execute(uri: "/staff/v1/alerts/test", method: .post, headers: admin) { response in
            #expect(response.status == .conflict && response.errorMessage?.contains("--alert-webhook-url") == true)
        }
        try await client.execute(uri: "/health", method: .get) { response in
            #expect((response.object["warnings"] as? [String])?.first?.hasPrefix("No alerts are set up") == true)
        }
    }
}
