import Foundation
import GRDB

extension AppDatabase {
    /// Adds a provider to the register: `CaseWorkError.invalid` when `input` has problems,
    /// `slugTaken` when the slug is in use.
    public func addProvider(_ input: ProviderInput, at: Date, actor: String = "cli") async throws -> Provider {
        let provider = try input.validated()
        return try await transaction { db in
            guard try Provider.filter(Provider.Columns.slug == provider.slug).fetchOne(db) == nil else {
                throw ProviderError.slugTaken(provider.slug)
            }
            try provider.insert(db)
            let stored = provider.stored(as: db.lastInsertedRowID)
            try Self.audit(db, at: at, actor: actor, action: .providerAdd, detail: provider.slug)
            return stored
        }
    }

    /// Takes a provider out of use (decisions keep referring to it).
    public func disableProvider(_ slug: String, at: Date, actor: String = "cli") async throws {
        try await transaction { db in
            guard var provider = try Provider.filter(Provider.Columns.slug == slug).fetchOne(db) else { throw ProviderError.unknown(slug) }
            provider.isActive = false
            try provider.update(db)
            try Self.audit(db, at: at, actor: actor, action: .providerDisable, detail: slug)
        }
    }

    /// The providers, active ones only unless asked otherwise.
    public func providers(includingInactive: Bool = false) async throws -> [Provider] {
        try await snapshot { db in
            var request = Provider.order(Provider.Columns.slug)
            if !includingInactive { request = request.filter(Provider.Columns.isActive) }
            return try request.fetchAll(db)
        }
    }

    /// The provider with `id`, active or not.
    static func provider(id: Int64?, _ db: Database) throws -> Provider? {
        guard let id else { return nil }
        // Kept prepared: every page and status a person reads names the provider.
        return try Provider.fetchOne(try db.cachedStatement(sql: "SELECT * FROM provider WHERE id = ?"), arguments: [id])
    }

    /// What § 101a asks of the register and is missing; empty when it holds.
    public func anonymousProviderGaps() async throws -> [String] {
        RegisterCoverage(try await providers()).gaps
    }
}

/// Why a provider change failed.
public enum ProviderError: Error, Equatable, CustomStringConvertible {
    case slugTaken(String)
    case unknown(String)

    public var description: String {
        switch self {
        case .slugTaken(let slug): "There is already a provider called \(slug). See `indgang provider list`."
        case .unknown(let slug): "There is no provider called \(slug). See `indgang provider list`."
        }
    }
}
