import Foundation
import GRDB
import TownhallDomain

/// A meeting as a calendar event: its public agenda items and when it last changed.
public struct CalendarMeeting: Sendable {
    /// An agenda line: number, title and, for a supplementary item, when it was added.
    public struct Item: Sendable, Equatable {
        public var number: String
        public var title: String
        public var supplementaryAt: Date?
        public init(number: String, title: String, supplementaryAt: Date? = nil) {
            self.number = number
            self.title = title
            self.supplementaryAt = supplementaryAt
        }
    }

    public var summary: MeetingSummary
    public var address: String?
    public var items: [Item]
    public var lastChanged: Date

    public init(
        summary: MeetingSummary, address: String? = nil, items: [Item], lastChanged: Date
    ) {
        self.summary = summary
        self.address = address
        self.items = items
        self.lastChanged = lastChanged
    }
}

/// A published paper as a feed entry.
public struct FeedPaper: Sendable {
    public var paper: Paper
    public var meeting: MeetingSummary

    public init(
        paper: Paper, meeting: MeetingSummary
    ) {
        self.paper = paper
        self.meeting = meeting
    }
}

/// A submitted response as a feed entry and a line of the bulk download.
public struct FeedResponse: Sendable {
    public var response: ProviderResponse
    public var organisation: Organisation
    public var paper: Paper
    public var body: Body
    public var accepted: Int
    public var partlyAccepted: Int
    public var rejected: Int

    public init(
        response: ProviderResponse, organisation: Organisation, paper: Paper, body: Body, accepted: Int,
        partlyAccepted: Int, rejected: Int
    ) {
        self.response = response
        self.organisation = organisation
        self.paper = paper
        self.body = body
        self.accepted = accepted
        self.partlyAccepted = partlyAccepted
        self.rejected = rejected
    }
}

/// One answered recommendation in the bulk download of responses.
public struct ResponseLine: Sendable, Codable, Equatable {
    public var responseId: Int64
    public var version: Int
    public var submittedAt: Date
    public var organisation: String
    public var body: String
    public var paperId: Int64
    public var paperTitle: String
    public var recommendationId: Int64
    public var recommendationNumber: Int
    public var decision: String
    public var reasons: String
    public var action: String
    public var targetDate: String

    public init(
        responseId: Int64, version: Int, submittedAt: Date, organisation: String, body: String, paperId: Int64,
        paperTitle: String, recommendationId: Int64, recommendationNumber: Int, decision: String, reasons: String,
        action: String, targetDate: String
    ) {
        self.responseId = responseId
        self.version = version
        self.submittedAt = submittedAt
        self.organisation = organisation
        self.body = body
        self.paperId = paperId
        self.paperTitle = paperTitle
        self.recommendationId = recommendationId
        self.recommendationNumber = recommendationNumber
        self.decision = decision
        self.reasons = reasons
        self.action = action
        self.targetDate = targetDate
    }
}

/// Read paths for calendars, feeds and bulk data; the same publication rules as the public pages.
extension AppDatabase {
    /// Looks up the body of a per-body feed; nil slug means every body, a wrong slug is nil.
    public func feedBody(slug: String?) async throws -> Body?? {
        guard let slug else { return .some(nil) }
        return try await writer.read { db in try Body.filter(Column("slug") == slug).fetchOne(db).map { .some($0) } }
    }

