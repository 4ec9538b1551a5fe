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
/// The deadlines are kept by one `BodyDeadlines` for the whole listener, not by a timer per
/// request: a cancelled `Task.sleep` keeps its timer until it would have fired, so a timer per
/// body held about 180,000 of them through a flood of 9,000 requests a second.
struct BodyDeadlineMiddleware<Context: ConnectionRequestContext>: RouterMiddleware {
    let timeout: Duration
    let deadlines: BodyDeadlines

    init(timeout: Duration) {
        self.timeout = timeout
        deadlines = BodyDeadlines(tick: min(.seconds(1), timeout / 4))
    }

    /// Why the body was not read.
    private struct TimedOut: Error {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.hasBody(request) else { return try await next(request, context) }
        var request = request
        let (body, limit, deadlines) = (request.body, context.maxUploadSize, deadlines)
        let deadline = ContinuousClock.now + timeout
        do {
            let collected = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
                group.addTask { try await body.collect(upTo: limit) }
                group.addTask { await deadlines.passed(deadline) ? nil : ByteBuffer() }
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

/// The deadlines of the request bodies being read. While there are any, one task wakes every
/// `tick` and lets those whose deadline has passed know; with none, no task and no timer runs.
/// A wait that is cancelled (its body came in) is forgotten at once.
final class BodyDeadlines: Sendable {
    private enum Entry {
        /// Registered, its continuation not yet there.
        case pending
        case waiting(ContinuousClock.Instant, CheckedContinuation<Bool, Never>)
    }

    private struct State {
        var lastID: UInt64 = 0
        var entries: [UInt64: Entry] = [:]
        var watching = false
    }

    private let state = Mutex(State())
    private let tick: Duration

    init(tick: Duration) {
        self.tick = tick
    }

    /// The number of waits in flight, for tests.
    var count: Int { state.withLock { $0.entries.count } }

    /// Waits until `deadline` has passed (`true`) or the task is cancelled (`false`, at once).
    func passed(_ deadline: ContinuousClock.Instant) async -> Bool {
        let id = state.withLock { state in
            state.lastID &+= 1
            state.entries[state.lastID] = .pending
            return state.lastID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let (registered, startWatching) = state.withLock { state -> (Bool, Bool) in
                    // Gone: cancelled before the continuation was here.
                    guard state.entries[id] != nil else { return (false, false) }
                    state.entries[id] = .waiting(deadline, continuation)
                    defer { state.watching = true }
                    return (true, !state.watching)
                }
                if !registered { continuation.resume(returning: false) }
                if startWatching { Task { await self.watch() } }
            }
        } onCancel: {
            let entry = state.withLock { $0.entries.removeValue(forKey: id) }
            if case .waiting(_, let continuation) = entry { continuation.resume(returning: false) }
        }
    }

    /// Wakes every `tick` while there are waits, and ends with the last.
    private func watch() async {
        while true {
            try? await Task.sleep(for: tick)
            let now = ContinuousClock.now
            let (due, more) = state.withLock { state -> ([CheckedContinuation<Bool, Never>], Bool) in
                let dueIDs = state.entries.compactMap { id, entry -> UInt64? in
                    guard case .waiting(let deadline, _) = entry, deadline <= now else { return nil }
                    return id
                }
                let due = dueIDs.compactMap { id -> CheckedContinuation<Bool, Never>? in
                    guard case .waiting(_, let continuation) = state.entries.removeValue(forKey: id) else { return nil }
                    return continuation
                }
                state.watching = !state.entries.isEmpty
                return (due, state.watching)
            }
            for continuation in due { continuation.resume(returning: true) }
            if !more { return }
        }
    }
}
