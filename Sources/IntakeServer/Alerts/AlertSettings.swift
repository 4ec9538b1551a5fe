import AsyncHTTPClient
import Foundation
import Intake

/// Where alerts to the team go and how often (`--alert-…` flags). With neither a webhook nor
/// mail recipients, no alert is sent and the staff port's `/health` warns.
public struct AlertSettings: Sendable {
    /// The address alerts are posted to as signed JSON (a Teams, Slack or Matrix bridge).
    public var webhookURL: String?
    /// The file holding the webhook's signing secret (at least 32 characters; keep it 0600).
    public var webhookSecretPath: String?
    /// The team's addresses, for alerts by e-mail through `sendmail`.
    public var mailTo: [String] = []
    /// The sender address of the alert mails.
    public var mailFrom: String?
    /// The system's sendmail program (Debian's `msmtp-mta`, Postfix, Exim all provide one).
    public var sendmailPath = "/usr/sbin/sendmail"
    /// How often new cases, messages and promises are summed up in a digest. Default: an hour.
    /// Crisis cases are alerted at once, whatever this is.
    public var digestInterval: TimeInterval = 3600
    /// How often the service looks for crisis cases and deliveries due. Default: 5 seconds.
    public var checkInterval: TimeInterval = 5
    /// How failed deliveries are retried. Default: 6 attempts, 30 s, then twice as long each time.
    public var retry = AlertRetry()
    /// The language of the alert texts. Default: Danish.
    public var language = Language.da

    public init() {}

    /// The channels configured, by name.
    public var channelNames: [String] {
        (webhookURL == nil ? [] : ["webhook"]) + (mailTo.isEmpty ? [] : ["mail"])
    }

    /// Where each channel sends, as administrators see it: the webhook's scheme and host (its
    /// path often holds a key), the mail recipients.
    public var channelTargets: [(name: String, target: String)] {
        var targets: [(String, String)] = []
        if let webhookURL, let url = URLComponents(string: webhookURL) {
            targets.append(("webhook", "\(url.scheme ?? "https")://\(url.host ?? "?")\(url.port.map { ":\($0)" } ?? "")/…"))
        }
        if !mailTo.isEmpty { targets.append(("mail", mailTo.joined(separator: ", "))) }
        return targets
    }

    /// Whether `address` can stand in a mail header and on sendmail's command line as it is: one
    /// `local@domain` of printable ASCII, with nothing that could start an option or a header.
    public static func isPlainMailAddress(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard (3...254).contains(bytes.count), bytes.first != UInt8(ascii: "-"),
            bytes.filter({ $0 == UInt8(ascii: "@") }).count == 1, let at = bytes.firstIndex(of: UInt8(ascii: "@")),
            at > 0, at < bytes.count - 1
        else { return false }
        let refused = Set(" ,;:<>()[]\\\"".utf8)
        return bytes.allSatisfy { (0x21...0x7E).contains($0) && !refused.contains($0) }
    }

    /// Whether a webhook may be posted to `url`: https, or http on this machine only (a bridge
    /// next to the service, or a test).
    public static func isAcceptableWebhook(_ url: String) -> Bool {
        guard let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty, parts.user == nil else { return false }
        switch parts.scheme?.lowercased() {
        case "https": return true
        case "http": return ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        default: return false
        }
    }
}

extension AlertSettings {
    /// The channels, ready to send: everything checked first (the webhook's secret read from its
    /// file), then `makeClient` called only if there is a webhook. Throws a `StartupError` that
    /// says what to fix.
    func makeChannels(makeClient: () -> HTTPClient) throws -> [any AlertChannel] {
        var mail: MailChannel?
        if !mailTo.isEmpty {
            guard let mailFrom, Self.isPlainMailAddress(mailFrom) else {
                throw StartupError(
                    "--alert-mail-to needs --alert-mail-from: the sender address your mail server accepts, e.g. indgang@kommune.dk.")
            }
            if let bad = mailTo.first(where: { !Self.isPlainMailAddress($0) }) {
                throw StartupError("“\(bad)” is not a plain e-mail address (--alert-mail-to takes addresses separated by commas).")
            }
            guard FileManager.default.isExecutableFile(atPath: sendmailPath) else {
                throw StartupError(
                    "\(sendmailPath) is not there: install an MTA (`apt install msmtp-mta` and configure /etc/msmtprc) or name yours with --alert-sendmail."
                )
            }
            mail = MailChannel(sendmail: sendmailPath, from: mailFrom, to: mailTo)
        }
        var channels: [any AlertChannel] = []
        if let webhookURL {
            guard Self.isAcceptableWebhook(webhookURL) else {
                throw StartupError("--alert-webhook-url must be an https address (http only on 127.0.0.1 or localhost).")
            }
            guard let path = webhookSecretPath else {
                throw StartupError(
                    "--alert-webhook-url needs --alert-webhook-secret-file: a file with the signing secret, e.g. `openssl rand -hex 32 > webhook.secret`."
                )
            }
            let secret: String
            do {
                secret = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw StartupError("Cannot read the webhook secret \(path): \(error.localizedDescription)")
            }
            guard secret.utf8.count >= 32 else {
                throw StartupError("The webhook secret in \(path) is too short: use at least 32 characters (`openssl rand -hex 32`).")
            }
            channels.append(WebhookChannel(url: webhookURL, secret: Data(secret.utf8), client: makeClient()))
        }
        return channels + (mail.map { [$0] } ?? [])
    }
}
