import Crypto
import Foundation

/// The intake desk: validates a submission, scores and triages it, issues a token and stores the
/// case; and finds a case again by its token. Used by the JSON API, the web pages and the CLI.
public struct IntakeService: Sendable {
    /// The questionnaire this service asks.
    public let questionnaire: Questionnaire
    /// The triage rules this service applies.
    public let rules: TriageRules
    /// The database under the desk.
    public let database: AppDatabase
    let keys: KeyRing
    let clock: ServiceClock

    /// Creates the service over its dependencies.
    public init(questionnaire: Questionnaire, rules: TriageRules, database: AppDatabase, keys: KeyRing, clock: ServiceClock) {
        self.questionnaire = questionnaire
        self.rules = rules
        self.database = database
        self.keys = keys
        self.clock = clock
    }

    /// Scores and triages a validated sheet, without storing anything.
    public func assess(_ sheet: AnswerSheet) -> Assessment {
        rules.assess(sheet, composites: questionnaire.composites(for: sheet), questionnaireVersion: questionnaire.version)
    }

    /// Validates, assesses and stores a submission in one transaction.
    ///
    /// With an `idempotencyKey`, a retry of the same request returns the first case and token
    /// instead of creating a second case. The token of a retry is sealed under the key *and*
    /// `client` (the daily-salted hash of the sender's address), so someone else who sends the
    /// same key and answers gets no token. `admit` runs once the submission is known to be
    /// complete and valid, before anything is stored: a refusal there (a rate limit) stores nothing.
    /// `channel` is the way in: `web`, or `street` for the street team's assisted session.
    public func submit(
        _ submission: Submission, channel: CaseChannel = .web, idempotencyKey: String? = nil, client: Data = Data(),
        admit: @Sendable () async throws -> Void = {}
    ) async throws -> IssuedCase {
        let sheet = try validate(submission).get()
        let assessment = assess(sheet)
        let token = Token.generate()
        // Only a registered, active partner is stored; anything else is dropped without failing
        // the person's submission.
        let partner = try await database.activePartner(submission.partner)?.slug
        let newCase = NewCase(
            tokenHash: keys.hash(token), createdOn: clock.now().day, language: submission.language ?? .default, answers: sheet,
            assessment: assessment, municipality: sheet.choice(ItemID.municipality), partner: partner, channel: channel
        )
        let receipt = try idempotencyKey.map {
            try receiptRequest(for: submission, sheet: sheet, token: token, key: $0, client: client)
        }
        try await admit()
        switch try await database.submitIntake(newCase, receipt: receipt) {
        case .created(let stored):
            return IssuedCase(token: token, storedCase: stored, isReplay: false)
        case .replayed(let stored, let sealedToken):
            guard let key = idempotencyKey, let firstToken = unseal(sealedToken, key: key, client: client) else {
                throw SubmissionError.idempotencyKeyReused
            }
            return IssuedCase(token: firstToken, storedCase: stored, isReplay: true)
        case .keyReused:
            throw SubmissionError.idempotencyKeyReused
        }
    }

    /// A case a counsellor opens for a person on the phone, at the counter or on the street: the
    /// same validation, scoring and triage as a web submission, the answers entered by the
    /// counsellor, who holds the case from the start (audited as such). The code is marked as
    /// handed out by staff: the person chooses their own at their first use (`replaceStaffCode`).
    public func openForPerson(_ submission: Submission, channel: CaseChannel, by staff: StaffIdentity) async throws -> IssuedCase {
        let sheet = try validate(submission).get()
        let token = Token.generate()
        let newCase = NewCase(
            tokenHash: keys.hash(token), createdOn: clock.now().day, language: submission.language ?? .default, answers: sheet,
            assessment: assess(sheet), municipality: sheet.choice(ItemID.municipality), partner: nil, channel: channel, openedBy: staff
        )
        let stored = try await database.openCaseForPerson(newCase, at: clock.now().instant)
        return IssuedCase(token: token, storedCase: stored, isReplay: false)
    }

    /// The person's own code in place of one handed out by staff: from now on only the new one
    /// opens the case, so whoever read the old one out can no longer open it as the person.
    /// `nil` when the case's code is already the person's own (or changed a moment ago).
    public func replaceStaffCode(_ found: IntakeCase) async throws -> Token? {
        guard found.codeFromStaff else { return nil }
        let token = Token.generate()
        return try await database.replaceStaffCode(caseID: found.id, old: found.tokenHash, new: keys.hash(token)) ? token : nil
    }

    /// The case a typed token opens.
    public func findCase(token text: String) async throws -> IntakeCase {
        guard let token = Token(parsing: text) else { throw TokenLookupError.malformed }
        let hash = keys.hash(token)
        guard let found = try await database.intakeCase(tokenHash: hash), constantTimeEquals(found.tokenHash, hash) else {
            throw TokenLookupError.unknown
        }
        return found
    }

