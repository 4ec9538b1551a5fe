import Foundation
import Hummingbird
import Intake
import NIOCore
import Synchronization

/// A client as the limits know it: an HMAC of its address under a salt that lives only in
/// memory and is replaced when the service's day changes. Never an address, never stored.
struct ClientKey: Hashable, Sendable {
    let value: Data
    /// The service's day the salt belongs to: tables keyed by yesterday's keys are dropped.
    let day: Day
}

/// Makes the client key of a request (in `LimitMiddleware`, once per request).
final class ClientKeys: Sendable {
    private let salt = Mutex(DailySalt())
    private let clock: ServiceClock
    /// Whether the address is the last `X-Forwarded-For` entry (behind a trusted proxy).
    private let trustForwardedFor: Bool

    init(clock: ServiceClock, trustForwardedFor: Bool = false) {
        self.clock = clock
        self.trustForwardedFor = trustForwardedFor
    }

    /// The key of the client that sent `request`.
    func key(for request: Request, context: some RemoteAddressRequestContext) -> ClientKey {
        key(for: request.clientAddress(context: context, trustForwardedFor: trustForwardedFor))
    }

    /// The key of `address`. IPv6 clients are keyed by their /64 network, which one home or one
    /// phone is given whole, so walking through its addresses does not make a new client.
    func key(for address: String) -> ClientKey {
        let day = clock.now().day
        let network = Self.network(of: address)
        return ClientKey(value: salt.withLock { $0.key(for: network, on: day).key }, day: day)
    }

    /// An IPv4 address as it is; an IPv6 address as its first 64 bits (an IPv4-mapped one as the
    /// IPv4 address); anything that does not parse as it is.
    static func network(of address: String) -> String {
        guard address.contains(":"), let parsed = try? SocketAddress(ipAddress: address, port: 0), case .v6(let v6) = parsed else {
            return address
        }
        let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        return bytes[0..<8].map { String(format: "%02x", $0) }.joined() + "::/64"
    }
}

/// A request context that carries the limit its route is under.
protocol LimitedRequestContext: RemoteAddressRequestContext {
    /// Set by `LimitMiddleware` on the routes the router function puts under a limit.
    var limit: RequestLimit? { get set }
}

extension LimitedRequestContext {
    /// The route's limit; a route reached without one is a mistake in the router function.
    func requireLimit() throws -> RequestLimit {
        guard let limit else { throw HTTPError(.internalServerError) }
        return limit
    }
}
