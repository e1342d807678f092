import Hummingbird
import NIOCore
import TownhallDomain
import TownhallStore

/// Per-request state: the signed-in user and session (set by `SessionMiddleware`) and the client address
/// used to throttle sign-in attempts.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var remoteAddress: String
    public var session: Session?
    public var user: User?
    /// The connection, so a read can be cancelled when its client goes (`ConnectionEnd`).
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        channel = source.channel
    }

    /// Forms and uploads are small; the configured limit applies to attachments.
    public var maxUploadSize: Int { 12 * 1024 * 1024 }
}
