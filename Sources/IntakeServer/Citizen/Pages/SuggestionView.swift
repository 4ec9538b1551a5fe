import Intake

/// The suggested track in plain words, with what happens next, the flags that matter to the
/// person, and emergency help first when there is a crisis: shared by the receipt and the case page.
enum SuggestionView {
    /// Flags the person is told about, each with a kind sentence.
    static let personalFlags: [Flag] = [.under18, .children, .alcohol, .injecting, .relative]

    static func values(track: Track, flags: [Flag], language: Language, pages: PageRenderer) -> [String: Any] {
        let matters = personalFlags.filter(flags.contains).map { pages.text("page.flag.\($0.rawValue)", language) }
        var values: [String: Any] = [
            "trackTitle": pages.text("page.track.\(track.rawValue).title", language),
            "trackWhat": pages.text("page.track.\(track.rawValue).what", language),
            "trackWhen": pages.text("page.track.\(track.rawValue).when", language),
            "lowNeed": flags.contains(.lowNeed), "matters": matters, "hasMatters": !matters.isEmpty,
            "retentionText": pages.retentionText(language),
        ]
        if flags.contains(.crisis) { values["crisis"] = ["contacts": pages.contactsView(language), "contactHeading": 3] }
        return values
    }
}
