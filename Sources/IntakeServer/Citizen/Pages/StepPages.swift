import Hummingbird
import Intake
import Synchronization

/// The questionnaire's step pages: what each step shows, in the person's words, with their
/// answers so far.
///
/// Most steps are shown as they are (the person moves on, goes back, reloads): for those the
/// page is rendered by Mustache once per *shape* (the step, language, wording and which
/// questions it shows) as a `StepSkeleton`, and each request fills in only its own values. A step
/// that lists problems or a notice is rendered whole. `aFilledStepIsThePageTheTemplateRenders`
/// checks that both ways give the same page.
struct StepPages: Sendable {
    let pages: PageRenderer
    let steps: PageSteps
    let questionnaire: Questionnaire
    private let skeletons = Skeletons()

    /// The most shapes kept; when full, they are forgotten and rendered again as asked for, so
    /// no sequence of drafts can make the service keep more (about 20 KB each at most).
    static let keptShapes = 256

    init(pages: PageRenderer, steps: PageSteps, questionnaire: Questionnaire) {
        self.pages = pages
        self.steps = steps
        self.questionnaire = questionnaire
    }

    /// What makes two showings of a step the same page but for the person's own values and the
    /// progress (which depends on how many drugs were ticked, so it is filled in too).
    struct Shape: Hashable, Sendable {
        let step: Int
        let language: Language
        let isAssisted: Bool
        let forRelative: Bool
        /// The ids of the questions the step shows.
        let shown: [String]
    }

    private final class Skeletons: Sendable {
        let byShape = Mutex<[Shape: StepSkeleton]>([:])
    }

    /// Step `index` (from 0) with `answers`, as a page for `page`; with `problems`, a `notice` or a
    /// reminder of help, rendered whole.
    func response(
        _ index: Int, answers: FormAnswers, page: PageRequest, problems: [AnswerProblem] = [], notice: String? = nil,
        remindOfHelp: Bool = false
    ) throws -> Response {
        let layout = Layout(index, answers: answers, steps: steps, page: page)
        if problems.isEmpty, notice == nil, !remindOfHelp, let skeleton = try skeleton(layout, answers: answers, page: page) {
            return pages.response(
                skeleton.page(csrf: page.csrfToken, values: answers, progress: progress(layout, page)), page: page, hasForm: true)
        }
        let html = try html(
            layout, answers: answers, values: answers, page: page, problems: problems, notice: notice, remindOfHelp: remindOfHelp)
        return pages.response(html, page: page)
    }

    /// Step `index` filled into the skeleton of its shape; `nil` when it cannot be cut.
    func filled(_ index: Int, answers: FormAnswers, page: PageRequest) throws -> String? {
        let layout = Layout(index, answers: answers, steps: steps, page: page)
        return try skeleton(layout, answers: answers, page: page).map {
            String(buffer: $0.page(csrf: page.csrfToken, values: answers, progress: progress(layout, page)))
        }
    }

    /// How many shapes are kept now.
    var shapesKept: Int { skeletons.byShape.withLock(\.count) }

    /// The page Mustache renders for step `index`, whole: what a skeleton must equal once filled.
    func renderedWhole(_ index: Int, answers: FormAnswers, page: PageRequest) throws -> String {
        try html(Layout(index, answers: answers, steps: steps, page: page), answers: answers, values: answers, page: page)
    }

    /// The skeleton of the step's shape, rendered the first time the shape is asked for; `nil`
    /// when the page cannot be cut (a text that holds a cutting mark), then rendered whole.
    private func skeleton(_ layout: Layout, answers: FormAnswers, page: PageRequest) throws -> StepSkeleton? {
        if let known = skeletons.byShape.withLock({ $0[layout.shape] }) { return known }
        let recorder = StepSkeleton.Recorder()
        var marked = page
        marked.csrfToken = recorder.csrf()
        let html = try html(layout, answers: answers, values: recorder, page: marked)
        guard let skeleton = StepSkeleton(html, slots: recorder.slots) else { return nil }
        skeletons.byShape.withLock { byShape in
            if byShape.count >= Self.keptShapes { byShape.removeAll() }
            byShape[layout.shape] = skeleton
        }
        return skeleton
    }

    /// Where step `index` sits for these answers: the questions it shows and how many come
    /// before it and in all.
    private struct Layout {
        let index: Int
        let shown: [Item]
        let shape: Shape
        let before: Int
        let total: Int

        init(_ index: Int, answers: FormAnswers, steps: PageSteps, page: PageRequest) {
            self.index = index
            // Progress by questions, not steps: the steps differ in length.
            let counts = steps.steps.indices.map { $0 == index ? 0 : steps.shownCount(at: $0, answers) }
            shown = steps.shown(steps.steps[index], answers)
            shape = Shape(
                step: index, language: page.language, isAssisted: page.isAssisted, forRelative: Wording.isForRelative(answers),
                shown: shown.map(\.id))
            before = counts.prefix(index).reduce(0, +)
            total = counts.reduce(0, +) + shown.count
        }
    }

