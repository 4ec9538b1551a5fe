import Foundation
import Hummingbird
import HummingbirdAuth
import Intake
import NIOCore

/// The request context of the staff API: who is logged in, and the peer address for the login
/// throttle (hashed in memory only).
public struct StaffRequestContext: AuthRequestContext, LimitedRequestContext, ConnectionRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: StaffIdentity?
    /// The session token when the session came from the console's cookie, not a bearer token:
    /// state changes then need the anti-forgery token (`StaffForgeryMiddleware`).
    var cookieSessionToken: String?
    public let remoteAddress: SocketAddress?
    /// The limit of the route, set by `LimitMiddleware`.
    var limit: RequestLimit?
    /// The connection, for `BodyDeadlineMiddleware` to stop reading a body that trickles in.
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
    }

    public var maxUploadSize: Int { 64 * 1024 }

    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
