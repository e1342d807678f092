import HTTPTypes
import Hummingbird
import TownhallDomain
import TownhallStore

/// Strict headers on every response: no script at all (pages work without JavaScript), no framing,
/// no MIME sniffing, and a referrer that never leaks paths to other sites.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // No route sets these, so appending cannot repeat one.
        response.headers.append(contentsOf: SecurityHeaders.fields)
        return response
    }
}

enum SecurityHeaders {
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' https:; font-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    /// Built and validated once; every response gets the same fields.
    static let fields: [HTTPField] = [
        HTTPField(name: .contentSecurityPolicy, value: contentSecurityPolicy),
        HTTPField(name: .xContentTypeOptions, value: "nosniff"),
        HTTPField(name: HTTPField.Name("Referrer-Policy")!, value: "strict-origin-when-cross-origin"),
        HTTPField(name: HTTPField.Name("X-Frame-Options")!, value: "DENY"),
        HTTPField(name: HTTPField.Name("Cross-Origin-Opener-Policy")!, value: "same-origin"),
        HTTPField(name: HTTPField.Name("Permissions-Policy")!, value: "camera=(), microphone=(), geolocation=()"),
    ]
}