    /// The step's progress in the page's words.
    private func progress(_ layout: Layout, _ page: PageRequest) -> StepProgress {
        let questions = pages.text(
            "page.step.questions", page.language,
            ["first": "\(layout.before + 1)", "last": "\(layout.before + layout.shown.count)", "count": "\(layout.total)"])
        return StepProgress(questions: questions, before: "\(layout.before)", total: "\(layout.total)")
    }

    /// The step's page: its structure from `answers`, the person's own values from `values`.
    private func html(
        _ layout: Layout, answers: FormAnswers, values: some StepValues, page: PageRequest, problems: [AnswerProblem] = [],
        notice: String? = nil, remindOfHelp: Bool = false
    ) throws -> String {
        let language = page.language
        let index = layout.index
        let sections = steps.steps
        let section = sections[index]
        let messages = Dictionary(problems.map { ($0.item, message(for: $0, answers: answers, language: language)) }) { first, _ in first }
        let wording = Wording(pages: pages, language: language, answers: answers)
        let items = layout.shown.map { item in
            ItemView(
                item: item, values: values, error: messages[item.id], wording: wording, questionnaire: questionnaire,
                pages: pages, note: steps.implied.contains { $0.item == item.id && !$0.hidden } ? wording.optionalNote(item) : nil
            )
        }
        let errors: [[String: String]] = items.compactMap { item in
            item.error.map { ["target": item.errorTarget, "question": item.text, "message": $0] }
        }
        let indicator = pages.text("page.step.indicator", language, ["current": "\(index + 1)", "total": "\(sections.count)"])
        let progress = progress(layout, page)
        var context: [String: Any] = [
            "stepIndicator": indicator, "questionsIndicator": values.progress(\.questions, of: progress),
            "questionsBefore": values.progress(\.before, of: progress), "questionCount": values.progress(\.total, of: progress),
            "stepNumber": index + 1, "sectionTitle": wording.title(section),
            "items": items, "errors": errors, "hasErrors": !errors.isEmpty, "isLast": index == sections.count - 1,
            "hasBack": index > 0, "backLink": "/questionnaire/\(index)",
            // A step needs no footer: help and the quick exit are in the header.
            "isStep": true,
        ]
        if let intro = wording.intro(section) { context["sectionIntro"] = intro }
        // A relative answers about someone else: every step after the first asks about "the person
        // you answer for", and says so.
        if index > 0, wording.forRelative {
            context["relativeNote"] = pages.text("page.step.relativeNote", language)
        }
        if let notice { context["notice"] = notice }
        if remindOfHelp { context["remindOfHelp"] = true }
        // A neutral title: the history of a shared phone says "Step 6 of 10", not "Drugs".
        return try pages.html("step", title: indicator, page: page, values: context, switchLink: "/questionnaire/\(index + 1)?lang={lang}")
    }

    /// What the person reads next to a field: the page's own wording, not the API's.
    private func message(for problem: AnswerProblem, answers: FormAnswers, language: Language) -> String {
        if let item = steps.item(problem.item), answers.isNoneWithNumber(item) {
            return pages.text("page.problem.noneAndNumber", language)
        }
        switch problem.kind {
        case .missing:
            let isDays = steps.item(problem.item)?.kind == .days
            return pages.text(isDays ? "page.problem.missingDays" : "page.problem.missingChoice", language)
        case .expectedNumber(let range):
            return pages.text("page.problem.expectedNumber", language, ["min": "\(range.lowerBound)", "max": "\(range.upperBound)"])
        default:
            return pages.text("page.problem.unknownChoice", language)
        }
    }
}

/// Where a step's views take the person's own values from (`ItemView`): the answers
/// themselves, or, to render a step's skeleton, marks that stand for them.
protocol StepValues {
    /// What was typed for `item`, to show it again.
    func typed(_ item: Item) -> String
    /// `attribute` (" checked", " selected") when `value` is chosen for `item`; otherwise empty.
    func mark(_ item: Item, _ value: String, _ attribute: String) -> String
    /// A part of the step's progress.
    func progress(_ part: KeyPath<StepProgress, String> & Sendable, of progress: StepProgress) -> String
}

extension FormAnswers: StepValues {
    func typed(_ item: Item) -> String { typedNumber(item) }
    func mark(_ item: Item, _ value: String, _ attribute: String) -> String { isChosen(value, for: item) ? attribute : "" }
    func progress(_ part: KeyPath<StepProgress, String> & Sendable, of progress: StepProgress) -> String { progress[keyPath: part] }
}

/// How far a step is, by questions: which questions it has of how many, and how many come before.
struct StepProgress {
    let questions: String
    let before: String
    let total: String
}

/// A step page as Mustache renders it for one shape, cut where the request's own values go:
/// the anti-forgery value, the typed numbers and the ticks.
struct StepSkeleton: Sendable {
    enum Slot: Sendable {
        case csrf
        /// What was typed for the item with this id.
        case typed(String)
        /// The attribute when the value is chosen for the item with this id.
        case mark(String, value: String, attribute: String)
        case progress(KeyPath<StepProgress, String> & Sendable)
    }

