import Hummingbird
import Synchronization

/// Sheds load early: with `limit` requests already being worked on, another is answered 503 with `Retry-After` at
/// once, before it touches the store, instead of joining a queue that would make every reader wait seconds
/// (issue 15). Health and readiness checks are never refused, so a load balancer does not take a busy server for a
/// dead one.
struct LoadShedMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int
    private let inFlight = Counter()
    /// Health and readiness, made once rather than for every request.
    private let alwaysAnswered: Set<String> = [SiteURL.health.path, SiteURL.ready.path]

    init(limit: Int) { self.limit = limit }

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let count = inFlight.value.wrappingAdd(1, ordering: .relaxed).newValue
        defer { inFlight.value.wrappingSubtract(1, ordering: .relaxed) }
        if count > limit, !alwaysAnswered.contains(request.uri.path) {
            return Response(
                status: .serviceUnavailable,
                headers: [.retryAfter: "1", .cacheControl: "no-store", .contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: .init(string: "The site is busy. Try again in a moment.\n")))
        }
        return try await next(request, context)
    }
}
