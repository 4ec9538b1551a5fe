import Foundation
import HTTPTypes
import Hummingbird

extension Request {
    /// The client's address, for the rate limiter's hash only: never store or log it.
    /// Behind a trusted reverse proxy, the last `X-Forwarded-For` entry (the one the proxy added).
    func clientAddress(context: some RemoteAddressRequestContext, trustForwardedFor: Bool) -> String {
        if trustForwardedFor, let forwarded = headers[.init("X-Forwarded-For")!]?.split(separator: ",").last {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }
}
