import Hummingbird

/// CORS for the routes `Route.isCrossOrigin` names: read-only open data, so any origin may read it, with no
/// credentials (a `*` origin never sends cookies), and a preflight that allows only reading.
enum CrossOrigin {
    /// Headers a client may read beyond the CORS-safelisted ones: the validators it needs to mirror efficiently,
    /// and a data file's link to its next page.
    static let exposed = "ETag, Last-Modified, \(FeedRoutes.linkField.rawName)"

    static func allowing(_ handler: @escaping RouteTable.Handler) -> RouteTable.Handler {
        { request, context in
            var response = try await handler(request, context)
            response.headers[.accessControlAllowOrigin] = "*"
            response.headers[.accessControlExposeHeaders] = exposed
            return response
        }
    }

    /// `OPTIONS` answered with what a browser's preflight needs: GET and HEAD, the conditional-request headers,
    /// cached for a day.
    @Sendable static func preflight(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(status: .noContent, headers: [
            .accessControlAllowOrigin: "*",
            .accessControlAllowMethods: "GET, HEAD, OPTIONS",
            .accessControlAllowHeaders: "Accept, If-None-Match, If-Modified-Since",
            .accessControlMaxAge: "86400",
            .allow: "GET, HEAD, OPTIONS",
        ])
    }
}
