import Intake

/// One question as the step template shows it, with the person's answer and any error.
struct ItemView {
    struct OptionView {
        let name: String
        let value: String
        let label: String
        let domID: String
        let checked: Bool
    }

    let id: String
    let domID: String
    let text: String
    let help: String?
    let isDays: Bool
    let isRadio: Bool
    let isSet: Bool
    let isSelect: Bool
    let options: [OptionView]
    let numberValue: String
    let isSkipped: Bool
    let error: String?
    let describedBy: String?
    let skipLabel: String
    let daysHint: String
    let skipWins: String
    let chooseLabel: String

    /// Choice items with more options than this are a drop-down list instead of radio buttons.
    static let longListThreshold = 12

    init(item: Item, answers: FormAnswers, error: String?, language: Language, questionnaire: Questionnaire, pages: PageRenderer) {
        id = item.id
        domID = Self.domID(item.id)
        text = item.text[language]
        help = item.help?[language]
        isDays = item.kind == .days
        isSet = item.kind == .set
        isSelect = item.kind == .choice && item.options.count > Self.longListThreshold
        isRadio = !isDays && !isSet && !isSelect
        options = item.options.map { option in
            OptionView(
                name: item.id, value: option.value, label: option.label[language],
                domID: Self.domID(item.id) + "-" + Self.sanitized(option.value), checked: answers.isChosen(option.value, for: item)
            )
        }
        numberValue = answers.typedNumber(item)
        isSkipped = answers.isSkipped(item)
        self.error = error
        let describers = [help == nil ? nil : "\(domID)-hint", error == nil ? nil : "\(domID)-error"].compactMap { $0 }
        describedBy = describers.isEmpty ? nil : describers.joined(separator: " ")
        skipLabel = questionnaire.skipLabel[language]
        daysHint = pages.text("page.step.daysHint", language)
        skipWins = pages.text("page.step.skipWins", language)
        chooseLabel = pages.text("page.step.chooseMunicipality", language)
    }

    /// The element an error summary links to: the input, or the first option of a group.
    var errorTarget: String { isRadio || isSet ? options.first?.domID ?? domID : domID }

    /// The HTML id of an item's input: letters and digits of the item id, the rest as dashes.
    static func domID(_ itemID: String) -> String { "q-" + sanitized(itemID) }

    private static func sanitized(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
