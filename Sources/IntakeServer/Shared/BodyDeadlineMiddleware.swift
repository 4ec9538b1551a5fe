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
/// The body is read by the request's own task. The deadlines are kept by one `BodyDeadlines`
/// for the whole listener, not by a timer per request (a cancelled `Task.sleep` keeps its timer
/// until it would have fired: a timer per body held about 180,000 of them through a flood of
/// 9,000 requests a second), nor by a task racing the read (two child tasks and a task group
/// for every body). At the deadline the watcher stops the connection's reading, which ends the
/// body where it is.
struct BodyDeadlineMiddleware<Context: ConnectionRequestContext>: RouterMiddleware {
    let timeout: Duration
    let deadlines: BodyDeadlines

    init(timeout: Duration) {
        self.timeout = timeout
        deadlines = BodyDeadlines(tick: min(.seconds(1), timeout / 4))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.hasBody(request) else { return try await next(request, context) }
        var request = request
        let channel = context.channel
        // Past the deadline the connection stops reading: the rest of the body is never waited
        // for, and the connection closes once the answer is written.
        let wait = deadlines.begin(ContinuousClock.now + timeout) { channel.close(mode: .input, promise: nil) }
        let collected: ByteBuffer
        do {
            collected = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            if deadlines.end(wait) { throw HTTPError(.requestTimeout) }
            if error is NIOTooManyBytesError { throw HTTPError(.contentTooLarge) }
            throw error
        }
        // A body cut short by the deadline ends as if it were whole: it is not read as one.
        guard !deadlines.end(wait) else { throw HTTPError(.requestTimeout) }
        request.body = RequestBody(buffer: collected)
        return try await next(request, context)
    }

    /// Whether the request announces a body (a length above zero, or chunks).
    static func hasBody(_ request: Request) -> Bool {
        if let length = request.headers[.contentLength], let bytes = Int(length) { return bytes > 0 }
        return request.headers[.transferEncoding] != nil
    }
}

/// The deadlines of the request bodies being read. While there are any, one task wakes every
/// `tick` and runs the expiry of those whose deadline has passed; with none, no task and no
/// timer runs. A body that came in is forgotten at once.
final class BodyDeadlines: Sendable {
    /// One body's deadline, from `begin` to `end`.
    struct Wait: Sendable {
        fileprivate let id: UInt64
    }

    private enum Entry {
        case watched(ContinuousClock.Instant, @Sendable () -> Void)
        /// Its deadline passed before the body was in; its expiry has run.
        case expired
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

    /// The number of bodies watched (until their `end`), for tests.
    var count: Int { state.withLock { $0.entries.count } }

    /// Watches a body's `deadline`: `onExpiry` runs once, on the watcher's task, if the deadline
    /// passes before `end`.
    func begin(_ deadline: ContinuousClock.Instant, onExpiry: @escaping @Sendable () -> Void) -> Wait {
        let (id, startWatching) = state.withLock { state in
            state.lastID &+= 1
            state.entries[state.lastID] = .watched(deadline, onExpiry)
            defer { state.watching = true }
            return (state.lastID, !state.watching)
        }
        if startWatching { Task { await self.watch() } }
        return Wait(id: id)
    }

    /// Forgets the body's deadline; `true` when it had passed (and its expiry has run).
    func end(_ wait: Wait) -> Bool {
        if case .expired = state.withLock({ $0.entries.removeValue(forKey: wait.id) }) { return true }
        return false
    }

    /// Wakes every `tick` while there are bodies watched, and ends with the last.
    private func watch() async {
        while true {
            try? await Task.sleep(for: tick)
            let now = ContinuousClock.now
            let (due, more) = state.withLock { state -> ([@Sendable () -> Void], Bool) in
                let dueIDs = state.entries.compactMap { id, entry -> UInt64? in
                    guard case .watched(let deadline, _) = entry, deadline <= now else { return nil }
                    return id
                }
                let due = dueIDs.compactMap { id -> (@Sendable () -> Void)? in
                    guard case .watched(_, let onExpiry) = state.entries.updateValue(.expired, forKey: id) else { return nil }
                    return onExpiry
                }
                state.watching = !state.entries.isEmpty
                return (due, state.watching)
            }
            for onExpiry in due { onExpiry() }
            if !more { return }
        }
    }
}
