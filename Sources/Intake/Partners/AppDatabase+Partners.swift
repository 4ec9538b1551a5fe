import Foundation
import GRDB

extension AppDatabase {
    /// Registers a partner; returns it with its API key, shown this once. `CaseWorkError.invalid`
    /// when `input` has problems, `slugTaken` when the slug is in use.
    public func addPartner(_ input: PartnerInput, at: Date, actor: String = "cli") async throws -> (Partner, apiKey: String) {
        let problems = input.problems
        guard problems.isEmpty, let slug = input.slug, let name = input.name?.trimmed else { throw CaseWorkError.invalid(problems) }
        let (origin, showsName) = (input.origin, input.showsName)
        let key = Partner.makeAPIKey()
        let partner = try await transaction { db in
            guard try Partner.filter(Partner.Columns.slug == slug).fetchOne(db) == nil else { throw PartnerError.slugTaken(slug) }
            let new = NewPartner(
                slug: slug, name: name, origin: origin.map { String($0.trimmingSuffix("/")) }, showsName: showsName,
                apiKeyHash: StaffDirectory.hash(key))
            try new.insert(db)
            let partner = new.stored(as: db.lastInsertedRowID)
            try Self.audit(db, at: at, actor: actor, action: .partnerAdd, detail: slug)
            return partner
        }
        return (partner, key)
    }

    /// Gives a partner a new API key; the old one stops working at once.
    public func rotatePartnerKey(_ slug: String, at: Date, actor: String = "cli") async throws -> String {
        let key = Partner.makeAPIKey()
        try await changePartner(slug, action: .partnerRotateKey, at: at, actor: actor) { $0.apiKeyHash = StaffDirectory.hash(key) }
        return key
    }

    /// Takes a partner out of use: its links fall back to the plain start page, its card cannot
    /// be framed, its key stops working. Cases keep their slug.
    public func disablePartner(_ slug: String, at: Date, actor: String = "cli") async throws {
        try await changePartner(slug, action: .partnerDisable, at: at, actor: actor) { $0.isActive = false }
    }

    private func changePartner(
        _ slug: String, action: AuditAction, at: Date, actor: String, _ change: @escaping @Sendable (inout Partner) -> Void
    ) async throws {
        try await transaction { db in
            guard var partner = try Partner.filter(Partner.Columns.slug == slug).fetchOne(db) else { throw PartnerError.unknown(slug) }
            change(&partner)
            try partner.update(db)
            try Self.audit(db, at: at, actor: actor, action: action, detail: slug)
        }
    }

    /// Every partner, by slug.
    public func partners() async throws -> [Partner] {
        try await snapshot { db in try Partner.order(Partner.Columns.slug).fetchAll(db) }
    }

    /// The active partner with `slug`, if there is one.
    public func activePartner(_ slug: String?) async throws -> Partner? {
        guard let slug, PartnerSlug.isWellFormed(slug) else { return nil }
        return try await snapshot { db in
            try Partner.filter(Partner.Columns.slug == slug).filter(Partner.Columns.isActive).fetchOne(db)
        }
    }

    /// The active partner an API key belongs to.
    public func partner(apiKey: String) async throws -> Partner? {
        guard apiKey.utf8.count <= 128 else { return nil }
        let hash = StaffDirectory.hash(apiKey)
        return try await snapshot { db in
            guard let partner = try Partner.filter(Partner.Columns.apiKeyHash == hash).filter(Partner.Columns.isActive).fetchOne(db),
                constantTimeEquals(partner.apiKeyHash, hash)
            else { return nil }
            return partner
        }
    }
}

extension String {
    /// The string without one trailing `suffix`.
    public func trimmingSuffix(_ suffix: String) -> Substring {
        hasSuffix(suffix) ? dropLast(suffix.count) : self[...]
    }
}
