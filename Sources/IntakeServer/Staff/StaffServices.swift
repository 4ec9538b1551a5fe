import Argon2
import Intake

/// What the staff API needs, built over the same database as the citizen side.
public struct StaffServices: Sendable {
    public let directory: StaffDirectory
    public let desk: CaseDesk
    /// The intake desk, for cases counsellors open for a person.
    let intake: IntakeService
    let questionnaire: Questionnaire
    let texts: TextCatalog
    /// Slows clients that keep failing to log in (a salted hash of the address, in memory).
    let loginThrottle: FailureThrottle
    /// The staff side's own limits, apart from the citizen side's.
    let limiter: RateLimiter
    /// The citizen side's limits, shown to administrators.
    let citizenLimiter: RateLimiter
    /// How many password hashes a second the hasher can do, measured on every one.
    let hashes: CapacityGauge
    /// The staff side's own client keys (its own salt).
    let clientKeys: ClientKeys
    /// The clients whose password is being checked right now.
    let passwordChecks = InFlight()
    let behindHTTPS: Bool
    /// The registers (providers, partners) that administrators manage.
    let database: AppDatabase
    /// The service's clock, shared with the citizen side.
    let clock: ServiceClock
    /// The citizen side's public address, for partner links.
    let publicURL: String
    /// How long a request body may take to arrive.
    let bodyTimeout: Duration
    /// Whether staff logins must have a second factor (`--allow-staff-login-without-second-factor` turns it off).
    let requiresSecondFactor: Bool
    /// The first reply promised to the person.
    let promise: ResponsePromise
    /// The console's session cookie.
    let cookieSession: StaffCookieSession
    /// Where alerts to the team go.
    let alerts: AlertSettings
    /// The citizen pages' texts: a decision's message to the person is written in them.
    let pages: PageRenderer

    /// Builds the staff services over the citizen side's database, key ring and clock.
    public init(citizen: CitizenServices, hashing: Argon2.Parameters, configuration: AppConfiguration) throws {
        var policy = StaffDirectory.Policy()
        policy.guessing = .init(scale: configuration.rateLimitScale)
        policy.requireSecondFactor = !configuration.allowsStaffLoginWithoutSecondFactor
        requiresSecondFactor = policy.requireSecondFactor
        promise = citizen.pages.promise
        cookieSession = StaffCookieSession(isSecure: configuration.behindHTTPS)
        alerts = configuration.alerts
        pages = citizen.pages
        let hashes = CapacityGauge(parallelism: 2, assumed: .milliseconds(100))
        directory = try StaffDirectory(
            database: citizen.database, hasher: PasswordHasher(parameters: hashing, concurrency: hashes.parallelism, timing: hashes.record),
            clock: citizen.clock, policy: policy
        )
        self.hashes = hashes
        citizenLimiter = citizen.limiter
        clock = citizen.clock
        desk = CaseDesk(database: citizen.database, keys: citizen.keys, clock: citizen.clock, texts: citizen.texts)
        questionnaire = citizen.intake.questionnaire
        intake = citizen.intake
        texts = citizen.texts
        behindHTTPS = configuration.behindHTTPS
        database = citizen.database
        publicURL = citizen.publicURL
        bodyTimeout = citizen.bodyTimeout
        limiter = RateLimiter(capacities: [.hashes: hashes], scale: configuration.rateLimitScale)
        loginThrottle = FailureThrottle(policy: .init(scale: configuration.rateLimitScale))
        clientKeys = ClientKeys(clock: citizen.clock, trustForwardedFor: configuration.trustForwardedFor)
    }

    /// What the console and `/health` say about the installation: two-step verification off, no
    /// alerts set up, alerts that do not arrive.
    func warnings(_ language: Language) async -> [String] {
        var warnings = requiresSecondFactor ? [] : [texts.text("staff.warning.secondFactorOff", language)]
        if alerts.channelNames.isEmpty {
            warnings.append(texts.text("staff.warning.noAlerts", language))
        } else {
            let outcomes = (try? await database.latestAlertOutcomes()) ?? []
            for outcome in outcomes where outcome.status != .delivered && alerts.channelNames.contains(outcome.channel) {
                warnings.append(
                    texts.text(
                        "staff.warning.alertsFailing", language, ["channel": texts.text("alert.channel.\(outcome.channel)", language)]))
            }
        }
        return warnings
    }

    /// The name of a municipality code, as the questionnaire lists it.
    func municipalityName(_ code: String?) -> String? {
        guard let code else { return nil }
        return questionnaire.item(ItemID.municipality)?.options.first { $0.value == code }?.label.da
    }
}
