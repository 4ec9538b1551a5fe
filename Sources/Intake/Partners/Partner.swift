import Foundation
import GRDB

/// A site that sends people to the form: a drop-in café, a shelter, an NGO, the municipality.
/// Its slug is stored on the cases that came through it; nothing else about the visit is.
public struct Partner: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "partner"

    public var id: Int64
    /// The short name in links, `/p/<slug>`.
    public var slug: String
    public var name: String
    /// The only origin allowed to frame the partner's start card, e.g. `https://cafe.example`.
    public var origin: String?
    /// Whether the start page says "You came from <name>" (off by default).
    public var showsName: Bool
    /// SHA-256 of the partner's API key; the key itself is shown once.
    var apiKeyHash: Data
    public var isActive: Bool

    public enum Columns {
        static let slug = Column(CodingKeys.slug)
        static let apiKeyHash = Column(CodingKeys.apiKeyHash)
        static let isActive = Column(CodingKeys.isActive)
    }

    /// A new API key: 256 random bits, URL-safe base 64, with a prefix that says what it is.
    static func makeAPIKey() -> String {
        "ipk_" + StaffDirectory.makeSessionToken()
    }

    /// Whether `origin` is an https origin without path, query or credentials (plain http is
    /// accepted for localhost and 127.0.0.1 only, for trying things out).
    public static func isValidOrigin(_ origin: String) -> Bool {
        guard let url = URL(string: origin), let host = url.host, !host.isEmpty,
            url.scheme == "https" || (url.scheme == "http" && ["localhost", "127.0.0.1"].contains(host)),
            url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil, url.user == nil,
            !origin.contains(" "), !origin.contains(";"), !origin.contains("'")
        else { return false }
        return true
    }
}

/// A partner about to be registered: every column but the id, which SQLite gives it.
struct NewPartner: Encodable, PersistableRecord {
    static let databaseTableName = Partner.databaseTableName

    var slug: String
    var name: String
    var origin: String?
    var showsName: Bool
    var apiKeyHash: Data
    var isActive = true

    /// The partner as it is stored with `id`.
    func stored(as id: Int64) -> Partner {
        Partner(id: id, slug: slug, name: name, origin: origin, showsName: showsName, apiKeyHash: apiKeyHash, isActive: isActive)
    }
}

/// Why a partner change failed, with what to do about it.
public enum PartnerError: Error, Equatable, CustomStringConvertible {
    case slugTaken(String)
    case unknown(String)

    public var description: String {
        switch self {
        case .slugTaken(let slug): "There is already a partner called \(slug). See `indgang partner list`."
        case .unknown(let slug): "There is no partner called \(slug). See `indgang partner list`."
        }
    }
}
