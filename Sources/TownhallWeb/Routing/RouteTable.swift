import Hummingbird
import TownhallDomain

/// Registers each handler under its `Route`, so the table in `Route` is the only list of paths: public routes go
/// through the page cache, every other straight to its handler, and `missing` names any route and method of the
/// table that has no handler (the application refuses to start with one).
final class RouteTable: @unchecked Sendable {
    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response

    private let router: Router<AppRequestContext>
    private let cached: RouterGroup<AppRequestContext>
    /// Open data: the page cache inside gzip, so the cache keeps one uncompressed copy.
    private let compressed: RouterGroup<AppRequestContext>
    /// Filled while the application is built, on one task, then only read.
    private var registered: Set<String> = []

    private let costly: CostlyAdmission
    private let licence: OpenDataLicence
    /// A read-only replica: every route but the public and operations GETs refuses (`ReadOnlyRefusal`).
    private let readOnly: Bool

    init(
        router: Router<AppRequestContext>, cache: HTTPCacheMiddleware, costly: CostlyAdmission, licence: OpenDataLicence, readOnly: Bool = false
    ) {
        self.router = router
        self.readOnly = readOnly
        self.costly = costly
        self.licence = licence
        cached = router.group().add(middleware: cache)
        compressed = router.group().add(middleware: GzipMiddleware()).add(middleware: cache)
    }

    func get(_ route: Route, use handler: @escaping Handler) { on(route, .get, handler) }
    func post(_ route: Route, use handler: @escaping Handler) { on(route, .post, handler) }

    private func on(_ route: Route, _ method: HTTPRequest.Method, _ handler: @escaping Handler) {
        precondition(route.methods.contains(method), "\(route) does not answer \(method)")
        precondition(registered.insert(Self.key(route, method)).inserted, "\(route) \(method) is registered twice")
        let path = RouterPath(route.pattern)
        // Inside the page cache, so only renders are counted against the costly limit.
        let admitted = route.isCostly && method == .get ? costly.admitting(handler) : handler
        let served = route.isCrossOrigin ? CrossOrigin.allowing(admitted, licence: licence) : admitted
        let handler = readOnly && !Self.servedReadOnly(route, method) ? Self.refuse : served
        if route.audience == .public {
            (route.isCrossOrigin ? compressed : cached).on(path, method: method, use: handler)
        } else {
            router.on(path, method: method, use: handler)
        }
        if method == .get, route.registeredMethods.contains(.options) {
            router.on(path, method: .options, use: CrossOrigin.preflight)
        }
    }

    private static let refuse: Handler = { @Sendable _, _ in throw ReadOnlyRefusal() }

    /// What a read-only replica answers: what residents and operators read, nothing that signs in or changes anything.
    static func servedReadOnly(_ route: Route, _ method: HTTPRequest.Method) -> Bool {
        method == .get && (route.audience == .public || route.audience == .operations)
    }

    /// Every route and method of the table without a handler.
    var missing: [String] {
        Route.allCases.flatMap { route in route.methods.map { Self.key(route, $0) } }.filter { !registered.contains($0) }
    }

    private static func key(_ route: Route, _ method: HTTPRequest.Method) -> String { "\(route.rawValue) \(method.rawValue)" }
}
