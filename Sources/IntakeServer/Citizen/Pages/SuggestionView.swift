import Intake

/// The suggested track in plain words, with what happens next, the flags that matter to the
/// person, and emergency help first when there is a crisis: shared by the receipt and the case page.
enum SuggestionView {
    /// Flags the person is told about, each with a kind sentence.
    static let personalFlags: [Flag] = [.under18, .children, .alcohol, .injecting, .relative]

    /// The rights that apply on each track: § 101a has no 14-day guarantee, its own choice of
    /// provider, and no appeal.
    static func rights(_ track: Track) -> [String] {
        switch track {
        case .anonymous: ["anonymity", "choiceAnonymous", "complaintsAnonymous"]
        case .ambulant, .outreach: ["anonymity", "choice", "guarantee", "complaints"]
        }
    }

    /// The suggestion for `found`, with the person's own goal and wished contact said back, and a
    /// kind word where the suggestion differs from what they asked for.
    static func values(for found: IntakeCase, questionnaire: Questionnaire, language: Language, pages: PageRenderer) -> [String: Any] {
        var values = values(track: found.track, flags: found.flags, language: language, pages: pages)
        // When a first reply is promised, as a day in words.
        let replyBy = SlotTime.day(pages.promise.replyBy(found), language, pages: pages)
        values["trackWhen"] = pages.text("page.track.\(found.track.rawValue).when", language, ["day": replyBy])
        func label(_ item: String) -> String? {
            guard let value = found.answers.choice(item) else { return nil }
            return questionnaire.item(item)?.options.first { $0.value == value }?.label[language]
        }
        var echo: [String] = []
        if let goal = label(ItemID.goal) { echo.append(pages.text("page.echo.goal", language, ["goal": goal])) }
        if let contact = label(ItemID.contact) { echo.append(pages.text("page.echo.contact", language, ["contact": contact])) }
        let contact = found.answers.choice(ItemID.contact)
        if found.track == .outreach, let contact, contact != "outreach", let wished = label(ItemID.contact) {
            echo.append(pages.text("page.echo.outreachInstead", language, ["contact": wished]))
        } else if found.track != .outreach, contact == "outreach" {
            echo.append(pages.text("page.echo.outreachWished", language))
        }
        if found.track != .anonymous, found.answers.choice(ItemID.stayAnonymous) == "yes" {
            echo.append(pages.text("page.echo.anonymityWished", language))
        }
        values["echo"] = echo
        values["hasEcho"] = !echo.isEmpty
        return values
    }

    static func values(track: Track, flags: [Flag], language: Language, pages: PageRenderer) -> [String: Any] {
        let matters = personalFlags.filter(flags.contains).map { pages.text("page.flag.\($0.rawValue)", language) }
        var values: [String: Any] = [
            "trackTitle": pages.text("page.track.\(track.rawValue).title", language),
            "trackWhat": pages.text("page.track.\(track.rawValue).what", language),
            "lowNeed": flags.contains(.lowNeed), "matters": matters, "hasMatters": !matters.isEmpty,
            "retentionText": pages.retentionText(language),
            "rights": rights(track).map { pages.text("page.rights.\($0)", language) },
        ]
        // After the crisis page: one line with the numbers, not the whole box again.
        if flags.contains(.crisis) { values["crisis"] = true }
        return values
    }
}
