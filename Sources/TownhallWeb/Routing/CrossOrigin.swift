import HTTPTypes
import Hummingbird

/// CORS for the routes `Route.isCrossOrigin` names: read-only open data, so any origin may read it, with no
/// credentials (a `*` origin never sends cookies), and a preflight that allows only reading. The same routes are
/// the open data, so each answer also names the licence (`OpenDataLicence`).
enum CrossOrigin {
    /// Headers a client may read beyond the CORS-safelisted ones: the validators it needs to mirror efficiently,
    /// and a data file's link to its next page.
    static let exposed = "ETag, Last-Modified, \(FeedRoutes.linkField.rawName)"

    /// The handler's answer, readable from any origin and naming the data's licence.
    static func allowing(_ handler: @escaping RouteTable.Handler, licence: OpenDataLicence) -> RouteTable.Handler {
        let link = HTTPField(name: FeedRoutes.linkField, value: licence.linkHeader)
        return { request, context in
            var response = try await handler(request, context)
            response.headers[.accessControlAllowOrigin] = "*"
            response.headers[.accessControlExposeHeaders] = exposed
            response.headers.append(link)
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
