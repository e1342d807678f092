import Foundation
import GRDB
import TownhallDomain

/// An open or closed window with what was sent to it, for the clerk's queue.
public struct ContributionQueueEntry: Sendable {
    public var window: ContributionWindow
    /// The meeting or inquiry, as residents are told it.
    public var title: String
    /// Confirmed contributions, oldest first; unconfirmed ones are only counted (a clerk cannot act on them).
    public var contributions: [Contribution]
    public var unconfirmed: Int
}

/// A contribution with the window it was sent to, its title, and the body whose clerks decide it.
public struct ContributionContext: Sendable {
    public var contribution: Contribution
    public var window: ContributionWindow
    public var title: String
    public var bodyId: Int64
}

/// Written evidence the public may read: accepted, with its inquiry.
public struct PublishedEvidence: Sendable {
    public var evidence: Contribution
    public var inquiry: Inquiry
}

extension AppDatabase {
    /// The body's windows, newest deadline first, with their confirmed contributions: the clerk's moderation queue.
    public func contributionQueue(bodyId: Int64, time: LocalTime) throws -> [ContributionQueueEntry] {
        try writer.read { db in
            let windows = try ContributionWindow.fetchAll(db, sql: """
                SELECT w.* FROM contributionWindow w LEFT JOIN meeting m ON m.id = w.meetingId LEFT JOIN inquiry q ON q.id = w.inquiryId
                WHERE m.bodyId = ? OR q.bodyId = ? ORDER BY w.closesAt DESC LIMIT 50
                """, arguments: [bodyId, bodyId])
            return try windows.map { window in
                let all = try Contribution.filter(Column("windowId") == window.id!).order(Column("id")).fetchAll(db)
                return ContributionQueueEntry(
                    window: window, title: try Self.windowTitle(db, window, time: time), contributions: all.filter { $0.state != .unconfirmed },
                    unconfirmed: all.filter { $0.state == .unconfirmed }.count)
            }
        }
    }

