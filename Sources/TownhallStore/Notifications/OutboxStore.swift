import Foundation
import GRDB
import TownhallDomain

extension AppDatabase {
    /// Queues the calendar-driven notices (due soon, overdue, action overdue) that are due now. Idempotent: each recommendation
    /// gets each notice once per recipient, however often this runs.
    @discardableResult
    public func enqueueDeadlineNotices(deadlines: Deadlines, now: Date) throws -> Int {
        try writer.write { db in
            let before = try OutboxMessage.fetchCount(db)
            for tracked in try Self.tracked(db, RecommendationScope(), deadlines, now) {
                if let action = tracked.action, action.isOverdue, let target = action.target {
                    let record = tracked.recommendation
                    try db.enqueue(
                        .actionOverdue, to: try Self.responders(record.organisationId, db) + Self.clerkEmails(record.bodyId, db), at: now,
                        subject: "Action overdue: recommendation \(record.number) of \(tracked.body.name) to \(tracked.organisation.name)",
                        body: """
                            The action \(tracked.organisation.name) promised on recommendation \(record.number) of "\(tracked.paperTitle)" \
                            was due by \(deadlines.time.longDate(day: target)) and is not recorded as implemented\
                            \(action.status.map { " (latest progress: \($0.label.lowercased()))" } ?? "").

                            A progress update with a new target, or marking it implemented, ends this.
                            {{site}}/recommendations/\(record.id!)
                            """,
                        dedupeKey: "\(NotificationKind.actionOverdue.rawValue):\(record.id!):\(target)")
                }
                let kind: NotificationKind
                switch tracked.state {
                case .dueSoon: kind = .dueSoon
                case .overdue, .longOverdue: kind = .overdue
                default: continue
                }
                let record = tracked.recommendation
                let due = record.dueOn.flatMap(Day.init).map(deadlines.time.longDate(day:)) ?? "unknown"
                let recipients = try Self.responders(record.organisationId, db) + (kind == .overdue ? try Self.clerkEmails(record.bodyId, db) : [])
                try db.enqueue(
                    kind, to: recipients, at: now,
                    subject: kind == .dueSoon
                        ? "Response due \(due): recommendation \(record.number) of \(tracked.body.name)"
                        : "Overdue: \(tracked.organisation.name) has not responded to recommendation \(record.number) of \(tracked.body.name)",
                    body: """
                        Recommendation \(record.number) of "\(tracked.paperTitle)" (\(tracked.body.name)) to \(tracked.organisation.name):
                        \(record.text)

                        The response \(kind == .dueSoon ? "is due" : "was due") by the end of \(due).
                        {{site}}/recommendations/\(record.id!)
                        """,
                    dedupeKey: "\(kind.rawValue):\(record.id!):\(record.dueOn ?? "")")
            }
            return try OutboxMessage.fetchCount(db) - before
        }
    }

    /// Reminds a body's clerks of its annual report or a peer challenge follow-up once it is due soon, and again
    /// once it is overdue; never twice for the same state and due day.
    @discardableResult
    public func enqueueDutyReminders(today: Day, time: LocalTime, now: Date) throws -> Int {
        try writer.write { db in
            let before = try OutboxMessage.fetchCount(db)
            for duty in try Self.duties(db, today: today, time: time, rules: peerChallengeRules) where duty.state.isOutstanding {
                let overdue = duty.state.code == "overdue"
                try db.enqueue(
                    .dutyReminder, to: try Self.clerkEmails(duty.bodyId, db), at: now,
                    subject: "\(overdue ? "Overdue" : "Due soon"): \(duty.what), \(duty.subject)",
                    body: """
                        \(duty.what) for \(duty.subject) \(overdue ? "was" : "is") due by \(time.longDate(day: duty.state.dueDay)).
                        {{site}}\(duty.url)
                        """,
                    dedupeKey: "\(NotificationKind.dutyReminder.rawValue):\(duty.state.code):\(duty.bodyId):\(duty.what):\(duty.state.dueDay)")
            }
            return try OutboxMessage.fetchCount(db) - before
        }
    }

    public func pendingMessages(now: Date, limit: Int = 100) throws -> [OutboxMessage] {
        try writer.read { db in
            try OutboxMessage.filter(Column("sentAt") == nil && Column("nextAttemptAt") <= now).order(Column("id")).limit(limit).fetchAll(db)
        }
    }

    public func outbox() throws -> [OutboxMessage] {
        try writer.read { db in try OutboxMessage.order(Column("id")).fetchAll(db) }
    }

    public func markSent(messageId: Int64, at now: Date) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE outbox SET sentAt = ?, attempts = attempts + 1, lastError = NULL WHERE id = ?", arguments: [now, messageId])
        }
    }

    /// Keeps a failed message with its error; it is tried again after a back-off that grows with each attempt.
    public func markFailed(messageId: Int64, error: String, at now: Date) throws {
        try writer.write { db in
            let attempts = try Int.fetchOne(db, sql: "SELECT attempts FROM outbox WHERE id = ?", arguments: [messageId]) ?? 0
            let delay = min(3600.0, 60.0 * pow(2.0, Double(attempts)))
            try db.execute(
                sql: "UPDATE outbox SET attempts = attempts + 1, lastError = ?, nextAttemptAt = ? WHERE id = ?",
                arguments: [String(error.prefix(1000)), now.addingTimeInterval(delay), messageId])
        }
    }
}
