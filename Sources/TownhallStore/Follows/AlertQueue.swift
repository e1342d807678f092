import Foundation
import GRDB
import TownhallDomain

/// One follow's alerts ready to send: as they happen for an instant follow, a week's for a weekly one.
public struct AlertBatch: Sendable {
    public let follow: Follow
    /// Oldest first.
    public let events: [PublicEvent]
}

extension AppDatabase {
    /// Queues every follow's due alerts as one outbox message each, written by `compose`, carrying the follow's
    /// token for the one-click unsubscribe; the alerts are marked queued in the same transaction, so each is sent
    /// once. A weekly follow's alerts wait until a week after its last digest. Returns how many messages.
    @discardableResult
    public func queueDueAlerts(now: Date, compose: @Sendable (AlertBatch) -> (subject: String, body: String)) throws -> Int {
        try writer.write { db in
            let weekAgo = now.addingTimeInterval(-FollowFrequency.digestInterval)
            let follows = try Follow.fetchAll(db, sql: """
                SELECT f.* FROM follow f WHERE f.confirmedAt IS NOT NULL
                  AND EXISTS (SELECT 1 FROM alert a WHERE a.followId = f.id AND a.queuedAt IS NULL)
                  AND (f.frequency = 'instant' OR f.lastDigestAt IS NULL OR f.lastDigestAt <= ?)
                ORDER BY f.id
                """, arguments: [weekAgo])
            for var follow in follows {
                let events = try Row.fetchAll(db, sql: """
                    SELECT e.* FROM alert a JOIN publicEvent e ON e.id = a.eventId WHERE a.followId = ? AND a.queuedAt IS NULL ORDER BY e.id
                    """, arguments: [follow.id]).compactMap(PublicEvent.init(row:))
                let text = compose(AlertBatch(follow: follow, events: events))
                var message = OutboxMessage(
                    kind: .alert, recipient: follow.email, subject: text.subject, body: text.body, createdAt: now, nextAttemptAt: now,
                    unsubscribeToken: follow.token)
                try message.insert(db)
                try db.execute(sql: "UPDATE alert SET queuedAt = ? WHERE followId = ? AND queuedAt IS NULL", arguments: [now, follow.id])
                if follow.frequency == .weekly {
                    follow.lastDigestAt = now
                    try follow.update(db)
                }
            }
            return follows.count
        }
    }

    /// How many messages were sent to each address, and in all, since `since`: the outbox's rate limits.
    public func sentCounts(since: Date) throws -> (byRecipient: [String: Int], total: Int) {
        try writer.read { db in
            var byRecipient: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT lower(recipient) AS recipient, COUNT(*) AS n FROM outbox WHERE sentAt > ? GROUP BY lower(recipient)",
                                        arguments: [since]) {
                byRecipient[row["recipient"]] = row["n"]
            }
            return (byRecipient, byRecipient.values.reduce(0, +))
        }
    }
}
