import Intake

/// The steps the pages ask: the questionnaire's sections, asked with fewer questions while still
/// sending every item of the contract (`asi-items.md`).
///
/// - "Which of these drugs have you taken in the last 30 days?" (the page-only item
///   `page.drugs_used`) ends the alcohol step; the drug step then asks the days of each class
///   ticked, and a class not ticked has 0 days. A person who would rather not say which is asked
///   all nine.
/// - Short sections share a page (health and work), so the steps weigh about the same.
/// - "Who are you answering for?" is asked on the first step, so a relative is asked about "the
///   person you answer for" from the second on (`Wording`).
/// - Follow-ups that cannot apply are not asked, or may be left empty: their answer is implied
///   (`ImpliedAnswer`, listed in `Docs/scoring.md`, each with a test that the composites equal the
///   contract's on the full answer set).
struct PageSteps: Sendable {
    /// One page of the questionnaire.
    struct Step: Sendable {
        let id: String
        let title: LocalizedText
        let intro: LocalizedText?
        /// Every item the step can show.
        let items: [Item]
    }

    /// An answer the pages do not ask for, because earlier answers decide it.
    struct ImpliedAnswer: Sendable {
        /// The item it answers.
        let item: String
        let value: JSONValue
        /// Whether the item is left out of its step (`true`), or shown but may be left empty.
        let hidden: Bool
        let applies: @Sendable (FormAnswers) -> Bool
    }

    /// The page-only question of the drug classes used.
    static let drugsUsed = "page.drugs_used"

    let questionnaire: Questionnaire
    let steps: [Step]
    /// The page-only items, after the questionnaire's in a draft.
    let pageItems: [Item]
    let implied: [ImpliedAnswer]
    /// Every item a draft keeps: the questionnaire's, then the page-only ones.
    let allItems: [Item]
    private let itemsByID: [String: Item]
    /// The implied answers that leave their item out, by item.
    private let hidingRules: [String: [ImpliedAnswer]]
    /// Whether each step has an item an implied answer can leave out.
    private let mayHide: [Bool]

    init(questionnaire: Questionnaire, texts: TextCatalog) {
        self.questionnaire = questionnaire
        func localized(_ key: String) -> LocalizedText { LocalizedText(da: texts.text(key, .da), en: texts.text(key, .en)) }
        let classes = ItemID.drugClassDays.map { String($0.dropFirst("drug.days.".count)) }
        let used = Item(
            id: Self.drugsUsed, kind: .set, text: localized("page.drugsUsed.question"), help: localized("page.drugsUsed.help"),
            options: classes.map { Item.Option(value: $0, label: localized("page.drugsUsed.\($0)")) }, range: nil)
        pageItems = [used]
        // Short sections share a page, so the steps weigh about the same: health and work; alcohol
        // and which drugs (whose days the next step asks).
        let sections = Dictionary(uniqueKeysWithValues: questionnaire.sections.map { ($0.id, $0) })
        var steps: [Step] = []
        var merged: Set<String> = []
        for section in questionnaire.sections where !merged.contains(section.id) {
            switch section.id {
            case "medical" where sections["employment"] != nil:
                merged.insert("employment")
                steps.append(
                    Step(
                        id: "health-work", title: localized("page.steps.healthAndWork"), intro: nil,
                        items: section.items + (sections["employment"]?.items ?? [])))
            // "Who are you answering for?" comes first, with the crisis question, so every later
            // step can ask a relative about "the person you answer for" (`Wording`).
            case "crisis":
                let forWhom = sections["about"]?.items.filter { $0.id == ItemID.forWhom } ?? []
                steps.append(Step(id: section.id, title: section.title, intro: section.intro, items: section.items + forWhom))
            case "about":
                steps.append(
                    Step(
                        id: section.id, title: section.title, intro: section.intro, items: section.items.filter { $0.id != ItemID.forWhom })
                )
            case "alcohol":
                steps.append(
                    Step(id: "alcohol-drugs", title: localized("page.steps.alcoholAndDrugs"), intro: nil, items: section.items + [used]))
            default:
                steps.append(Step(id: section.id, title: section.title, intro: section.intro, items: section.items))
            }
        }
        self.steps = steps
        implied = Self.rules(classes: classes)
        allItems = questionnaire.items + pageItems
        itemsByID = Dictionary(allItems.map { ($0.id, $0) }) { first, _ in first }
        hidingRules = Dictionary(grouping: implied.filter(\.hidden), by: \.item)
        mayHide = steps.map { [hidingRules] step in step.items.contains { hidingRules[$0.id] != nil } }
    }

