import HTTPTypes
import Hummingbird

/// Headers every citizen-side answer carries: nothing may be cached (answers and tokens pass
/// through here), nothing framed, no referrer sent, no content sniffed, no browser feature used.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Whether people reach the service over HTTPS: then browsers are told to keep to it.
    let behindHTTPS: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for field in SecurityHeaders.fields where response.headers[field.name] == nil {
            response.headers.append(field)
        }
        if behindHTTPS {
            response.headers[.strictTransportSecurity] = "max-age=31536000"
        }
        return response
    }
}

/// The headers of `SecurityHeadersMiddleware`, built once.
enum SecurityHeaders {
    static let fields: HTTPFields = {
        [
            .contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
            .init("Referrer-Policy")!: "no-referrer",
            .init("X-Content-Type-Options")!: "nosniff",
            .init("Permissions-Policy")!: permissionsPolicy,
            .init("Cross-Origin-Resource-Policy")!: "same-origin",
            .cacheControl: "no-store",
        ]
    }()

    /// Every browser feature Chromium and Firefox know, denied to this site and anything it embeds
    /// (features a browser does not know only fill its console with warnings).
    static let deniedFeatures: [String] = {
        [
            "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
            "encrypted-media", "fullscreen", "gamepad", "geolocation", "gyroscope", "hid", "idle-detection",
            "interest-cohort", "local-fonts", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
            "publickey-credentials-create", "publickey-credentials-get", "screen-wake-lock", "serial", "sync-xhr", "usb",
            "xr-spatial-tracking",
        ]
    }()

    static let permissionsPolicy = deniedFeatures.map { "\($0)=()" }.joined(separator: ", ")
}
