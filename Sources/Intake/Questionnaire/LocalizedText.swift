/// A text in every supported language, as written in the content files.
public struct LocalizedText: Codable, Sendable, Equatable {
    /// The Danish text.
    public let da: String
    /// The English text.
    public let en: String

    /// Creates a text from its translations.
    public init(da: String, en: String) {
        self.da = da
        self.en = en
    }

    /// The text in `language`.
    public subscript(language: Language) -> String {
        switch language {
        case .da: da
        case .en: en
        }
    }
}
