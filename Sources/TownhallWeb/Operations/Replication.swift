import Foundation
import Logging
import ServiceLifecycle
import TownhallStore

/// On the writer, when replicas follow it (`replicationHeartbeatSeconds` > 0): stamps the store's heartbeat that
/// often, so each replica can say how far behind it is.
struct HeartbeatService: Service {
    let database: AppDatabase
    let interval: Duration
    let logger: Logger
    let now: @Sendable () -> Date

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    do { try await database.beat(at: now()) } catch is CancellationError { throw CancellationError() } catch {
                        logger.error("replication heartbeat failed: \(error)")
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {}
    }
}

/// A read-only replica's staleness: its clock minus the newest heartbeat it has from the writer (so it counts the
/// heartbeat interval, the replication interval and any clock difference; keep both machines on NTP).
struct ReplicaLag: Sendable {
    let database: AppDatabase
    let maxSeconds: Int

    /// Nil when the writer has stamped no heartbeat: then the lag cannot be known.
    func seconds(now: Date) async throws -> Double? {
        try await database.lastHeartbeat().map { max(0, now.timeIntervalSince($0)) }
    }

    func acceptable(_ lag: Double?) -> Bool {
        guard let lag else { return false }
        return lag <= Double(maxSeconds)
    }
}

/// Thrown by every route a read-only replica does not serve: signing in, forms, the back office, any POST.
struct ReadOnlyRefusal: Error {}
