import Foundation

/// The seven composites of one person. A domain with any skipped item has no composite (`nil`,
/// "not enough answers"); it is never guessed.
public struct Composites: Sendable, Equatable, Codable {
    private var values: [Domain: Double]

    /// Creates composites from the known values; absent domains are `nil`.
    public init(_ values: [Domain: Double] = [:]) {
        self.values = values
    }

    /// The composite of `domain` at full precision, or `nil` when not enough answers.
    public subscript(domain: Domain) -> Double? {
        get { values[domain] }
        set { values[domain] = newValue }
    }

    /// The domains without a composite, in the usual order.
    public var missingDomains: [Domain] { Domain.allCases.filter { values[$0] == nil } }

    /// The composites rounded to 3 decimals, for showing to people.
    public var rounded: Composites {
        Composites(values.mapValues { ($0 * 1000).rounded() / 1000 })
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Domain.self)
        var values: [Domain: Double] = [:]
        for domain in Domain.allCases {
            values[domain] = try container.decodeIfPresent(Double.self, forKey: domain)
        }
        self.values = values
    }

    /// Writes all seven domains in order, `null` where there is no composite.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Domain.self)
        for domain in Domain.allCases {
            try container.encode(values[domain], forKey: domain)
        }
    }
}

extension Composites {
    /// The composites as JSON, what `encode(to:)` writes.
    var json: Data {
        get throws {
            var writer = JSONWriter(capacity: 160)
            try write(to: &writer)
            return writer.data
        }
    }

    /// The domains in the order of their names, as `.sortedKeys` writes them.
    private static let domainsByName = Domain.allCases.sorted { $0.rawValue < $1.rawValue }

    /// Writes what `encode(to:)` writes, the domains sorted by name as `.sortedKeys` has them.
    public func write(to writer: inout JSONWriter) throws {
        writer.openObject()
        for domain in Self.domainsByName {
            writer.key(domain.rawValue)
            if let value = values[domain] { try writer.number(value) } else { writer.null() }
        }
        writer.close()
    }
}
