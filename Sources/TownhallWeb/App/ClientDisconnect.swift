import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// The end of a client's connection as the server sees it, so a read whose client has gone stops instead of
/// rendering for nobody. Hummingbird 2 does not cancel a handler when its client leaves (it only stops reading the
/// connection), so a burst of 64 abandoned calendar requests kept both cores busy and the next paper page waited
/// 3.5 s (issue 15). A client that half-closes (sends FIN) and still waits for its answer is treated as gone too, as
/// nginx treats it (its 499); no browser or HTTP library does that.
final class ConnectionEnd: @unchecked Sendable {
    private let lock = NIOLock()
    private var ended = false
    private var action: (@Sendable () -> Void)?

    /// Runs `action` when the client goes (at once if it already has). HTTP/1 answers one request at a time on a
    /// connection, so only the latest action is kept.
    func whenEnded(_ action: @escaping @Sendable () -> Void) {
        let now = lock.withLock { () -> Bool in
            if ended { return true }
            self.action = action
            return false
        }
        if now { action() }
    }

    /// The request finished; nothing to cancel any more.
    func clear() { lock.withLock { action = nil } }

    func end() {
        let pending = lock.withLock { () -> (@Sendable () -> Void)? in
            ended = true
            defer { action = nil }
            return action
        }
        pending?()
    }

    /// What the log (and the absent client) is told about a read cut short: nginx's "client closed request".
    static let clientClosed = HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request")

    /// Each open connection's end, by channel; the handler adds and removes its own entry.
    static let open = NIOLockedValueBox<[ObjectIdentifier: ConnectionEnd]>([:])

    static func of(_ channel: any Channel) -> ConnectionEnd? {
        open.withLockedValue { $0[ObjectIdentifier(channel)] }
    }
}

/// In each connection's pipeline (after HTTP decoding): marks the connection's end when the client closes its side
/// (`inputClosed`, since the server allows half-closure) or the connection drops. Everything passes through.
final class ConnectionEndHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    private let end = ConnectionEnd()

    func handlerAdded(context: ChannelHandlerContext) {
        let id = ObjectIdentifier(context.channel)
        ConnectionEnd.open.withLockedValue { $0[id] = end }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        forget(context.channel)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { end.end() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        end.end()
        forget(context.channel)
        context.fireChannelInactive()
    }

    private func forget(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        ConnectionEnd.open.withLockedValue { _ = $0.removeValue(forKey: id) }
    }
}

/// Answers each read in a task of its own that is cancelled when its client goes: a store read under way is
/// interrupted (GRDB turns task cancellation into `sqlite3_interrupt`) and none starts after; a client that leaves
/// once the reads are done is caught before the render (`PageRenderer.render` and the costly feeds check
/// `Task.isCancelled`), so only a render already under way when the close is seen finishes for nobody. Writes are
/// never cut short: a form sent is finished even if the browser was closed straight after.
struct DisconnectCancellingResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == AppRequestContext {
    typealias Context = AppRequestContext
    let inner: Inner

    func respond(to request: Request, context: Context) async throws -> Response {
        // No entry: the in-process test client, or a connection whose close has already been handled.
        guard request.method == .get || request.method == .head, let end = ConnectionEnd.of(context.channel) else {
            return try await inner.respond(to: request, context: context)
        }
        let task = Task { try await inner.respond(to: request, context: context) }
        end.whenEnded { task.cancel() }
        defer { end.clear() }
        do {
            return try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }
        } catch is CancellationError where task.isCancelled {
            return Response(status: ConnectionEnd.clientClosed)
        }
    }
}
