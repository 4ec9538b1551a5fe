import Foundation
import Hummingbird
import NIOCore

extension Request {
    /// The body of a form post: 415 for another content type, 413 over the context's limit.
    mutating func formBody(context: some RequestContext) async throws -> FormBody {
        let contentType = headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard contentType == "application/x-www-form-urlencoded" else { throw HTTPError(.unsupportedMediaType) }
        do {
            return FormBody(String(buffer: try await collectBody(upTo: context.maxUploadSize)))
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        }
    }
}
