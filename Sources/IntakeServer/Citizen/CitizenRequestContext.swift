import Foundation
import Hummingbird
import NIOCore

/// The request context of the citizen side. It knows the peer address only so that the rate
/// limiter can hash it; the address is never stored or logged.
public struct CitizenRequestContext: RequestContext, LimitedRequestContext, ConnectionRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's socket address.
    public let remoteAddress: SocketAddress?
    /// The limit of the route, set by `LimitMiddleware`.
    var limit: RequestLimit?
    /// The connection, for `BodyDeadlineMiddleware` to stop reading a body that trickles in.
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
    }

    /// Request bodies larger than this are refused with 413. A complete submission is about 2 KB.
    public var maxUploadSize: Int { 64 * 1024 }

    /// JSON with keys in a stable order, so answers read the same every time.
    public var responseEncoder: JSONEncoder { Self.jsonEncoder() }

    /// The encoder of the citizen side's JSON answers (`SubmissionController.Receipt` writes
    /// the same bytes by hand).
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
