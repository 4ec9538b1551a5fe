import Intake

/// A case's assessment as the JSON API shows it: composites rounded to 3 decimals, every reason
/// with a sentence in the person's language.
struct AssessmentResponse: Encodable {
    struct ReasonEntry: Encodable {
        let rule: String
        let values: [String: Reason.Value]
        let text: String
    }

    let track: Track
    let trackText: String
    let flags: [Flag]
    let priority: Int
    let composites: Composites
    let reasons: [ReasonEntry]
    let questionnaireVersion: String
    let rulesVersion: String

    init(_ assessment: Assessment, language: Language, texts: TextCatalog) {
        track = assessment.track
        trackText = texts.text("track.\(assessment.track.rawValue)", language)
        flags = assessment.flags
        priority = assessment.priority
        composites = assessment.composites.rounded
        reasons = assessment.reasons.map { ReasonEntry(rule: $0.rule, values: $0.values, text: texts.explain($0, language)) }
        questionnaireVersion = assessment.questionnaireVersion
        rulesVersion = assessment.rulesVersion
    }
}

extension AssessmentResponse {
    /// The reasons as `encode(to:)` writes them, for an object that holds them beside its own
    /// fields (`SubmissionController.Receipt`).
    func writeReasons(to writer: inout JSONWriter) throws {
        writer.openArray()
        for reason in reasons { try Reason.write(rule: reason.rule, text: reason.text, values: reason.values, to: &writer) }
        writer.close(object: false)
    }
}