    // MARK: - Validation

    /// Checks the envelope (questionnaire version, language) and every answer.
    func validate(_ submission: Submission) -> Result<AnswerSheet, SubmissionError> {
        var problems: [AnswerProblem] = []
        if submission.questionnaire != questionnaire.version {
            problems.append(AnswerProblem(item: "questionnaire", kind: .unsupportedQuestionnaire(submission.questionnaire ?? "")))
        }
        if submission.language == nil {
            problems.append(AnswerProblem(item: "language", kind: .unsupportedLanguage))
        }
        guard let answers = submission.answers else {
            return .failure(.invalid(problems + [AnswerProblem(item: "answers", kind: .expectedAnswers)]))
        }
        switch questionnaire.validate(answers) {
        case .success(let sheet) where problems.isEmpty: return .success(sheet)
        case .success: return .failure(.invalid(problems))
        case .failure(let failure): return .failure(.invalid(problems + failure.problems))
        }
    }

    // MARK: - Idempotency

    /// Keys of 32 to 128 characters of `A–Z a–z 0–9 - _` that can carry at least 128 random bits
    /// (32 hex digits, as `openssl rand -hex 16` gives): so a retry can be recognised and a guessed
    /// key is hopeless. No check can measure randomness; refused are the shapes that cannot hold
    /// 128 random bits: a UUID (122), fewer than 6 different characters, one character in more
    /// than half the places, and a key that repeats itself (`0123…f0123…f`). A random key of 32
    /// hex digits meets one of these with a chance below one in 10^9.
    public static func isWellFormedIdempotencyKey(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard (32...128).contains(bytes.count),
            bytes.allSatisfy({
                (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D || $0 == 0x5F
            })
        else { return false }
        // Counted on the stack: every questionnaire step checks the key of its draft, and an array
        // of 256 counts on the heap was 2 % of a step.
        var (distinct, most) = (0, 0)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 128) { counts in
            counts.initialize(repeating: 0)
            for byte in bytes {  // all ASCII, checked above
                counts[Int(byte)] += 1
                if counts[Int(byte)] == 1 { distinct += 1 }
                most = max(most, counts[Int(byte)])
            }
        }
        guard distinct >= 6, most * 2 <= bytes.count else { return false }
        let repeatsItself = (1...(bytes.count / 2)).contains { period in
            (period..<bytes.count).allSatisfy { bytes[$0] == bytes[$0 - period] }
        }
        return !repeatsItself && !isUUID(bytes)
    }

    /// `8-4-4-4-12` hex digits.
    private static func isUUID(_ bytes: [UInt8]) -> Bool {
        let dashes: Set = [8, 13, 18, 23]
        return bytes.count == 36
            && bytes.indices.allSatisfy { index in
                dashes.contains(index)
                    ? bytes[index] == 0x2D
                    : (0x30...0x39).contains(bytes[index]) || (0x41...0x46).contains(bytes[index]) || (0x61...0x66).contains(bytes[index])
            }
    }

    /// Whether a submission was stored with `key` (in the last day or so, while its receipt is kept).
    public func wasSubmitted(idempotencyKey key: String) async throws -> Bool {
        try await database.hasReceipt(keyHash: keys.receiptDigest("key\n" + key))
    }

    private func receiptRequest(for submission: Submission, sheet: AnswerSheet, token: Token, key: String, client: Data) throws
        -> ReceiptRequest
    {
        guard Self.isWellFormedIdempotencyKey(key) else { throw SubmissionError.idempotencyKeyMalformed }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let answers = String(decoding: try encoder.encode(sheet), as: UTF8.self)
        // The language is left out: a retry may ask for the receipt in the other language.
        let content = [questionnaire.version, answers].joined(separator: "\n")
        let sealed = try ChaChaPoly.seal(Data(token.canonical.utf8), using: keys.sealKey(forIdempotencyKey: key, client: client))
        return ReceiptRequest(
            keyHash: keys.receiptDigest("key\n" + key), requestDigest: keys.receiptDigest("request\n" + content),
            sealedToken: sealed.combined
        )
    }

    private func unseal(_ sealed: Data, key: String, client: Data) -> Token? {
        guard let box = try? ChaChaPoly.SealedBox(combined: sealed),
            let plain = try? ChaChaPoly.open(box, using: keys.sealKey(forIdempotencyKey: key, client: client))
        else { return nil }
        return Token(parsing: String(decoding: plain, as: UTF8.self))
    }
}

/// Why a token does not open a case.
public enum TokenLookupError: Error, Sendable, Equatable {
    /// Not a well-formed token: a character is wrong or missing.
    case malformed
    /// Well-formed, but no case has it.
    case unknown
    /// The person's own code, not one handed out by staff: only the person changes it.
    case personsOwn
}
