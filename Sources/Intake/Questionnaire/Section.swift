/// A group of items shown together as one step of the questionnaire.
public struct Section: Sendable, Equatable {
    /// A stable id, e.g. `medical`.
    public let id: String
    /// The heading of the step.
    public let title: LocalizedText
    /// A short introduction under the heading, if any.
    public let intro: LocalizedText?
    /// The items in the order they are asked.
    public let items: [Item]
}
