import Argon2
import Foundation
import Hummingbird
import HummingbirdCore
import Intake
import Logging
import NIOCore

/// Every setting of the service, with its default. The CLI fills it from flags; nothing else
/// declares a setting.
public struct AppConfiguration: Sendable {
    /// The address the citizen side listens on. Default: loopback only.
    public var host = "127.0.0.1"
    /// The port the citizen side listens on. Default: 8080.
    public var port = 8080
    /// The address the staff API listens on. Default: loopback only; keep it on the internal network.
    public var staffHost = "127.0.0.1"
    /// The port the staff API listens on. Default: 8081.
    public var staffPort = 8081
    /// The cost of staff password hashes. Default: Argon2id m = 19 MiB, t = 2, p = 1.
    public var passwordHashing = Argon2.Parameters.recommended
    /// The address people and partner sites use to reach the citizen side, for the links and the
    /// card in the partner guide, e.g. `https://indgang.kommune.dk`. Default: `http://<host>:<port>`.
    public var publicURL: String?
    /// The folder that holds the database and the installation key. Default: `./data`.
    public var dataDirectory = "./data"
    /// The folder of the keys (`secret.key`, `data.key`): keep it apart from the database and its
    /// backups, so a copy of one alone reveals nothing. Default: the data folder.
    public var keyDirectory: String?
    /// The folder of static files served as they are (stylesheet, OpenAPI document). Default: `./Public`.
    public var publicDirectory = "./Public"
    /// How commits reach the disk. Default: FULL — a `201` means the case is on disk.
    public var durability = AppDatabase.Durability.full
    /// The time zone in which days are counted. Default: Europe/Copenhagen.
    public var timeZone = "Europe/Copenhagen"
    /// Whether to rate-limit by the last `X-Forwarded-For` address instead of the peer address.
    /// Turn on only behind a reverse proxy that sets the header. Default: off.
    public var trustForwardedFor = false
    /// Whether people reach the service over HTTPS (through a reverse proxy): cookies get
    /// `Secure` and the `__Host-` prefix, and answers carry `Strict-Transport-Security`. Default: off.
    public var behindHTTPS = false
    /// Whether staff may log in with a password alone when they have not set up a second factor.
    /// Default: off (every account sets up TOTP at its first login); on, the console and the staff
    /// port's `/health` say so as a warning.
    public var allowsStaffLoginWithoutSecondFactor = false
    /// A file of emergency contacts to show instead of the bundled `Content/emergency.json`.
    public var emergencyContactsPath: String?
    /// How long cases, receipts and audit entries are kept. Default: 90 days after closing, 30 days
    /// untouched, receipts 1 day, audit 5 years.
    public var retention = RetentionPolicy()
    /// Multiplies every rate limit (per client and global) and the failures (wrong tokens, partner
    /// keys, passwords) allowed before a client must wait. Raise it for load and fuzz tests only.
    /// Default: 1.
    public var rateLimitScale = 1.0
    /// The most commits a second the limits assume the database writer can do, whatever it
    /// measures (`nil`: as measured). Lower it to keep room on a disk shared with other work.
    public var writeCapacity: Double?
    /// How long a questionnaire must have been open before its submission counts as walked
    /// through by a person and draws on the share of the budget a flood cannot reach, in
    /// seconds. Default: 30. A faster submission still goes through, on the general share.
    public var formMinimumSeconds = 30
    /// The promise the person is given: a first reply within this many working days (Danish
    /// public holidays not counted). Default: 2.
    public var replyWithinWorkingDays = 2
    /// Where "exit this page" on every citizen page goes, after the service has made the
    /// browser forget the answers in progress and the case session: a neutral site. Default:
    /// `https://www.dmi.dk/` (the weather).
    public var exitURL = "https://www.dmi.dk/"
    /// How long a connection may stay silent, before its request head is complete or between
    /// requests, before it is closed, in seconds. Default: 30. A slow or silent client then holds
    /// no file descriptor for long.
    public var idleTimeoutSeconds = 30
    /// How long a request's body may take to arrive once its head is complete, in seconds.
    /// Default: 20, enough for the largest body (64 KB) on a poor mobile connection. A body that
    /// trickles in slower gets `408` and its connection is closed.
    public var bodyTimeoutSeconds = 20
    /// Where alerts to the team go (a webhook, e-mail) and how often. Default: nowhere.
    public var alerts = AlertSettings()
    /// The log level. Default: info.
    public var logLevel = Logger.Level.info

    /// Creates the default configuration.
    public init() {}

    /// The service's clock, counting days in `timeZone`.
    public func makeClock() throws -> ServiceClock {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw StartupError("Unknown time zone “\(timeZone)”. Use a name such as Europe/Copenhagen (--time-zone).")
        }
        return ServiceClock(timeZone: zone)
    }

    /// The HTTP/1.1 server of both listeners, with the idle timeout.
    var server: HTTPServerBuilder {
        .http1(configuration: .init(idleTimeout: .seconds(Int64(max(1, idleTimeoutSeconds)))))
    }

    /// The citizen side's public address, without a trailing slash.
    public var resolvedPublicURL: String {
        String((publicURL ?? "http://\(host):\(port)").trimmingSuffix("/"))
    }

    /// The SQLite database file.
    public var databasePath: String { "\(dataDirectory)/indgang.sqlite" }
    /// The folder the keys are in.
    public var resolvedKeyDirectory: String { keyDirectory ?? dataDirectory }
    /// The installation secret (token HMAC key), created on first run with mode 0600.
    public var secretKeyPath: String { "\(resolvedKeyDirectory)/secret.key" }

    /// The configuration used by the tests: an ephemeral port and a quiet log.
    public static var testing: AppConfiguration {
        var configuration = AppConfiguration()
        configuration.port = 0
        configuration.staffPort = 0
        configuration.logLevel = .error
        // The tests send many requests from one client; the limits have tests of their own
        // (`AppConfiguration.testingWithLimits`).
        configuration.rateLimitScale = 1_000
        configuration.passwordHashing = Argon2.Parameters(memoryKiB: 256, iterations: 1, parallelism: 1)
        return configuration
    }

    /// The test configuration with the production limits and failure throttles.
    public static var testingWithLimits: AppConfiguration {
        var configuration = AppConfiguration.testing
        configuration.rateLimitScale = 1
        return configuration
    }
}
