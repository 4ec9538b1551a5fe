import Hummingbird
import NIOCore
import Synchronization

/// A request context that knows its connection, so a request that must not keep it can close it.
protocol ConnectionRequestContext: RequestContext {
    var channel: any Channel { get }
}

/// Reads a request's whole body within a deadline, counted from the moment its head is
/// complete. A body that trickles in slower (a byte every few seconds keeps the idle timeout from
/// firing) gets `408`, and the connection stops reading and closes after the answer, so a slow
/// client holds no connection for long. Within the deadline, the body is handed on whole; one
/// over the context's limit is `413`, as before.
///
/// The deadline is a task scheduled on the connection's event loop, cancelled (and freed) as soon
/// as the body is in. It was a `Task.sleep` racing the body in a task group: a cancelled sleep
/// resumes at once, but the runtime keeps its timer until the deadline, so a flood held one timer
/// per request for the whole 20 s (about 100 MB at 9,000 requests a second).
struct BodyDeadlineMiddleware<Context: ConnectionRequestContext>: RouterMiddleware {
    let timeout: Duration

    /// Whether the deadline passed before the body was in.
    private final class Expiry: Sendable {
        private let expired = Mutex(false)
        var hasPassed: Bool { expired.withLock { $0 } }
        func pass() { expired.withLock { $0 = true } }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.hasBody(request) else { return try await next(request, context) }
        var request = request
        let channel = context.channel
        let expiry = Expiry()
        // At the deadline, stop reading: the rest of the body is never waited for (its stream
        // ends), and the connection closes once the answer is written.
        let deadline = channel.eventLoop.scheduleTask(in: .nanoseconds(Self.nanoseconds(timeout))) {
            expiry.pass()
            channel.close(mode: .input, promise: nil)
        }
        defer { deadline.cancel() }
        let collected: ByteBuffer
        do {
            collected = try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        } catch {
            if expiry.hasPassed { throw HTTPError(.requestTimeout) }
            throw error
        }
        // A stream ended by the deadline may look complete: what came is not the whole body.
        if expiry.hasPassed { throw HTTPError(.requestTimeout) }
        request.body = RequestBody(buffer: collected)
        return try await next(request, context)
    }

    /// `duration` in whole nanoseconds: 0 for a negative one, at most about 292 years.
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        guard seconds < Int64.max / 1_000_000_000 else { return .max }
        return max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Whether the request announces a body (a length above zero, or chunks).
    static func hasBody(_ request: Request) -> Bool {
        if let length = request.headers[.contentLength], let bytes = Int(length) { return bytes > 0 }
        return request.headers[.transferEncoding] != nil
    }
}
