import Foundation
import Hummingbird
import Intake
import NIOCore

extension Request {
    /// The body as a JSON object, with a clear 4xx for anything else: 415 for another content
    /// type, 413 for a body over the context's limit, 400 for broken JSON or a non-object.
    /// With `optional`, a request without any body (and so without a content type) is `{}`.
    mutating func jsonObject(
        context: some RequestContext, texts: TextCatalog, language: Language, optional: Bool = false
    ) async throws -> [String: JSONValue] {
        let contentType = headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        let body: ByteBuffer
        do {
            body = try await collectBody(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw texts.apiError(.contentTooLarge, "bodyTooLarge", language, ["limit": "\(context.maxUploadSize / 1024)"])
        }
        if optional, contentType == nil, body.readableBytes == 0 { return [:] }
        guard contentType == "application/json" else {
            throw texts.apiError(.unsupportedMediaType, "expectedJSON", language)
        }
        let value: JSONValue
        do {
            // The common shape is read directly; anything else, Foundation's decoder reads or refuses.
            value = try JSONValue(commonJSON: body.readableBytesView) ?? JSONDecoder().decode(JSONValue.self, from: Data(buffer: body))
        } catch {
            throw texts.apiError(.badRequest, "malformedJSON", language)
        }
        guard case .object(let object) = value else {
            throw texts.apiError(.badRequest, "expectedObject", language)
        }
        return object
    }

    /// The language asked for with `?lang=`, or by `Accept-Language`; Danish otherwise.
    var preferredLanguage: Language {
        Language.negotiate(explicit: uri.queryParameters.get("lang"), acceptLanguage: headers[.acceptLanguage]) ?? .default
    }
}
