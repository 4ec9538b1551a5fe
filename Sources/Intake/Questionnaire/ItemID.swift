/// The item ids that code refers to by name: the contract of `asi-items.md`.
public enum ItemID {
    public static let crisisNow = "crisis.now"
    public static let ageBand = "bg.age_band"
    public static let municipality = "bg.municipality"
    public static let inTreatment = "bg.in_treatment"
    public static let canAttend = "bg.can_attend"
    public static let childrenAtHome = "bg.children_at_home"
    public static let forWhom = "bg.for_whom"
    public static let goal = "bg.goal"
    public static let contact = "bg.contact"
    public static let stayAnonymous = "bg.stay_anonymous"
    public static let alcoholDaysHeavy = "alc.days_heavy"
    public static let drugDaysMultiple = "drug.days_multiple"
    public static let drugTroubled = "drug.troubled"
    public static let drugImportance = "drug.importance"
    public static let drugInjected = "drug.injected"
    public static let drugOverdose = "drug.overdose"
    public static let legalSeriousness = "legal.seriousness"
    public static let psychiatricSymptoms = "psy.symptoms"

    /// The nine drug classes' day counts.
    public static let drugClassDays = [
        "heroin", "methadone", "opioids", "sleeping_pills", "benzodiazepines",
        "cocaine", "amphetamine", "cannabis", "hallucinogens",
    ].map { "drug.days.\($0)" }

    /// The "how troubled or bothered" ratings of every domain that has one.
    public static let troubledRatings = ["med", "emp", "alc", "drug", "fam", "psy"].map { "\($0).troubled" }
}
