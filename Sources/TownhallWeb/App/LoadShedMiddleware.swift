import Hummingbird
import Synchronization

/// Sheds load early: with `limit` requests already being worked on, another is answered 503 with `Retry-After` at
/// once, before it touches the store, instead of joining a queue that would make every reader wait seconds
/// (issue 15). Health and readiness checks are never refused, so a load balancer does not take a busy server for a
/// dead one.
struct LoadShedMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int
    private let inFlight = InFlightCount()
    /// Health and readiness, made once rather than for every request.
    private let alwaysAnswered: Set<String> = [SiteURL.health.path, SiteURL.ready.path, SiteURL.metrics.path]

    init(limit: Int) { self.limit = limit }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await inFlight.counting { count in
            if count > limit, !alwaysAnswered.contains(request.uri.path) { return Self.busy() }
            return try await next(request, context)
        }
    }

    /// The answer to a request the server will not take on now.
    static func busy() -> Response {
        Response(
            status: .serviceUnavailable,
            headers: [.retryAfter: "1", .cacheControl: "no-store", .contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: .init(string: "The site is busy. Try again in a moment.\n")))
    }
}

/// A tighter limit for renders of the routes that cost most (`Route.isCostly`: search, feeds, calendars, data files,
/// OParl lists), counted only when the page cache cannot answer. Under the overall limit alone, 128 searches could be
/// rendering at once on two cores and every reader waited behind them: p99 over a second with 512 connections
/// (issue 15). Beyond this many, the request is answered `LoadShedMiddleware.busy()` at once.
final class CostlyAdmission: Sendable {
    let limit: Int
    private let inFlight = InFlightCount()

    /// An eighth of the overall limit (16 of 128), and at least 2.
    init(maxInFlight: Int) { limit = max(2, maxInFlight / 8) }

    func admitting(_ handler: @escaping RouteTable.Handler) -> RouteTable.Handler {
        { [self] request, context in
            try await inFlight.counting { count in
                if count > limit { return LoadShedMiddleware<AppRequestContext>.busy() }
                return try await handler(request, context)
            }
        }
    }
}

/// How many requests are being worked on now, for the limits above.
final class InFlightCount: Sendable {
    private let value = Atomic<Int>(0)

    /// Counts one more while `work` runs; `work` is told how many there are, itself included.
    func counting<T>(_ work: (Int) async throws -> T) async rethrows -> T {
        let count = value.wrappingAdd(1, ordering: .relaxed).newValue
        defer { value.wrappingSubtract(1, ordering: .relaxed) }
        return try await work(count)
    }
}