    /// The fixed parts of the page, one after another as bytes, and where each ends: between
    /// two, the value of a slot. Copied as bytes, not as strings: 19,500 instructions fewer for
    /// the second step's page (`Benchmarks/instructions.py`).
    private let fixed: [UInt8]
    private let ends: [Int]
    /// The slot between each part and the next, as indexes into the tables below: the loop that
    /// fills a page then copies no strings (a drop-down list has a hundred slots).
    private let gaps: [Gap]
    private let ids: [String]
    private let texts: [String]
    private let progressParts: [KeyPath<StepProgress, String> & Sendable]

    private struct Gap {
        enum Kind { case csrf, typed, mark, progress }
        let kind: Kind
        /// The item's index in `ids` (typed, mark).
        var item = 0
        /// The value's index in `texts` (mark), or the part's in `progressParts` (progress).
        var value = 0
        /// The attribute's index in `texts` (mark).
        var attribute = 0
    }

    /// Marks a slot in the rendered page: characters of Unicode's private use area, which no
    /// text of the pages holds (a page that does is not cut).
    private static let open: Character = "\u{E000}"
    private static let close: Character = "\u{E001}"

    /// Stands in for the person's values while the skeleton is rendered, and remembers each.
    final class Recorder: StepValues {
        private(set) var slots: [Slot] = []

        func csrf() -> String { mark(.csrf) }
        func typed(_ item: Item) -> String { mark(.typed(item.id)) }
        func mark(_ item: Item, _ value: String, _ attribute: String) -> String { mark(.mark(item.id, value: value, attribute: attribute)) }
        func progress(_ part: KeyPath<StepProgress, String> & Sendable, of progress: StepProgress) -> String { mark(.progress(part)) }

        private func mark(_ slot: Slot) -> String {
            slots.append(slot)
            return "\(StepSkeleton.open)\(slots.count - 1)\(StepSkeleton.close)"
        }
    }

    /// Cuts `html` at its marks; `nil` when a mark is not one of `slots`'.
    init?(_ html: String, slots: [Slot]) {
        let pieces = html.split(separator: Self.open, omittingEmptySubsequences: false)
        var parts = [String(pieces[0])]
        var gaps: [Gap] = []
        var ids: [String] = []
        var texts: [String] = []
        var progressParts: [KeyPath<StepProgress, String> & Sendable] = []
        func index<T: Equatable>(_ value: T, in table: inout [T]) -> Int {
            if let known = table.firstIndex(of: value) { return known }
            table.append(value)
            return table.count - 1
        }
        for piece in pieces.dropFirst() {
            guard let end = piece.firstIndex(of: Self.close), let number = Int(piece[..<end]), slots.indices.contains(number) else {
                return nil
            }
            switch slots[number] {
            case .csrf: gaps.append(Gap(kind: .csrf))
            case .typed(let id): gaps.append(Gap(kind: .typed, item: index(id, in: &ids)))
            case .mark(let id, let value, let attribute):
                gaps.append(
                    Gap(kind: .mark, item: index(id, in: &ids), value: index(value, in: &texts), attribute: index(attribute, in: &texts)))
            case .progress(let part):
                let known = progressParts.firstIndex { $0 == part } ?? progressParts.count
                if known == progressParts.count { progressParts.append(part) }
                gaps.append(Gap(kind: .progress, value: known))
            }
            parts.append(String(piece[piece.index(after: end)...]))
        }
        guard !parts.contains(where: { $0.contains(Self.close) }) else { return nil }
        fixed = Array(parts.joined().utf8)
        ends = parts.reduce(into: []) { ends, part in ends.append((ends.last ?? 0) + part.utf8.count) }
        self.gaps = gaps
        self.ids = ids
        self.texts = texts
        self.progressParts = progressParts
    }

    /// The page with the request's values: its anti-forgery value, the person's answers and the progress.
    func page(csrf: String, values answers: FormAnswers, progress: StepProgress) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(fixed.count + 64 * gaps.count)
        fixed.withUnsafeBytes { fixed in
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: fixed[..<ends[0]]))
            // The slots of one item come together.
            var item = -1
            var sent: [String] = []
            for index in gaps.indices {
                let gap = gaps[index]
                if gap.kind == .typed || gap.kind == .mark, gap.item != item { (item, sent) = (gap.item, answers.sent(ids[gap.item])) }
                switch gap.kind {
                case .csrf: buffer.writeHTMLEscaped(csrf)
                case .typed: buffer.writeHTMLEscaped(FormAnswers.typed(in: sent))
                case .mark: if !sent.isEmpty, sent.contains(texts[gap.value]) { buffer.writeString(texts[gap.attribute]) }
                case .progress: buffer.writeHTMLEscaped(progress[keyPath: progressParts[gap.value]])
                }
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: fixed[ends[index]..<ends[index + 1]]))
            }
        }
        return buffer
    }
}
