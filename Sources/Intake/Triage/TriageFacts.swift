/// The derived quantities the triage rules are stated in (`asi-items.md`, "Definitions").
struct TriageFacts {
    /// The areas counted by `burden`, with their composites (health = the larger of medical and
    /// psychiatric where known).
    let areas: [(name: String, composite: Double?)]
    /// The names of the areas with a composite ≥ the burden threshold.
    let burdenAreas: [String]
    /// Drug classes with ≥ 1 day, plus 1 for any day of heavy drinking.
    let classesUsed: Int
    let daysMultiple: Int
    let isIntenseMixedUse: Bool
    /// The highest of the troubled ratings and legal seriousness (skips count as 0).
    let highestTroubled: Int
    let feelsBurdened: Bool
    let drugTroubled: Int
    let drugImportance: Int
    let hasTreatmentNeed: Bool
    /// Domains that count as other problems (≥ threshold, or unknown).
    let otherProblemDomains: [Domain]
    /// Symptoms that count as other problems.
    let otherProblemSymptoms: [String]

    var burden: Int { burdenAreas.count }
    var hasOtherProblems: Bool { !otherProblemDomains.isEmpty || !otherProblemSymptoms.isEmpty }

    init(sheet: AnswerSheet, composites: Composites, rules: TriageRules) {
        let health: Double? =
            switch (composites[.medical], composites[.psychiatric]) {
            case (let medical?, let psychiatric?): max(medical, psychiatric)
            case (let known?, nil), (nil, let known?): known
            case (nil, nil): nil
            }
        areas = [
            ("health", health), ("employment", composites[.employment]),
            ("legal", composites[.legal]), ("family", composites[.family]),
        ]
        burdenAreas = areas.filter { rules.isAtLeast($0.composite, rules.burden.compositeAtLeast) }.map(\.name)

        let drugClasses = ItemID.drugClassDays.filter { sheet.count($0) >= 1 }.count
        classesUsed = drugClasses + (sheet.count(ItemID.alcoholDaysHeavy) >= 1 ? 1 : 0)
        daysMultiple = sheet.count(ItemID.drugDaysMultiple)
        isIntenseMixedUse =
            classesUsed >= rules.intenseMixedUse.classesAtLeast
            && daysMultiple >= rules.intenseMixedUse.daysMultipleAtLeast

        highestTroubled = (ItemID.troubledRatings + [ItemID.legalSeriousness]).map { sheet.count($0) }.max() ?? 0
        feelsBurdened = highestTroubled >= rules.feelsBurdened.ratingAtLeast

        drugTroubled = sheet.count(ItemID.drugTroubled)
        drugImportance = sheet.count(ItemID.drugImportance)
        let need = rules.treatmentNeed
        hasTreatmentNeed =
            rules.isAtLeast(composites[.drug], need.drugCompositeAtLeast)
            || drugTroubled >= need.drugTroubledAtLeast
            || drugImportance >= need.drugImportanceAtLeast

        let other = rules.otherProblems
        otherProblemDomains = [Domain.medical, .employment, .legal, .family, .psychiatric].filter { domain in
            composites[domain] == nil || rules.isAtLeast(composites[domain], other.compositeAtLeast)
        }
        let symptoms = sheet.selection(ItemID.psychiatricSymptoms) ?? []
        otherProblemSymptoms = other.symptoms.filter(symptoms.contains)
    }
}
