import Foundation

/// The thresholds of a triage rule version (`triage-1.json`). The logic of the rules is in
/// `TriageRules+Assessment.swift`; every number it compares against is here, in data.
public struct TriageRules: Decodable, Sendable {
    struct Burden: Decodable, Sendable {
        let compositeAtLeast: Double
    }

    struct IntenseMixedUse: Decodable, Sendable {
        let classesAtLeast: Int
        let daysMultipleAtLeast: Int
    }

    struct FeelsBurdened: Decodable, Sendable {
        let ratingAtLeast: Int
    }

    struct TreatmentNeed: Decodable, Sendable {
        let drugCompositeAtLeast: Double
        let drugTroubledAtLeast: Int
        let drugImportanceAtLeast: Int
    }

    struct OtherProblems: Decodable, Sendable {
        let compositeAtLeast: Double
        let symptoms: [String]
    }

    struct Outreach: Decodable, Sendable {
        let burdenAtLeast: Int
        let burdenAtLeastWhenCannotAttend: Int
    }

    struct Anonymous: Decodable, Sendable {
        let alcoholBelow: Double
    }

    struct Flags: Decodable, Sendable {
        let alcoholCompositeAtLeast: Double
        let dualDiagnosisCompositeAtLeast: Double
        let crisisSymptoms: [String]
        let crisisOverdose: String
    }

    /// The rule version id, e.g. `triage-1`. Stored with every case.
    public let version: String
    /// The questionnaire version these rules read.
    public let questionnaire: String
    /// How far below a threshold a floating-point sum may land and still meet it.
    let tolerance: Double
    let burden: Burden
    let intenseMixedUse: IntenseMixedUse
    let feelsBurdened: FeelsBurdened
    let treatmentNeed: TreatmentNeed
    let otherProblems: OtherProblems
    let outreach: Outreach
    let anonymous: Anonymous
    let flags: Flags

    /// The rule version this build applies.
    public static let currentVersion = "triage-1"

    /// Loads a bundled rule version.
    public static func load(version: String = currentVersion) throws -> TriageRules {
        guard let url = Bundle.module.url(forResource: version, withExtension: "json") else {
            throw QuestionnaireError.missingResource("\(version).json")
        }
        do {
            return try JSONDecoder().decode(TriageRules.self, from: Data(contentsOf: url))
        } catch let error as DecodingError {
            throw QuestionnaireError.invalid("\(version).json: \(error)")
        }
    }

    /// `value ≥ threshold`, allowing for floating-point sums; false when `value` is `nil`.
    func isAtLeast(_ value: Double?, _ threshold: Double) -> Bool {
        guard let value else { return false }
        return value > threshold - tolerance
    }

    /// `value < threshold`, allowing for floating-point sums; false when `value` is `nil`.
    func isBelow(_ value: Double?, _ threshold: Double) -> Bool {
        guard let value else { return false }
        return value <= threshold - tolerance
    }
}