    /// Contributions waiting for a decision, per body id, for the clerk's dashboard.
    public func contributionsWaiting() throws -> [Int64: Int] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT COALESCE(m.bodyId, q.bodyId) AS bodyId, COUNT(*) AS waiting FROM contribution c
                JOIN contributionWindow w ON w.id = c.windowId LEFT JOIN meeting m ON m.id = w.meetingId LEFT JOIN inquiry q ON q.id = w.inquiryId
                WHERE c.state = 'received' GROUP BY 1
                """)
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["bodyId"] as Int64, $0["waiting"] as Int) })
        }
    }

    /// One contribution by id, with what the clerk's authorisation and messages need; nil when there is none.
    public func contributionContext(id: Int64, time: LocalTime) throws -> ContributionContext? {
        try writer.read { db in
            guard let contribution = try Contribution.fetchOne(db, key: id) else { return nil }
            return try Self.contributionContext(db, contribution, time: time)
        }
    }

    /// The contribution a confirmation link names, with its window; nil for an unknown link.
    public func contributionContext(token: String, time: LocalTime) throws -> ContributionContext? {
        try writer.read { db in
            guard let contribution = try Contribution.filter(Column("token") == token).fetchOne(db) else { return nil }
            return try Self.contributionContext(db, contribution, time: time)
        }
    }

    static func contributionContext(_ db: Database, _ contribution: Contribution, time: LocalTime) throws -> ContributionContext? {
        guard let window = try ContributionWindow.fetchOne(db, key: contribution.windowId),
              let bodyId = try Int64.fetchOne(db, sql: """
                  SELECT COALESCE((SELECT bodyId FROM meeting WHERE id = ?), (SELECT bodyId FROM inquiry WHERE id = ?))
                  """, arguments: [window.meetingId, window.inquiryId])
        else { return nil }
        return ContributionContext(contribution: contribution, window: window, title: try windowTitle(db, window, time: time), bodyId: bodyId)
    }

    /// The body's inquiries, newest first, each with its call for evidence if it has one.
    public func inquiriesWithCalls(bodyId: Int64) throws -> [(Inquiry, ContributionWindow?)] {
        try writer.read { db in
            try Inquiry.filter(Column("bodyId") == bodyId).order(Column("openedOn").desc).fetchAll(db).map { inquiry in
                (inquiry, try ContributionWindow.filter(Column("inquiryId") == inquiry.id!).fetchOne(db))
            }
        }
    }

    /// The questions window of a meeting, if questions were ever opened for it.
    public func questionWindow(meetingId: Int64) throws -> ContributionWindow? {
        try writer.read { db in try ContributionWindow.filter(Column("meetingId") == meetingId).fetchOne(db) }
    }

    /// The call for evidence of an inquiry (by slug) with the inquiry; nil when there is no such inquiry.
    public func evidenceWindow(inquirySlug: String) throws -> (Inquiry, ContributionWindow?)? {
        try writer.read { db in
            guard let inquiry = try Inquiry.filter(Column("slug") == inquirySlug).fetchOne(db) else { return nil }
            return (inquiry, try ContributionWindow.filter(Column("inquiryId") == inquiry.id!).fetchOne(db))
        }
    }

    /// The accepted questions of a meeting's public questions item, in the order they were sent, each with the
    /// names merged into it. The caller shows them only where the item itself is public (`PublicSQL.itemAndAgenda`).
    static func publishedQuestions(_ db: Database, window: ContributionWindow) throws -> (itemId: Int64, questions: [PublishedQuestion])? {
        guard let itemId = window.agendaItemId else { return nil }
        let rows = try db.cachedRecords(Contribution.self, """
            SELECT * FROM contribution WHERE windowId = ? AND state IN ('accepted', 'merged') ORDER BY id
            """, [window.id!])
        let merged = Dictionary(grouping: rows.filter { $0.state == .merged }, by: { $0.mergedIntoId ?? 0 })
        let questions = rows.filter(\.isPublic).map { PublishedQuestion(question: $0, alsoAskedBy: (merged[$0.id!] ?? []).map(\.name)) }
        return (itemId, questions)
    }

    /// The accepted questions by the item they are published under, for the first draft of the minutes.
    public func publishedQuestions(meetingId: Int64) async throws -> [Int64: [PublishedQuestion]] {
        try await writer.read { db in
            guard let window = try ContributionWindow.filter(Column("meetingId") == meetingId).fetchOne(db),
                  let found = try Self.publishedQuestions(db, window: window)
            else { return [:] }
            return [found.itemId: found.questions]
        }
    }

    /// An inquiry's accepted written evidence, in the order it was sent.
    static func publishedEvidence(_ db: Database, inquiryId: Int64) throws -> [Contribution] {
        try Contribution.fetchAll(db, sql: """
            SELECT c.* FROM contribution c JOIN contributionWindow w ON w.id = c.windowId
            WHERE w.inquiryId = ? AND c.state = 'accepted' ORDER BY c.id
            """, arguments: [inquiryId])
    }

    /// One piece of written evidence the public may read; nil unless accepted.
    public func publishedEvidence(id: Int64) async throws -> PublishedEvidence? {
        try await writer.read { db in
            guard let evidence = try Contribution.fetchOne(db, key: id), evidence.kind == .evidence, evidence.isPublic,
                  let inquiry = try Inquiry.fetchOne(db, sql: """
                      SELECT q.* FROM inquiry q JOIN contributionWindow w ON w.inquiryId = q.id WHERE w.id = ?
                      """, arguments: [evidence.windowId])
            else { return nil }
            return PublishedEvidence(evidence: evidence, inquiry: inquiry)
        }
    }

    /// Contributions for the administrator's `contribution list`, newest first.
    public func contributions(bodyId: Int64?, state: ContributionState?, time: LocalTime, limit: Int = 500) throws -> [ContributionContext] {
        try writer.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let bodyId {
                conditions.append("COALESCE(m.bodyId, q.bodyId) = ?")
                arguments += [bodyId]
            }
            if let state {
                conditions.append("c.state = ?")
                arguments += [state.rawValue]
            }
            let rows = try Contribution.fetchAll(db, sql: """
                SELECT c.* FROM contribution c JOIN contributionWindow w ON w.id = c.windowId
                LEFT JOIN meeting m ON m.id = w.meetingId LEFT JOIN inquiry q ON q.id = w.inquiryId
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY c.id DESC LIMIT ?
                """, arguments: arguments + [limit])
            return try rows.compactMap { try Self.contributionContext(db, $0, time: time) }
        }
    }
}
