import HTTPTypes
import Hummingbird

/// Headers every citizen-side answer carries: nothing may be cached (answers and tokens pass
/// through here), nothing framed, no referrer sent, no content sniffed, no browser feature used.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Whether people reach the service over HTTPS: then browsers are told to keep to it.
    let behindHTTPS: Bool

    static var headers: HTTPFields {
        [
            .contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
            .init("Referrer-Policy")!: "no-referrer",
            .init("X-Content-Type-Options")!: "nosniff",
            .init("Permissions-Policy")!: permissionsPolicy,
            .init("Cross-Origin-Resource-Policy")!: "same-origin",
            .cacheControl: "no-store",
        ]
    }

    /// Every browser feature a page could ask for, denied to this site and anything it embeds.
    static var deniedFeatures: [String] {
        [
            "accelerometer", "ambient-light-sensor", "autoplay", "battery", "bluetooth", "browsing-topics", "camera", "display-capture",
            "document-domain", "encrypted-media", "fullscreen", "gamepad", "geolocation", "gyroscope", "hid", "idle-detection",
            "interest-cohort", "local-fonts", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
            "publickey-credentials-create", "publickey-credentials-get", "screen-wake-lock", "serial", "sync-xhr", "usb", "web-share",
            "xr-spatial-tracking",
        ]
    }

    static var permissionsPolicy: String { deniedFeatures.map { "\($0)=()" }.joined(separator: ", ") }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for field in Self.headers where response.headers[field.name] == nil {
            response.headers.append(field)
        }
        if behindHTTPS {
            response.headers[.strictTransportSecurity] = "max-age=31536000"
        }
        return response
    }
}
