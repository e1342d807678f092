import HTTPTypes
import Hummingbird
import TownhallDomain
import TownhallStore

/// Strict headers on every response: no script at all (pages work without JavaScript), no framing,
/// no MIME sniffing, a referrer that never leaks paths to other sites and, over HTTPS, HSTS.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let fields: [HTTPField]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // No route sets these, so appending cannot repeat one.
        response.headers.append(contentsOf: fields)
        return response
    }
}

enum SecurityHeaders {
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' https:; font-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    /// Browsers go straight to HTTPS for a year once they have seen the site over HTTPS (RFC 6797). Sent only when
    /// the site says it is served over HTTPS (`secureCookies`), since HSTS over plain HTTP is ignored or, on a
    /// test host, harmful. No `includeSubDomains`: a council's other hosts are not ours to commit.
    static let strictTransportSecurity = HTTPField(name: HTTPField.Name("Strict-Transport-Security")!, value: "max-age=31536000")

    /// The fields every response gets, built and validated once.
    static func fields(https: Bool) -> [HTTPField] { common + (https ? [strictTransportSecurity] : []) }

    static let common: [HTTPField] = [
        HTTPField(name: .contentSecurityPolicy, value: contentSecurityPolicy),
        HTTPField(name: .xContentTypeOptions, value: "nosniff"),
        HTTPField(name: HTTPField.Name("Referrer-Policy")!, value: "strict-origin-when-cross-origin"),
        HTTPField(name: HTTPField.Name("X-Frame-Options")!, value: "DENY"),
        HTTPField(name: HTTPField.Name("Cross-Origin-Opener-Policy")!, value: "same-origin"),
        HTTPField(name: HTTPField.Name("Permissions-Policy")!, value: "camera=(), microphone=(), geolocation=()"),
    ]
}
