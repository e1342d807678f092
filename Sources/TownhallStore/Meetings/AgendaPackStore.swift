import Foundation
import GRDB
import TownhallDomain

/// What an agenda pack holds: the meeting, its agenda in order, and for each item its current public papers with
/// the HTML rendered at publication. Only what the meeting page shows: an exempt item's title and paragraph, never
/// its papers (`PublicSQL.currentPaper`).
public struct AgendaPackSource: Sendable {
    public struct Paper: Sendable {
        public var id: Int64
        public var title: String
        public var author: String
        public var revision: Int
        public var publishedAt: Date?
        public var html: String
    }

    public struct Item: Sendable {
        public var item: AgendaItem
        public var papers: [Paper]
    }

    public var summary: MeetingSummary
    public var location: Location?
    public var items: [Item]
}

/// A pack as made: when, and the sizes of its files (no PDF, with the reason, when it could not be made).
public struct AgendaPackRecord: Sendable, Equatable {
    public var id: Int64
    public var meetingId: Int64
    public var generatedAt: Date
    public var htmlBytes: Int
    public var pdfBytes: Int?
    public var pdfError: String?
}

extension AppDatabase {
    /// The meetings whose pack must be made again after the audit trail's position `after`, read up to `batch`
    /// lines: an agenda published, a meeting's details or status changed, an item added, changed, moved or removed,
    /// a paper published, revised or withdrawn, or a file attached or removed. Returns them with the last line read.
    public func meetingsNeedingPacks(batch: Int = 5_000) async throws -> (meetings: [Int64], through: Int64?) {
        try await writer.read { db in
            let after = try Int64.fetchOne(db, sql: "SELECT auditId FROM agendaPackState WHERE id = 1") ?? 0
            let lines = try Row.fetchAll(db, sql: """
                SELECT l.id, CASE l.objectType
                    WHEN 'meeting' THEN l.objectId
                    WHEN 'agendaItem' THEN (SELECT i.meetingId FROM agendaItem i WHERE i.id = l.objectId)
                    WHEN 'paper' THEN (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = l.objectId)
                    WHEN 'attachment' THEN (SELECT i.meetingId FROM attachment a JOIN agendaItem i ON i.id = a.agendaItemId WHERE a.id = l.objectId)
                  END AS meetingId, l.details
                FROM auditLog l WHERE l.id > ? AND l.objectType IN ('meeting', 'agendaItem', 'paper', 'attachment') ORDER BY l.id LIMIT ?
                """, arguments: [after, batch])
            let last = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM (SELECT id FROM auditLog WHERE id > ? ORDER BY id LIMIT ?)",
                                          arguments: [after, batch])
            var seen = Set<Int64>(), ordered: [Int64] = []
            for line in lines {
                // A removed item is gone from the store; its audit line names the meeting ("meeting 12: title").
                let removed = (line["details"] as String?).flatMap { details -> Int64? in
                    guard details.hasPrefix("meeting "), let colon = details.firstIndex(of: ":") else { return nil }
                    return Int64(details[details.index(details.startIndex, offsetBy: 8)..<colon])
                }
                if let id = (line["meetingId"] as Int64?) ?? removed, seen.insert(id).inserted { ordered.append(id) }
            }
            return (ordered, last)
        }
    }

    /// The pack's content, or nil when the meeting's agenda is not public (then no pack may exist).
    public func agendaPackSource(meetingId: Int64) async throws -> AgendaPackSource? {
        try await writer.read { db in
            guard let summary = try Self.meetingSummaries(db, where: "m.id = ?", arguments: [meetingId], order: "m.id", limit: 1).first,
                  summary.meeting.agendaPublishedAt != nil
            else { return nil }
            let location = try summary.meeting.locationId.flatMap { try Location.fetchOne(db, key: $0) }
            let papers = try Row.fetchAll(db, sql: """
                SELECT p.id, p.agendaItemId, p.title, p.author, p.revision, p.publishedAt, p.html FROM \(PublicSQL.paperJoins)
                WHERE m.id = ? AND \(PublicSQL.currentPaper) ORDER BY p.id
                """, arguments: [meetingId])
            let items = try AgendaItem.filter(Column("meetingId") == meetingId).order(Column("position"), Column("id")).fetchAll(db).map { item in
                AgendaPackSource.Item(item: item, papers: item.isExempt ? [] : papers.filter { $0["agendaItemId"] == item.id }.map { row in
                    AgendaPackSource.Paper(
                        id: row["id"], title: row["title"], author: row["author"], revision: row["revision"], publishedAt: row["publishedAt"],
                        html: row["html"] ?? "")
                })
            }
            return AgendaPackSource(summary: summary, location: location, items: items)
        }
    }

    /// Records a pack just written (or, with `htmlBytes` nil, that the meeting has none now) and moves the position
    /// on; a new id each time, so the cached meeting page shows the new pack.
    public func recordAgendaPacks(_ packs: [(meetingId: Int64, htmlBytes: Int?, pdfBytes: Int?, pdfError: String?)], through: Int64, at now: Date) throws {
        try writer.write { db in
            for pack in packs {
                try db.execute(sql: "DELETE FROM agendaPack WHERE meetingId = ?", arguments: [pack.meetingId])
                if let html = pack.htmlBytes {
                    try db.execute(sql: "INSERT INTO agendaPack (meetingId, generatedAt, htmlBytes, pdfBytes, pdfError) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [pack.meetingId, now, html, pack.pdfBytes, pack.pdfError])
                }
            }
            try db.execute(sql: "INSERT INTO agendaPackState (id, auditId) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET auditId = excluded.auditId",
                           arguments: [through])
        }
    }

    public func agendaPack(meetingId: Int64) async throws -> AgendaPackRecord? {
        try await writer.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM agendaPack WHERE meetingId = ?"), arguments: [meetingId]).map { row in
                AgendaPackRecord(
                    id: row["id"], meetingId: row["meetingId"], generatedAt: row["generatedAt"], htmlBytes: row["htmlBytes"], pdfBytes: row["pdfBytes"],
                    pdfError: row["pdfError"])
            }
        }
    }
}
