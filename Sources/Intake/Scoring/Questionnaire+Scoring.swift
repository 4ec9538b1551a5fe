extension Questionnaire {
    /// Computes the seven composites of a validated answer sheet.
    public func composites(for sheet: AnswerSheet) -> Composites {
        var result = Composites()
        for formula in composites {
            result[formula.domain] = formula.value(for: sheet)
        }
        return result
    }
}

extension CompositeFormula {
    /// The composite, or `nil` if any of its items was skipped.
    func value(for sheet: AnswerSheet) -> Double? {
        var sum = 0.0
        for term in terms {
            guard let value = term.itemValue(in: sheet) else { return nil }
            sum += ((term.complementOf.map { $0 - value }) ?? value) / term.divisor
        }
        return sum
    }
}

extension CompositeFormula.Term {
    /// The item's answer as a number: its value, its option's score, or how many were chosen.
    func itemValue(in sheet: AnswerSheet) -> Double? {
        switch sheet[item] {
        case .number(let number): Double(number)
        case .choice(let choice): scores?[choice]
        case .selection(let chosen): Double(chosen.count)
        case .skip, nil: nil
        }
    }
}
