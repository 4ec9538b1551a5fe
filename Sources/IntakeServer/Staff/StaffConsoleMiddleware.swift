import HTTPTypes
import Hummingbird
import Logging

/// Serves the staff console (`Public/staff/`) at `/` of the staff listener, same origin as the
/// API it uses, with a policy that lets its own scripts and styles run and nothing else: no
/// inline script or style, no other origin, no framing.
struct StaffConsoleMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"
    }

    let files: FileMiddleware<Context, LocalFileSystem>

    init(directory: String, logger: Logger) {
        files = FileMiddleware(directory, cacheControl: CacheControl([]), searchForIndexHtml: true, logger: logger)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !request.uri.path.hasPrefix("/staff/") else { return try await next(request, context) }
        var response = try await files.handle(request, context: context, next: next)
        if response.status.code < 400 { response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy }
        return response
    }
}

/// Keeps the console's files off the citizen side: they are served only on the staff listener.
struct HideStaffConsoleMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Self.isStaffPath(request.uri.path) else { throw HTTPError(.notFound) }
        return try await next(request, context)
    }

    /// Whether `path` names something under `/staff` however it is spelt: percent-escapes (also
    /// escaped twice), doubled slashes, `.` and `..` segments and letter case make no difference.
    static func isStaffPath(_ path: String) -> Bool {
        var decoded = path
        for _ in 0..<3 {
            guard decoded.utf8.contains(UInt8(ascii: "%")), let once = decoded.removingPercentEncoding, once != decoded else { break }
            decoded = once
        }
        var segments: [Substring] = []
        for segment in decoded.split(whereSeparator: { $0 == "/" || $0 == "\\" }) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.first?.lowercased() == "staff"
    }
}
