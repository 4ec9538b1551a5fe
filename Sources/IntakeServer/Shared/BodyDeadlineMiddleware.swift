import Hummingbird
import NIOCore

/// A request context that knows its connection, so a request that must not keep it can close it.
protocol ConnectionRequestContext: RequestContext {
    var channel: any Channel { get }
}

/// Reads a request's whole body within a deadline, counted from the moment its head is
/// complete. A body that trickles in slower (a byte every few seconds keeps the idle timeout from
/// firing) gets `408`, and the connection stops reading and closes after the answer, so a slow
/// client holds no connection for long. Within the deadline, the body is handed on whole; one
/// over the context's limit is `413`, as before.
struct BodyDeadlineMiddleware<Context: ConnectionRequestContext>: RouterMiddleware {
    let timeout: Duration

    /// Why the body was not read.
    private struct TimedOut: Error {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.hasBody(request) else { return try await next(request, context) }
        var request = request
        let (body, limit, timeout) = (request.body, context.maxUploadSize, timeout)
        do {
            let collected = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
                group.addTask { try await body.collect(upTo: limit) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let buffer = first else { throw TimedOut() }
                return buffer
            }
            request.body = RequestBody(buffer: collected)
        } catch is TimedOut {
            // Stop reading: the rest of the body is never waited for, and the connection closes
            // once the answer is written.
            context.channel.close(mode: .input, promise: nil)
            throw HTTPError(.requestTimeout)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        }
        return try await next(request, context)
    }

    /// Whether the request announces a body (a length above zero, or chunks).
    static func hasBody(_ request: Request) -> Bool {
        if let length = request.headers[.contentLength], let bytes = Int(length) { return bytes > 0 }
        return request.headers[.transferEncoding] != nil
    }
}
