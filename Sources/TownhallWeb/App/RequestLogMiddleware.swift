import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TownhallDomain
import TownhallStore

/// Gives every request an id (kept from the proxy's `X-Request-Id` when it looks like one), puts it on every log
/// record made while handling the request and on the response, and logs the request once it is answered: writes,
/// refusals and errors at info or above, successful reads at debug (a busy public site would otherwise log
/// thousands of identical lines a second). Only the method, path and status are logged, never query strings,
/// bodies or cookies, which can hold search terms, passwords and tokens. Behind a trusted proxy the client
/// address is the last `X-Forwarded-For` entry, the one the proxy itself added.
///
/// The same answer is counted in `/metrics`, by route pattern, method and status, with its time.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trustProxy: Bool
    let metrics: AppMetrics

    static let requestIdField = HTTPField.Name("X-Request-Id")!
    static let forwardedForField = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // Hummingbird already tags the context's logger with a fresh id (`hb.request.id`); changing a logger's
        // metadata costs a re-render of its prefix, so that is done only for an id from the proxy.
        let id: String
        if let incoming = request.headers[Self.requestIdField].flatMap(Self.acceptable) {
            id = incoming
            context.logger[metadataKey: "hb.request.id"] = .string(incoming)
        } else {
            id = context.id
        }
        if trustProxy, let forwarded = request.headers[values: Self.forwardedForField].last,
           let client = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !client.isEmpty {
            context.remoteAddress = client
        }
        let started = ContinuousClock.now
        do {
            var response = try await next(request, context)
            response.headers[Self.requestIdField] = id
            log(request, context, status: response.status.code, since: started)
            return response
        } catch {
            let status = error is CancellationError ? ConnectionEnd.clientClosed.code : (error as? HTTPResponseError)?.status.code ?? 500
            log(request, context, status: status, since: started)
            throw error
        }
    }

    func log(_ request: Request, _ context: Context, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        metrics.request(route: Self.routeLabel(context.endpointPath), method: Self.methodLabel(request.method), status: status, duration: elapsed)
        let isRead = request.method == .get || request.method == .head
        let level: Logger.Level = status >= 500 ? .error : (isRead && status < 400 ? .debug : .info)
        guard context.logger.logLevel <= level else { return }
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.log(level: level, "request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(Self.loggable(request.uri.path)), "status": .stringConvertible(status),
            "ms": .string(String(format: "%.1f", milliseconds)), "client": .string(context.remoteAddress),
        ])
    }

    /// What a request is counted under: its route's pattern, `static` for a file from `Public/`, or `unmatched` (any
    /// path no route has, so random URLs cannot make a series each).
    static func routeLabel(_ endpoint: String?) -> String {
        switch endpoint {
        case nil, "NotFound": "unmatched"
        case "FileMiddleware": "static"
        case let pattern?: pattern
        }
    }

    /// The methods the site answers by name, any other as `other`: a client may send any token as a method, and each
    /// label value is a series kept for the life of the process.
    static func methodLabel(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .options: method.rawValue
        default: "other"
        }
    }

    /// The path with any secret in it masked: the `:token` of every route that has one (a password reset link, a
    /// follower's links), found from the route table so a new secret link is masked without a change here.
    static func loggable(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for pattern in secretPatterns where pattern.count == segments.count {
            guard zip(pattern, segments).allSatisfy({ $0.hasPrefix(":") || $0 == $1 }) else { continue }
            return zip(pattern, segments).map { $0 == ":token" ? "[token]" : String($1) }.joined(separator: "/")
        }
        return path
    }

    private static let secretPatterns = Route.allCases.filter { $0.parameters.contains("token") }
        .map { $0.pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init) }

    /// An incoming id is kept only if it is short and plain, so it cannot forge log lines.
    static func acceptable(_ id: String) -> String? {
        guard (1...64).contains(id.utf8.count), id.utf8.allSatisfy({ $0 == 45 || $0 == 95 || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) })
        else { return nil }
        return id
    }
}
