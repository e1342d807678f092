import Hummingbird

/// Per-request state. A type of our own (not `BasicRequestContext`) so sessions and the signed-in user can be
/// added without touching every route.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
