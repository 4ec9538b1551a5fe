import GRDB

/// A treatment provider cases can be referred to (the provider register).
public struct Provider: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "provider"

    public var id: Int64
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

    /// A provider as it is stored.
    public init(
        id: Int64, slug: String, name: String, isAnonymous: Bool, isOutsideMunicipality: Bool, contact: String, isActive: Bool = true
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
}

/// A provider about to be added to the register: every column but the id, which SQLite gives it.
public struct NewProvider: Sendable, Equatable, Encodable, PersistableRecord {
    public static let databaseTableName = Provider.databaseTableName

    public var slug: String
    public var name: String
    public var isAnonymous: Bool
    public var isOutsideMunicipality: Bool
    public var contact: String
    public var isActive = true

    /// The provider as it is stored with `id`.
    func stored(as id: Int64) -> Provider {
        Provider(
            id: id, slug: slug, name: name, isAnonymous: isAnonymous, isOutsideMunicipality: isOutsideMunicipality, contact: contact,
            isActive: isActive)
    }
}
