import GRDB

/// A treatment provider cases can be referred to (the provider register).
public struct Provider: Sendable, Equatable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "provider"

    public var id: Int64?
    /// The short name used in commands and the API.
    public var slug: String
    public var name: String
    /// Offers anonymous treatment (§ 101a).
    public var isAnonymous: Bool
    /// Lies outside the municipality (§ 101a needs at least one such anonymous provider).
    public var isOutsideMunicipality: Bool
    /// How the person gets in touch: address, phone, opening hours, as the person should read it.
    public var contact: String
    public var isActive: Bool

    /// Creates a provider for the register.
    public init(
        id: Int64? = nil, slug: String, name: String, isAnonymous: Bool, isOutsideMunicipality: Bool, contact: String, isActive: Bool = true
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.isAnonymous = isAnonymous
        self.isOutsideMunicipality = isOutsideMunicipality
        self.contact = contact
        self.isActive = isActive
    }

    public enum Columns {
        static let slug = Column(CodingKeys.slug)
        static let isActive = Column(CodingKeys.isActive)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