    /// How many items step `index` shows, given the answers so far.
    func shownCount(at index: Int, _ answers: FormAnswers) -> Int {
        guard mayHide[index] else { return steps[index].items.count }
        return steps[index].items.reduce(0) { count, item in isHidden(item.id, answers) ? count : count + 1 }
    }

    /// Whether an implied answer leaves the item with `id` out now.
    private func isHidden(_ id: String, _ answers: FormAnswers) -> Bool {
        hidingRules[id]?.contains { $0.applies(answers) } ?? false
    }

    /// The item with `id` a draft keeps.
    func item(_ id: String) -> Item? { itemsByID[id] }

    /// How fast a stressed reader on a phone reads, in words a minute, and how long one answer takes.
    static let wordsPerMinute = 150.0
    static let secondsPerAnswer = 6.0

    /// How long the questionnaire takes, measured from its own texts for the median person (two
    /// drugs ticked, everything else asked): every word of the steps they see (titles,
    /// introductions, questions, help and answer labels) at `wordsPerMinute`, and
    /// `secondsPerAnswer` for each question, rounded up to whole minutes. The start page promises
    /// this figure; `theStartPagePromisesTheTimeTheStepsTake` measures the pages themselves.
    func estimate(_ language: Language) -> (minutes: Int, questions: Int) {
        var answers = FormAnswers(steps: self)
        answers.update(
            from: FormBody("\(Self.drugsUsed)=&\(Self.drugsUsed)=cocaine&\(Self.drugsUsed)=cannabis"),
            step: steps.first { $0.items.contains { $0.id == Self.drugsUsed } } ?? steps[0])
        func words(_ text: String?) -> Int { text?.split(whereSeparator: \.isWhitespace).count ?? 0 }
        var count = 0
        var questions = 0
        for step in steps {
            count += words(step.title[language]) + words(step.intro?[language])
            for item in shown(step, answers) {
                questions += 1
                count += words(item.text[language]) + words(item.help?[language]) + words(questionnaire.skipLabel[language])
                count += item.options.map { words($0.label[language]) }.reduce(0, +)
            }
        }
        let minutes = Double(count) / Self.wordsPerMinute + Double(questions) * Self.secondsPerAnswer / 60
        return (Int(minutes.rounded(.up)), questions)
    }

    /// The items `step` shows, given the answers so far.
    func shown(_ step: Step, _ answers: FormAnswers) -> [Item] {
        step.items.filter { !isHidden($0.id, answers) }
    }

    /// The implied answer of `item`, when one applies now.
    func impliedAnswer(_ item: Item, _ answers: FormAnswers) -> JSONValue? {
        implied.first { $0.item == item.id && $0.applies(answers) }?.value
    }

    /// The implied answers, in the order `Docs/scoring.md` lists them.
    private static func rules(classes: [String]) -> [ImpliedAnswer] {
        /// The drug classes ticked; `nil` when the question is unanswered or skipped.
        @Sendable func ticked(_ answers: FormAnswers) -> [String]? { answers.selection(drugsUsed) }
        @Sendable func number(_ item: String, _ answers: FormAnswers) -> Int? { answers.number(item) }
        var rules = classes.map { drugClass in
            // 1. A class not ticked: no days with it.
            ImpliedAnswer(item: "drug.days.\(drugClass)", value: .integer(0), hidden: true) {
                ticked($0).map { !$0.contains(drugClass) } ?? false
            }
        }
        rules += [
            // 2. No drug at all, or one drug and no alcohol: no day with more than one substance.
            ImpliedAnswer(item: ItemID.drugDaysMultiple, value: .integer(0), hidden: true) { answers in
                guard let used = ticked(answers) else { return false }
                return used.isEmpty || (used.count == 1 && number("alc.days_any", answers) == 0)
            },
            // 3. No drug at all: none injected.
            ImpliedAnswer(item: ItemID.drugInjected, value: .string("no"), hidden: true) { ticked($0)?.isEmpty ?? false },
            // 4. No day with alcohol: no day with five drinks or more (asked on the same step, may be left empty).
            ImpliedAnswer(item: ItemID.alcoholDaysHeavy, value: .integer(0), hidden: false) { answers in
                number("alc.days_any", answers) == 0 && answers.isUnanswered(ItemID.alcoholDaysHeavy)
            },
            // 5. No day of illegal activity for profit: no income from it (the same).
            ImpliedAnswer(item: "legal.income_band", value: .integer(0), hidden: false) { answers in
                number("legal.days_illegal", answers) == 0 && answers.isUnanswered("legal.income_band")
            },
        ]
        return rules
    }
}
