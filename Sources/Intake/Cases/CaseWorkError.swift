import Foundation

/// Why a change to a case, its conversation or its booking was refused.
public enum CaseWorkError: Error, Equatable, Sendable {
    /// No case has this reference.
    case caseNotFound
    /// The action is not allowed in the case's state; `allowed` lists what is.
    case notAllowed(state: CaseState, action: CaseAction, allowed: [CaseAction])
    /// Another staff member holds the case.
    case heldBy(String)
    /// The case is closed or withdrawn.
    case notOpen(CaseState)
    /// No active staff account has this username.
    case unknownStaff(String)
    /// No active provider has this slug.
    case unknownProvider(String)
    /// No slot has this id.
    case slotNotFound
    /// Someone else booked the slot first.
    case slotTaken
    /// The slot has already begun.
    case slotInPast
    /// A booked slot cannot be removed; cancel the booking first.
    case slotBooked
    /// Fields of the request are missing or wrong.
    case invalid([FieldProblem])
}

/// One wrong or missing field of a staff or citizen request.
public struct FieldProblem: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case required
        case tooLong(maximum: Int)
        case invalid
        /// A reason is needed because the decided track differs from the suggestion.
        case requiredWhenTrackDiffers
        /// A reason is needed because the start is after the 14-day deadline.
        case requiredWhenLate(deadline: Day)
        /// The start is before the first contact.
        case beforeFirstContact
        /// Anonymous treatment needs a provider that offers it.
        case notAnonymousProvider
        /// A phone slot needs the number the person calls.
        case phoneNumberNeeded
        /// A register slug must be 1–40 characters of a–z, 0–9 and dashes.
        case malformedSlug
        /// A partner's origin must be https://host[:port], without a path.
        case malformedOrigin
    }

    public let field: String
    public let kind: Kind

    public init(_ field: String, _ kind: Kind) {
        self.field = field
        self.kind = kind
    }

    /// A problem for text that is empty or longer than `maximum`; `nil` when the text is fine.
    ///
    /// Length is counted in Unicode scalars, not in characters: combining marks make one
    /// character as long as one likes. Text of more than four bytes a scalar allowed is refused
    /// before it is read at all, so a huge value costs nothing.
    static func text(_ value: String?, field: String, maximum: Int, required: Bool = true) -> FieldProblem? {
        if let value, value.utf8.count > maximum * 4 { return FieldProblem(field, .tooLong(maximum: maximum)) }
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty { return required ? FieldProblem(field, .required) : nil }
        return trimmed.unicodeScalars.count > maximum ? FieldProblem(field, .tooLong(maximum: maximum)) : nil
    }
}