    /// The latest `CalendarWindow.maxEvents` meetings in the window, in date order.
    public func calendarMeetings(bodyId: Int64?, window: CalendarWindow) async throws -> [CalendarMeeting] {
        try await writer.read { db in
            let range = "m.startsAt >= ? AND m.startsAt <= ?"
            let summaries = try Self.meetingSummaries(
                db, where: bodyId == nil ? range : range + " AND m.bodyId = ?",
                arguments: StatementArguments([window.from, window.until]) + StatementArguments(bodyId.map { [$0] } ?? []),
                order: "m.startsAt DESC",
                limit: CalendarWindow.maxEvents).reversed()
            // Three queries for the whole calendar, not three a meeting: 500 meetings took 111 ms (issue 15).
            let ids = "[" + summaries.map { String($0.meeting.id!) }.joined(separator: ",") + "]"
            let items = Dictionary(grouping: try db.cachedMap("""
                SELECT i.meetingId, i.number, i.title, i.supplementaryAt FROM agendaItem i JOIN meeting m ON m.id = i.meetingId
                WHERE i.meetingId IN (SELECT value FROM json_each(?)) AND m.agendaPublishedAt IS NOT NULL
                ORDER BY i.meetingId, i.position
                """, [ids]) { row in
                (meetingId: row["meetingId"] as Int64,
                 item: CalendarMeeting.Item(number: row["number"], title: row["title"], supplementaryAt: row["supplementaryAt"]))
            }, by: \.meetingId).mapValues { $0.map(\.item) }
            let changed = Dictionary(uniqueKeysWithValues: try db.cachedMap("""
                SELECT objectId, MAX(at) AS at FROM auditLog
                WHERE objectType = 'meeting' AND objectId IN (SELECT value FROM json_each(?)) GROUP BY objectId
                """, [ids]) { ($0["objectId"] as Int64, $0["at"] as Date) })
            let addresses = Dictionary(uniqueKeysWithValues: try db.cachedRecords(Location.self, """
                SELECT * FROM location WHERE id IN (SELECT m.locationId FROM meeting m WHERE m.id IN (SELECT value FROM json_each(?)))
                """, [ids]).map { ($0.id!, $0.address.isEmpty ? $0.name : "\($0.name), \($0.address)") })
            return summaries.map { summary in
                let meeting = summary.meeting
                return CalendarMeeting(
                    summary: summary, address: meeting.locationId.flatMap { addresses[$0] }, items: items[meeting.id!] ?? [],
                    lastChanged: changed[meeting.id!] ?? meeting.agendaPublishedAt ?? meeting.startsAt)
            }
        }
    }

    public func recentPapers(bodyId: Int64?, limit: Int = 50) async throws -> [FeedPaper] {
        try await writer.read { db in
            // The newest ids first, then only those papers: sorting whole rows carried every one of a body's papers'
            // text (8 KB each on the bench store) through SQLite's sorter, 28 ms for one body's feed (issue 15).
            let papers = try db.cachedRecords(Paper.self, """
                SELECT * FROM paper WHERE id IN (
                    SELECT p.id FROM \(PublicSQL.paperJoins)
                    WHERE \(PublicSQL.currentPaper)\(bodyId == nil ? "" : " AND m.bodyId = ?")
                    ORDER BY p.publishedAt DESC, p.id DESC LIMIT ?)
                ORDER BY publishedAt DESC, id DESC
                """, StatementArguments(bodyId.map { [$0] } ?? []) + [limit])
            return try papers.map { paper in
                let meetingId = try db.cachedIds("SELECT meetingId FROM agendaItem WHERE id = ?", [paper.agendaItemId])[0]
                let meeting = try Self.meetingSummaries(db, where: "m.id = ?", arguments: [meetingId], order: "m.id", limit: 1)[0]
                return FeedPaper(paper: paper, meeting: meeting)
            }
        }
    }

