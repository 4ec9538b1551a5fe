import Hummingbird
import Synchronization

/// Which methods each route of a router answers, so that a request with a known path and an
/// unknown method gets `405 Method Not Allowed` with an `Allow` header instead of `404`.
///
/// Filled once, after the routes are added (`record(_:)`); the error middleware only reads it.
final class RouteMethods: Sendable {
    private let routes = Mutex<[(path: RouterPath, method: HTTPRequest.Method)]>([])

    /// Remembers the routes of a built router.
    func record(_ router: Router<some RequestContext>) {
        let found = router.routes.map { (path: $0.path, method: $0.method) }
        routes.withLock { $0 = found }
    }

    /// The methods the router answers for `path`, or an empty list for an unknown path. Like the
    /// router, a fixed segment (`cases/lookup`) wins over a parameter (`cases/:reference`).
    func allowed(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var candidates = routes.withLock { $0 }.filter { $0.path.components.count == segments.count }
        for (index, segment) in segments.enumerated() {
            let fixed = candidates.filter { $0.path.components[index] == segment }
            candidates = fixed.isEmpty ? candidates.filter { $0.path.components[index] ~= segment } : fixed
        }
        var unique: [HTTPRequest.Method] = []
        for route in candidates where !unique.contains(route.method) { unique.append(route.method) }
        return unique
    }

    /// The `405` for a request whose path is known under other methods, or `nil`.
    func methodNotAllowed(_ request: Request) -> HTTPFields? {
        let allowed = allowed(for: request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return nil }
        return [.allow: allowed.map(\.rawValue).joined(separator: ", ")]
    }
}
