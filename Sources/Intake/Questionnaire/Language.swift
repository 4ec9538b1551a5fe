/// A language the service speaks. Danish is the default; English is offered on request.
public enum Language: String, Codable, Sendable, CaseIterable {
    case da
    case en

    /// The language used when nothing else is known.
    public static let `default` = Language.da
}
