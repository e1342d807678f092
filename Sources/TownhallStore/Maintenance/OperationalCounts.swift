import Foundation
import GRDB
import TownhallDomain

/// The store's numbers an operator watches (issue 21, `/metrics`): mail waiting and failing, and recommendations
/// whose response is overdue, as the tracker works them out (so the same rule as every page).
public struct OperationalCounts: Sendable, Equatable {
    /// Messages not yet sent, failed or not.
    public var outboxUnsent: Int
    /// Unsent messages whose last attempt failed.
    public var outboxFailing: Int
    /// How long the oldest unsent message has waited, in seconds; 0 when none waits.
    public var oldestUnsentSeconds: Double
    /// Issued recommendations overdue or long overdue for a response.
    public var recommendationsOverdue: Int
}

extension AppDatabase {
    public func operationalCounts(deadlines: Deadlines, now: Date) async throws -> OperationalCounts {
        try await writer.read { db in
            let outbox = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS unsent, COUNT(lastError) AS failing, MIN(createdAt) AS oldest FROM outbox WHERE sentAt IS NULL
                """)!
            let oldest: Date? = outbox["oldest"]
            let overdue = try Self.tracked(db, RecommendationScope(), deadlines, now).count { $0.state == .overdue || $0.state == .longOverdue }
            return OperationalCounts(
                outboxUnsent: outbox["unsent"], outboxFailing: outbox["failing"],
                oldestUnsentSeconds: oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0, recommendationsOverdue: overdue)
        }
    }
}
