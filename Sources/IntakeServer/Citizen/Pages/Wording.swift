import Intake

/// The words the pages ask a question with: the questionnaire's own, or, for a relative, the
/// pages' wording about "the person you answer for" (`page.relative.<item>`, `.help`,
/// `.<option>`; `page.relative.step.<step>` and `.intro`; `page.relative.optional.<item>`) where
/// the questionnaire's "you" would mean the wrong person. What is sent is the same items.
struct Wording {
    let pages: PageRenderer
    let language: Language
    /// Whether the person answers for someone close to them (`bg.for_whom` = `relative`).
    let forRelative: Bool

    init(pages: PageRenderer, language: Language, answers: FormAnswers) {
        self.pages = pages
        self.language = language
        forRelative = Self.isForRelative(answers)
    }

    /// Whether `answers` are given for someone close to the person answering.
    static func isForRelative(_ answers: FormAnswers) -> Bool {
        answers.steps.item(ItemID.forWhom).flatMap(answers.raw) == .string("relative")
    }

    /// The relative's wording of `key`, if it differs.
    func relative(_ key: String) -> String? {
        forRelative && pages.has("page.relative.\(key)") ? pages.text("page.relative.\(key)", language) : nil
    }

    func question(_ item: Item) -> String { relative(item.id) ?? item.text[language] }
    func help(_ item: Item) -> String? { relative("\(item.id).help") ?? item.help?[language] }
    func option(_ item: Item, _ option: Item.Option) -> String { relative("\(item.id).\(option.value)") ?? option.label[language] }
    func title(_ step: PageSteps.Step) -> String { relative("step.\(step.id)") ?? step.title[language] }
    func intro(_ step: PageSteps.Step) -> String? { relative("step.\(step.id).intro") ?? step.intro?[language] }
    /// The note on a question that may be left empty.
    func optionalNote(_ item: Item) -> String { relative("optional.\(item.id)") ?? pages.text("page.optional.\(item.id)", language) }
}
