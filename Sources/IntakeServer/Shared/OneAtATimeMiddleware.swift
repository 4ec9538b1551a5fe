import Foundation
import Hummingbird
import Intake
import Synchronization

/// The clients with a request in flight on a route group.
final class InFlight: Sendable {
    private let clients = Mutex<Set<Data>>([])

    /// Takes the client's place; `false` when it already has a request in flight.
    func enter(_ client: ClientKey) -> Bool { clients.withLock { $0.insert(client.value).inserted } }

    func leave(_ client: ClientKey) { _ = clients.withLock { $0.remove(client.value) } }
}

/// At most one request at a time per client on a route group; another while the first runs gets
/// `429` at once. On the password checks, so one client cannot fill the Argon2 gate that every
/// login shares. Goes after a `LimitMiddleware`, which knows the client.
struct OneAtATimeMiddleware<Context: LimitedRequestContext>: RouterMiddleware {
    let inFlight: InFlight
    let texts: TextCatalog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let client = try context.requireLimit().client
        guard inFlight.enter(client) else {
            throw texts.mustWait("oneAtATime", seconds: 1, request.preferredLanguage)
        }
        defer { inFlight.leave(client) }
        return try await next(request, context)
    }
}
