extension TriageRules {
    /// Applies the rules to a validated sheet and its composites: the track (first rule that
    /// matches), the flags, the queue priority, and the reasons with the numbers that fired them.
    public func assess(_ sheet: AnswerSheet, composites: Composites, questionnaireVersion: String) -> Assessment {
        let facts = TriageFacts(sheet: sheet, composites: composites, rules: self)
        let (track, trackReasons) = suggestTrack(sheet, composites, facts)
        let flagged = raiseFlags(sheet, composites, facts)
        let flags = flagged.map(\.flag)
        let priority =
            if flags.contains(.crisis) { 1 } else if track == .outreach || flags.contains(.under18) { 2 } else { 3 }
        return Assessment(
            questionnaireVersion: questionnaireVersion, rulesVersion: version, composites: composites,
            track: track, flags: flags, priority: priority, reasons: trackReasons + flagged.map(\.reason)
        )
    }

    // MARK: - Track

    private func suggestTrack(_ sheet: AnswerSheet, _ composites: Composites, _ facts: TriageFacts) -> (Track, [Reason]) {
        let burdenValues: [String: Reason.Value] = [
            "burden": .count(facts.burden), "burden_areas": .list(facts.burdenAreas),
        ]
        let inTreatment = sheet.choice(ItemID.inTreatment)
        if facts.isIntenseMixedUse, facts.burden >= outreach.burdenAtLeast, inTreatment != "yes", facts.feelsBurdened {
            let values = burdenValues.merging([
                "classes_used": .count(facts.classesUsed), "days_multiple": .count(facts.daysMultiple),
                "in_treatment": .answer(inTreatment), "highest_troubled": .count(facts.highestTroubled),
            ]) { first, _ in first }
            return (.outreach, [Reason(rule: "track.outreach.mixed_use", values: values)])
        }
        if sheet.choice(ItemID.canAttend) == "no", facts.burden >= outreach.burdenAtLeastWhenCannotAttend {
            let values = burdenValues.merging(["can_attend": .text("no")]) { first, _ in first }
            return (.outreach, [Reason(rule: "track.outreach.cannot_attend", values: values)])
        }

        let ageBand = sheet.choice(ItemID.ageBand)
        let need: [String: Reason.Value] = [
            "drug": .composite(composites[.drug]),
            "drug_troubled": .count(facts.drugTroubled), "drug_importance": .count(facts.drugImportance),
        ]
        var obstacles: [Reason] = []
        if ageBand == nil || ageBand == "under18" {
            obstacles.append(Reason(rule: "not_anonymous.age", values: ["age_band": .answer(ageBand)]))
        }
        if !facts.hasTreatmentNeed {
            obstacles.append(Reason(rule: "not_anonymous.no_treatment_need", values: need))
        }
        if facts.hasOtherProblems {
            var values = Dictionary(
                uniqueKeysWithValues: facts.otherProblemDomains.map { ($0.rawValue, Reason.Value.composite(composites[$0])) })
            values["areas"] = .list(facts.otherProblemDomains.map(\.rawValue) + facts.otherProblemSymptoms)
            obstacles.append(Reason(rule: "not_anonymous.other_problems", values: values))
        }
        if !isBelow(composites[.alcohol], anonymous.alcoholBelow) {
            obstacles.append(Reason(rule: "not_anonymous.alcohol", values: ["alcohol": .composite(composites[.alcohol])]))
        }
        if obstacles.isEmpty {
            let values = need.merging(["age_band": .answer(ageBand), "alcohol": .composite(composites[.alcohol])]) { first, _ in first }
            return (.anonymous, [Reason(rule: "track.anonymous", values: values)])
        }
        return (.ambulant, [Reason(rule: "track.ambulant")] + obstacles)
    }

    // MARK: - Flags

    /// The answers that raise the `crisis` flag, by name; empty when there is none. Works on a
    /// partial sheet too, so a form can show emergency help as soon as a step raises it.
    public func crisisTriggers(_ sheet: AnswerSheet) -> [String: Reason.Value] {
        var triggers: [String: Reason.Value] = [:]
        if sheet.choice(ItemID.crisisNow) == "yes" { triggers["crisis_now"] = .text("yes") }
        let symptoms = flags.crisisSymptoms.filter((sheet.selection(ItemID.psychiatricSymptoms) ?? []).contains)
        if !symptoms.isEmpty { triggers["symptoms"] = .list(symptoms) }
        if sheet.choice(ItemID.drugOverdose) == flags.crisisOverdose { triggers["overdose"] = .text(flags.crisisOverdose) }
        return triggers
    }

    private func raiseFlags(_ sheet: AnswerSheet, _ composites: Composites, _ facts: TriageFacts) -> [(flag: Flag, reason: Reason)] {
        var raised: [(flag: Flag, reason: Reason)] = []
        func raise(_ flag: Flag, _ values: [String: Reason.Value] = [:]) {
            raised.append((flag, Reason(rule: "flag.\(flag.rawValue)", values: values)))
        }

        let crisis = crisisTriggers(sheet)
        if !crisis.isEmpty { raise(.crisis, crisis) }

        if sheet.choice(ItemID.ageBand) == "under18" { raise(.under18, ["age_band": .text("under18")]) }
        if sheet.choice(ItemID.childrenAtHome) == "yes" { raise(.children, ["children_at_home": .text("yes")]) }
        if isAtLeast(composites[.alcohol], flags.alcoholCompositeAtLeast) {
            raise(.alcohol, ["alcohol": .composite(composites[.alcohol])])
        }
        if isAtLeast(composites[.psychiatric], flags.dualDiagnosisCompositeAtLeast) {
            raise(.dualDiagnosis, ["psychiatric": .composite(composites[.psychiatric])])
        }
        if sheet.choice(ItemID.drugInjected) == "yes" { raise(.injecting, ["injected": .text("yes")]) }
        if !facts.hasTreatmentNeed {
            raise(
                .lowNeed,
                [
                    "drug": .composite(composites[.drug]),
                    "drug_troubled": .count(facts.drugTroubled), "drug_importance": .count(facts.drugImportance),
                ])
        }
        if sheet.choice(ItemID.forWhom) == "relative" { raise(.relative, ["for_whom": .text("relative")]) }
        if !composites.missingDomains.isEmpty {
            raise(.incomplete, ["domains": .list(composites.missingDomains.map(\.rawValue))])
        }
        return raised
    }
}
