import Foundation
import Intake

/// What the citizen side needs, opened once at start-up and shared by every request.
public struct CitizenServices: Sendable {
    /// The intake desk: submissions and token look-ups.
    public let intake: IntakeService
    /// The database under the intake desk.
    public let database: AppDatabase
    /// The keys derived from the installation secret.
    let keys: KeyRing
    /// The service's clock.
    let clock: ServiceClock
    /// The texts of messages and explanations.
    public let texts: TextCatalog
    /// The citizen pages' templates, texts and emergency contacts.
    let pages: PageRenderer
    /// Language and anti-forgery handling of the pages.
    let pageGuard: PageGuard
    /// Slows clients that keep trying unknown tokens.
    let throttle: FailureThrottle
    /// Limits submissions, look-ups and messages per client and for everyone.
    let limiter: RateLimiter
    /// The questionnaire's one-time keys that show how long ago it was opened.
    let passes: FormPasses
    /// The steps the pages ask, with the answers they imply.
    let steps: PageSteps
    /// The step pages, each shape rendered once.
    let stepPages: StepPages
    /// What the pages keep sealed in the person's browser: answers in progress, the receipt.
    let cookies: SealedCookies
    /// The case pages' short sessions, in memory.
    let sessions = CaseSessions()
    /// Where "exit this page" goes.
    let exitURL: String
    /// Turns a request's address into the key the limits know the client by.
    let clientKeys: ClientKeys
    /// Whether people reach the service over HTTPS.
    let behindHTTPS: Bool
    /// The citizen side's public address, for the partner guide.
    let publicURL: String
    /// How long cases are kept, told to the person.
    let retention: RetentionPolicy
    /// How long a request body may take to arrive.
    let bodyTimeout: Duration

    /// Wires up the services over an opened database and key ring.
    public init(database: AppDatabase, keys: KeyRing, clock: ServiceClock, configuration: AppConfiguration = .testing) throws {
        intake = IntakeService(
            questionnaire: try Questionnaire.load(), rules: try TriageRules.load(), database: database, keys: keys, clock: clock
        )
        self.database = database
        self.keys = keys
        self.clock = clock
        texts = try TextCatalog.loadService()
        pages = try PageRenderer(
            domainTexts: texts, contacts: try EmergencyContacts.load(path: configuration.emergencyContactsPath),
            retention: configuration.retention, promise: ResponsePromise(workingDays: configuration.replyWithinWorkingDays)
        )
        pageGuard = PageGuard(isSecure: configuration.behindHTTPS)
        steps = PageSteps(questionnaire: intake.questionnaire, texts: pages.texts)
        stepPages = StepPages(pages: pages, steps: steps, questionnaire: intake.questionnaire)
        throttle = FailureThrottle(policy: .init(scale: configuration.rateLimitScale))
        limiter = RateLimiter(
            capacities: [.writes: database.writes, .reads: database.reads],
            ceilings: configuration.writeCapacity.map { [.writes: $0] } ?? [:], scale: configuration.rateLimitScale)
        passes = FormPasses(minimumAge: .seconds(configuration.formMinimumSeconds))
        cookies = SealedCookies(keys: keys, isSecure: configuration.behindHTTPS)
        exitURL = configuration.exitURL
        clientKeys = ClientKeys(clock: clock, trustForwardedFor: configuration.trustForwardedFor)
        behindHTTPS = configuration.behindHTTPS
        publicURL = configuration.resolvedPublicURL
        retention = configuration.retention
        bodyTimeout = .seconds(configuration.bodyTimeoutSeconds)
    }

    /// Opens the data folder of `configuration`: creates it (mode 0700) and the installation key
    /// if missing, and the database with its schema.
    public static func open(_ configuration: AppConfiguration) throws -> CitizenServices {
        let clock = try configuration.makeClock()
        let database = try openDatabase(configuration)
        let secret = try SecretKeyFile.loadOrCreate(at: configuration.secretKeyPath)
        return try CitizenServices(
            database: database, keys: KeyRing(secret: secret), clock: clock, configuration: configuration
        )
    }

    /// Creates the data and key folders if needed (mode 0700), the data key on first run, and
    /// opens (and migrates) the database.
    public static func openDatabase(_ configuration: AppConfiguration) throws -> AppDatabase {
        for (folder, flag) in [(configuration.dataDirectory, "--data-dir"), (configuration.resolvedKeyDirectory, "--key-dir")] {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StartupError("Cannot create the folder \(folder): \(error.localizedDescription). Choose another with \(flag).")
            }
        }
        let cipher = try DataKeyFiles.cipher(folder: configuration.resolvedKeyDirectory)
        return try AppDatabase.openFile(at: configuration.databasePath, durability: configuration.durability, cipher: cipher)
    }

    /// In-memory services with a fresh key, for tests, which bring their own clock.
    public static func inMemory(clock: ServiceClock, configuration: AppConfiguration = .testing) throws -> CitizenServices {
        try CitizenServices(database: .makeInMemory(), keys: .ephemeral(), clock: clock, configuration: configuration)
    }
}

/// A problem that stops the service from starting, with what to do about it.
public struct StartupError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
