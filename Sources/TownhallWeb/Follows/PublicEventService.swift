import Foundation
import Logging
import ServiceLifecycle
import TownhallDomain
import TownhallStore

/// Keeps the public events (and so followers' alerts and feeds) a few seconds behind the audit trail while the
/// server runs; overdue responses, a walk over every tracked recommendation, are looked for every ten minutes.
/// Sending stays with `townhall notify run`, which also catches up first, so a site run without the server's
/// help loses nothing.
struct PublicEventService: Service {
    let database: AppDatabase
    let deadlines: Deadlines
    let logger: Logger
    let now: @Sendable () -> Date
    static let interval: Duration = .seconds(5)
    static let overdueEvery = 120

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                var pass = 0
                while true {
                    do {
                        let overdue = pass % Self.overdueEvery == 0, at = now(), deadlines = deadlines
                        _ = try await database.perform { try $0.recordPublicEvents(deadlines: deadlines, now: at, overdue: overdue) }
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        logger.error("public events: catch-up failed: \(error)")
                    }
                    pass += 1
                    try await Task.sleep(for: Self.interval)
                }
            }
        } catch is CancellationError {}
    }
}