    public func recentResponses(bodyId: Int64?, limit: Int = 50) async throws -> [FeedResponse] {
        try await writer.read { db in
            let responses = try ProviderResponse.fetchAll(db, sql: """
                SELECT r.* FROM \(PublicSQL.paperJoins) JOIN response r ON r.paperId = p.id
                WHERE r.status = 'submitted' AND \(PublicSQL.anyRevision)\(bodyId == nil ? "" : " AND m.bodyId = ?")
                ORDER BY r.submittedAt DESC LIMIT \(limit)
                """, arguments: StatementArguments(bodyId.map { [$0] } ?? []))
            return try responses.map { response in
                let paper = try Paper.fetchOne(db, key: response.paperId)!
                let body = try Body.fetchOne(db, sql: """
                    SELECT b.* FROM body b JOIN meeting m ON m.bodyId = b.id JOIN agendaItem i ON i.meetingId = m.id WHERE i.id = ?
                    """, arguments: [paper.agendaItemId])!
                let decisions = try String.fetchAll(db, sql: "SELECT decision FROM responseItem WHERE responseId = ? AND decision IS NOT NULL",
                                                    arguments: [response.id!])
                return FeedResponse(
                    response: response, organisation: try Organisation.fetchOne(db, key: response.organisationId)!, paper: paper, body: body,
                    accepted: decisions.filter { $0 == ResponseDecision.accepted.rawValue }.count,
                    partlyAccepted: decisions.filter { $0 == ResponseDecision.partiallyAccepted.rawValue }.count,
                    rejected: decisions.filter { $0 == ResponseDecision.rejected.rawValue }.count)
            }
        }
    }

    /// Every answered recommendation of every submitted response on a public paper, oldest first.
    public func responseLines() async throws -> [ResponseLine] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id AS responseId, r.version, r.submittedAt, o.name AS organisation, b.name AS body, p.id AS paperId,
                       p.title AS paperTitle, rec.id AS recommendationId, rec.number, COALESCE(ri.decision, '') AS decision,
                       ri.reasons, ri.action, COALESCE(ri.targetDate, '') AS targetDate
                FROM responseItem ri JOIN response r ON r.id = ri.responseId JOIN recommendation rec ON rec.id = ri.recommendationId
                JOIN organisation o ON o.id = r.organisationId JOIN paper p ON p.id = r.paperId
                JOIN agendaItem i ON i.id = p.agendaItemId JOIN meeting m ON m.id = i.meetingId JOIN body b ON b.id = m.bodyId
                WHERE r.status = 'submitted' AND \(PublicSQL.anyRevision)
                ORDER BY r.submittedAt, r.id, rec.number
                """).map { row in
                ResponseLine(
                    responseId: row["responseId"], version: row["version"], submittedAt: row["submittedAt"], organisation: row["organisation"],
                    body: row["body"], paperId: row["paperId"], paperTitle: row["paperTitle"], recommendationId: row["recommendationId"],
                    recommendationNumber: row["number"], decision: row["decision"], reasons: row["reasons"], action: row["action"],
                    targetDate: row["targetDate"])
            }
        }
    }

    /// The newest audit entry's id plus the newest public event's and agenda pack's (each grows with every write of
    /// its kind, so the sum versions the store, events and packs being written after the change they follow) and the latest time written, for
    /// Last-Modified.
    public func changeVersion() async throws -> (Int64, Date?) {
        try await writer.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COALESCE((SELECT MAX(id) FROM auditLog), 0) + COALESCE((SELECT MAX(id) FROM publicEvent), 0)
                       + COALESCE((SELECT MAX(id) FROM agendaPack), 0) AS version,
                       (SELECT MAX(at) FROM auditLog) AS at
                """)
            return ((row?["version"] as Int64?) ?? 0, row?["at"])
        }
    }

    /// Every meeting with its body and place, oldest first, for the bulk download.
    /// One page of every meeting, by id: up to `limit` with an id above `after`, and whether more follow. Keyset
    /// paging, so a page costs the same however far into the list it is, and a harvester can continue from the
    /// last id it holds.
    public func meetingsPage(after: Int64, limit: Int) async throws -> (meetings: [MeetingSummary], more: Bool) {
        try await writer.read { db in
            let found = try Self.meetingSummaries(db, where: "m.id > ?", arguments: [after], order: "m.id", limit: limit + 1)
            return (Array(found.prefix(limit)), found.count > limit)
        }
    }
}
