import Foundation

/// The seven composites of one person. A domain with any skipped item has no composite (`nil`,
/// "not enough answers"); it is never guessed.
public struct Composites: Sendable, Equatable, Codable {
    /// By domain, in `Domain.allCases` order. An array, not a dictionary keyed by `Domain`: a
    /// raw-value enum hashes its raw string, and scoring and triage read the composites often.
    private var values: [Double?] = Array(repeating: nil, count: Domain.allCases.count)

    /// Creates composites from the known values; absent domains are `nil`.
    public init(_ values: [Domain: Double] = [:]) {
        for (domain, value) in values { self[domain] = value }
    }

    /// The composite of `domain` at full precision, or `nil` when not enough answers.
    public subscript(domain: Domain) -> Double? {
        get { values[domain.index] }
        set { values[domain.index] = newValue }
    }

    /// The domains without a composite, in the usual order.
    public var missingDomains: [Domain] { Domain.allCases.filter { self[$0] == nil } }

    /// The composites rounded to 3 decimals, for showing to people.
    public var rounded: Composites {
        var rounded = self
        rounded.values = values.map { $0.map { ($0 * 1000).rounded() / 1000 } }
        return rounded
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Domain.self)
        for domain in Domain.allCases {
            self[domain] = try container.decodeIfPresent(Double.self, forKey: domain)
        }
    }

    /// Writes all seven domains in order, `null` where there is no composite.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Domain.self)
        for domain in Domain.allCases {
            try container.encode(self[domain], forKey: domain)
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
            if let value = self[domain] { try writer.number(value) } else { writer.null() }
        }
        writer.close()
    }
}
