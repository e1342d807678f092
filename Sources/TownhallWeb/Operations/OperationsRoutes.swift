import Foundation
import HTTPTypes
import Hummingbird
import TownhallDomain
import TownhallStore

/// What load balancers and operators ask: `/healthz` (the process runs), `/readyz` (send it traffic) and `/metrics`.
///
/// `/metrics` is for Prometheus (issue 21). Served to a scraper on this machine (a loopback peer whose request came
/// through no proxy: a proxy on the same host makes every visitor look local, so a forwarding header disqualifies)
/// or to one presenting `metricsToken` as `Authorization: Bearer …`; anyone else gets 403.
struct OperationsRoutes: Sendable {
    let metrics: AppMetrics
    let database: AppDatabase
    let deadlines: Deadlines
    let token: String?
    /// On a read-only replica: how stale it may be and still take traffic.
    let replica: ReplicaLag?
    let now: @Sendable () -> Date

    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    func register(on routes: RouteTable) {
        routes.get(.health) { _, _ in Self.text(.ok, "ok") }
        routes.get(.ready, use: ready)
        routes.get(.metrics, use: scrape)
    }

    /// Ready when the store answers and its schema is current, and on a replica when its lag is within bounds.
    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard (try? database.pendingMigrations().isEmpty) ?? false else { return Self.text(.serviceUnavailable, "not ready") }
        guard let replica else { return Self.text(.ok, "ready") }
        let lag = try await replica.seconds(now: now())
        let said = lag.map { String(format: "replication lag %.1f s", $0) } ?? "replication lag unknown: the writer stamps no heartbeat"
        return replica.acceptable(lag) ? Self.text(.ok, "ready, \(said)") : Self.text(.serviceUnavailable, "not ready, \(said)")
    }

    @Sendable func scrape(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard Self.allowed(request.headers, remoteAddress: context.remoteAddress, token: token) else {
            return Self.text(.forbidden, "Metrics are served to this machine, or with the metrics token.\n")
        }
        let counts = try await database.operationalCounts(deadlines: deadlines, now: now())
        let lag = try await replica?.seconds(now: now())
        return Response(
            status: .ok, headers: [.contentType: Self.contentType, .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: metrics.exposition(counts, replicationLag: replica == nil ? nil : lag ?? .infinity))))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static let forwardingFields = ["X-Forwarded-For", "Forwarded", "X-Real-IP"].compactMap { HTTPField.Name($0) }

    static func allowed(_ headers: HTTPFields, remoteAddress: String, token: String?) -> Bool {
        if let token, let presented = headers[.authorization], presented.hasPrefix("Bearer ") {
            return constantTimeEqual(Array(presented.utf8.dropFirst(7)), Array(token.utf8))
        }
        guard forwardingFields.allSatisfy({ headers[$0] == nil }) else { return false }
        return remoteAddress == "::1" || remoteAddress.hasPrefix("127.") || remoteAddress.hasPrefix("::ffff:127.")
    }

    /// Compares every byte whatever the first difference, so the time taken says nothing of how much of a guess was right.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
