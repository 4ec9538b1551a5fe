import Intake
import Mustache

/// One question as the step template shows it, with the person's answer and any error.
struct ItemView {
    struct OptionView {
        let name: String
        let value: String
        let label: String
        let domID: String
        /// " checked" (" selected" in a drop-down list) when chosen; otherwise empty.
        let mark: String
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
    /// " checked" (" selected") when the person would rather not say; otherwise empty.
    let skipMark: String
    /// " checked" when a days item's "none" box is ticked; otherwise empty.
    let noneMark: String
    /// A hint of the pages' own, such as when the question may be left empty.
    let note: String?
    let error: String?
    let describedBy: String?
    let skipLabel: String
    let daysHint: String
    let skipWins: String
    let chooseLabel: String
    let noneLabel: String
    /// Ratings and bands have short labels: they sit side by side.
    let isCompact: Bool

    /// Options with labels up to this many characters sit side by side.
    static let shortLabel = 20

    /// Choice items with more options than this are a drop-down list instead of radio buttons.
    static let longListThreshold = 12

    init(
        item: Item, values: some StepValues, error: String?, wording: Wording, questionnaire: Questionnaire, pages: PageRenderer,
        note: String? = nil
    ) {
        let language = wording.language
        id = item.id
        domID = Self.domID(item.id)
        text = wording.question(item)
        help = wording.help(item)
        isDays = item.kind == .days
        isSet = item.kind == .set
        isSelect = item.kind == .choice && item.options.count > Self.longListThreshold
        isRadio = !isDays && !isSet && !isSelect
        let chosen = isSelect ? " selected" : " checked"
        options = item.options.map { option in
            OptionView(
                name: item.id, value: option.value, label: wording.option(item, option),
                domID: Self.domID(item.id) + "-" + Self.sanitized(option.value), mark: values.mark(item, option.value, chosen)
            )
        }
        // Escaped here, by Unicode scalar, and written with `{{{numberValue}}}` (`HTMLText`).
        numberValue = HTMLText.escaped(values.typed(item))
        skipMark = values.mark(item, Questionnaire.skip, chosen)
        noneMark = isDays ? values.mark(item, FormAnswers.noDays, chosen) : ""
        self.note = note
        noneLabel = pages.text("page.step.noDays", language)
        // Short labels (ratings, bands, yes and no, age bands) sit side by side; "I'd rather not
        // say" keeps a row of its own.
        isCompact = item.kind != .days && item.options.allSatisfy { wording.option(item, $0).count <= Self.shortLabel }
        self.error = error
        let describers = [help == nil && note == nil ? nil : "\(domID)-hint", error == nil ? nil : "\(domID)-error"].compactMap { $0 }
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

// The templates read the views' fields by name. Without this, Mustache finds each by reflection
// (`Mirror`), on every name it looks up, including those it then finds further out (`t`,
// `lang`): that was more than half of a step's time.
extension ItemView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "domID": domID
        case "text": text
        case "help": help
        case "isDays": isDays
        case "isRadio": isRadio
        case "isSet": isSet
        case "isSelect": isSelect
        case "options": options
        case "numberValue": numberValue
        case "skipMark": skipMark
        case "noneMark": noneMark
        case "note": note
        case "error": error
        case "describedBy": describedBy
        case "skipLabel": skipLabel
        case "daysHint": daysHint
        case "skipWins": skipWins
        case "chooseLabel": chooseLabel
        case "noneLabel": noneLabel
        case "isCompact": isCompact
        default: nil
        }
    }
}

extension ItemView.OptionView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "value": value
        case "label": label
        case "domID": domID
        case "mark": mark
        default: nil
        }
    }
}
