import Foundation

/// A provider as an administrator or the command line asks to add it. `problems` is the one
/// statement of what may be stored; the API and the CLI both check it, and so does
/// `AppDatabase.addProvider`.
public struct ProviderInput: Sendable, Equatable {
    public var slug: String?
    public var name: String?
    public var contact: String?
    public var isAnonymous: Bool
    public var isOutsideMunicipality: Bool

    /// The longest name and contact text.
    public static let textLimit = 200

    public init(slug: String?, name: String?, contact: String? = nil, isAnonymous: Bool = false, isOutsideMunicipality: Bool = false) {
        self.slug = slug
        self.name = name
        self.contact = contact
        self.isAnonymous = isAnonymous
        self.isOutsideMunicipality = isOutsideMunicipality
    }

    /// Every field that cannot be stored as it is, in field order; empty when it can.
    public var problems: [FieldProblem] {
        [
            RegisterRules.slugProblem(slug),
            FieldProblem.text(name, field: "name", maximum: Self.textLimit),
            FieldProblem.text(contact, field: "contact", maximum: Self.textLimit, required: false),
        ].compactMap { $0 }
    }

    /// The provider to store, trimmed; `CaseWorkError.invalid` naming every problem otherwise.
    public func validated() throws -> NewProvider {
        let problems = problems
        guard problems.isEmpty, let slug, let name else { throw CaseWorkError.invalid(problems) }
        return NewProvider(
            slug: slug, name: name.trimmed, isAnonymous: isAnonymous, isOutsideMunicipality: isOutsideMunicipality,
            contact: contact?.trimmed ?? "")
    }
}

/// A partner site as an administrator or the command line asks to register it; the one check
/// both use, and `AppDatabase.addPartner` too.
public struct PartnerInput: Sendable, Equatable {
    public var slug: String?
    public var name: String?
    /// The https origin allowed to frame the start card; `nil` or empty for none.
    public var origin: String?
    public var showsName: Bool

    public init(slug: String?, name: String?, origin: String? = nil, showsName: Bool = false) {
        self.slug = slug
        self.name = name
        self.origin = origin.flatMap { $0.isEmpty ? nil : $0 }
        self.showsName = showsName
    }

    /// Every field that cannot be stored as it is, in field order; empty when it can.
    public var problems: [FieldProblem] {
        var problems = [RegisterRules.slugProblem(slug), FieldProblem.text(name, field: "name", maximum: ProviderInput.textLimit)]
        if let origin, !Partner.isValidOrigin(origin) { problems.append(FieldProblem("origin", .malformedOrigin)) }
        return problems.compactMap { $0 }
    }
}

/// The rules the register's entries share.
enum RegisterRules {
    /// `required` for a missing slug, `malformedSlug` for one that is not 1–40 of a–z, 0–9, dashes.
    static func slugProblem(_ slug: String?) -> FieldProblem? {
        guard let slug, !slug.isEmpty else { return FieldProblem("slug", .required) }
        return PartnerSlug.isWellFormed(slug) ? nil : FieldProblem("slug", .malformedSlug)
    }
}

extension String {
    /// Without white space and newlines at either end.
    public var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
