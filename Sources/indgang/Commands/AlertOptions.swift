import ArgumentParser
import Foundation
import Intake
import IntakeServer

/// Where alerts to the team go (`serve`): a signed webhook, e-mail through sendmail, or both.
/// The texts hold counts and priorities only.
struct AlertOptions: ParsableArguments {
    @Option(help: "Post alerts as signed JSON to this https address (a Teams, Slack or Matrix bridge).")
    var alertWebhookURL: String?

    @Option(help: "The file with the webhook's signing secret, at least 32 characters (`openssl rand -hex 32`).")
    var alertWebhookSecretFile: String?

    @Option(help: "Send alerts by e-mail to these addresses, separated by commas.")
    var alertMailTo: String?

    @Option(help: "The sender address of the alert mails.")
    var alertMailFrom: String?

    @Option(help: "The sendmail program that sends the mails (default: /usr/sbin/sendmail, e.g. from msmtp-mta).")
    var alertSendmail: String?

    @Option(help: "Minutes between digests of new cases, messages and promises due (default: 60). Crisis cases are alerted at once.")
    var alertDigestMinutes: Double?

    @Option(help: "Seconds between looks for crisis cases and deliveries due (default: 5).")
    var alertCheckSeconds: Double?

    @Option(help: "Seconds before a failed delivery is tried again, doubled each time over 6 attempts (default: 30).")
    var alertRetrySeconds: Double?

    @Option(help: "The language of the alerts: da or en (default: da).")
    var alertLanguage: String?

    func validate() throws {
        if let alertDigestMinutes, !(0.01...1440).contains(alertDigestMinutes) {
            throw ValidationError("--alert-digest-minutes must be between 0.01 and 1440.")
        }
        if let alertCheckSeconds, !(0.05...300).contains(alertCheckSeconds) {
            throw ValidationError("--alert-check-seconds must be between 0.05 and 300.")
        }
        if let alertRetrySeconds, !(0.05...3600).contains(alertRetrySeconds) {
            throw ValidationError("--alert-retry-seconds must be between 0.05 and 3600.")
        }
        if let alertLanguage, Language(rawValue: alertLanguage) == nil {
            throw ValidationError("--alert-language must be da or en.")
        }
        if let alertWebhookURL, !AlertSettings.isAcceptableWebhook(alertWebhookURL) {
            throw ValidationError("--alert-webhook-url must be an https address (http only on 127.0.0.1 or localhost).")
        }
        if alertWebhookURL != nil, alertWebhookSecretFile == nil {
            throw ValidationError(
                "--alert-webhook-url needs --alert-webhook-secret-file (create one with `openssl rand -hex 32 > webhook.secret`).")
        }
        if let addresses = alertMailTo.map(Self.addresses) {
            if addresses.isEmpty { throw ValidationError("--alert-mail-to needs at least one address.") }
            if let bad = addresses.first(where: { !AlertSettings.isPlainMailAddress($0) }) {
                throw ValidationError("“\(bad)” is not a plain e-mail address (--alert-mail-to takes addresses separated by commas).")
            }
            guard let alertMailFrom, AlertSettings.isPlainMailAddress(alertMailFrom) else {
                throw ValidationError("--alert-mail-to needs --alert-mail-from: the sender address your mail server accepts.")
            }
        }
    }

    private static func addresses(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func apply(to configuration: inout AppConfiguration) {
        if let alertWebhookURL { configuration.alerts.webhookURL = alertWebhookURL }
        if let alertWebhookSecretFile { configuration.alerts.webhookSecretPath = alertWebhookSecretFile }
        if let alertMailTo { configuration.alerts.mailTo = Self.addresses(alertMailTo) }
        if let alertMailFrom { configuration.alerts.mailFrom = alertMailFrom }
        if let alertSendmail { configuration.alerts.sendmailPath = alertSendmail }
        if let alertDigestMinutes { configuration.alerts.digestInterval = alertDigestMinutes * 60 }
        if let alertCheckSeconds { configuration.alerts.checkInterval = alertCheckSeconds }
        if let alertRetrySeconds { configuration.alerts.retry.base = alertRetrySeconds }
        if let alertLanguage, let language = Language(rawValue: alertLanguage) { configuration.alerts.language = language }
    }
}
