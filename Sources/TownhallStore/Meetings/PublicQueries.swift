import Foundation
import GRDB
import TownhallDomain

/// Read paths for the public site. Every query here applies the publication rules itself
/// (published status, non-exempt item, published agenda), so a route cannot forget them.
extension AppDatabase {
    public func allBodies() async throws -> [Body] {
        try await writer.read { db in try Body.order(Column("name")).fetchAll(db) }
    }

    public func upcomingMeetings(from now: Date, limit: Int = 10) async throws -> [MeetingSummary] {
        try await writer.read { db in
            try Self.meetingSummaries(db, where: "m.startsAt >= ?", arguments: [now], order: "m.startsAt ASC", limit: limit)
        }
    }

    public func bodyDetail(slug: String, now: Date, time: LocalTime) async throws -> BodyDetail? {
        let today = time.day(of: now)
        return try await writer.read { db in
            guard let body = try Body.filter(Column("slug") == slug).fetchOne(db), let bodyId = body.id else { return nil }
            let rows = try Row.fetchAll(db, sql: """
                SELECT p.*, ms.id AS membershipId, ms.role, ms.category, ms.startDate, ms.endDate, a.name AS authorityName
                FROM membership ms JOIN person p ON p.id = ms.personId
                LEFT JOIN authority a ON a.id = ms.authorityId
                WHERE ms.bodyId = ? AND ms.startDate <= ? AND (ms.endDate IS NULL OR ms.endDate >= ?)
                ORDER BY p.name
                """, arguments: [bodyId, today, today])
            let members = try rows.map { row in
                MemberSummary(
                    membershipId: row["membershipId"], person: try Person(row: row), role: MembershipRole(rawValue: row["role"]) ?? .member,
                    category: (row["category"] as String?).flatMap(SeatCategory.init), authorityName: row["authorityName"], startDate: row["startDate"], endDate: row["endDate"])
            }.sorted { ($0.role.rank, $0.person.name) < ($1.role.rank, $1.person.name) }
            let upcoming = try Self.meetingSummaries(
                db, where: "m.bodyId = ? AND m.startsAt >= ?", arguments: [bodyId, now], order: "m.startsAt ASC", limit: 50)
            let past = try Self.meetingSummaries(
                db, where: "m.bodyId = ? AND m.startsAt < ?", arguments: [bodyId, now], order: "m.startsAt DESC", limit: 50)
            return BodyDetail(
                body: body, members: members, upcoming: upcoming, past: past, seats: try SeatRules.seats(db, body: body, today: today),
                overview: try Self.kindOverview(db, body: body, today: Day(today)!, time: time))
        }
    }

    public func meetingDetail(id: Int64) async throws -> MeetingDetail? {
        try await writer.read { db in
            guard let summary = try Self.meetingSummaries(db, where: "m.id = ?", arguments: [id], order: "m.id", limit: 1).first
            else { return nil }
            let location = try summary.meeting.locationId.flatMap { try Location.fetchOne(db, key: $0) }
            let published = summary.meeting.agendaPublishedAt != nil
            var items: [PublicAgendaItem] = []
            if published {
                let agenda = try AgendaItem.filter(Column("meetingId") == id).order(Column("position")).fetchAll(db)
                for item in agenda {
                    guard !item.isExempt, let itemId = item.id else {
                        items.append(PublicAgendaItem(item: item, papers: [], attachments: []))
                        continue
                    }
                    let papers = try Paper
                        .filter(Column("agendaItemId") == itemId && Column("status") == PaperStatus.published.rawValue)
                        .order(Column("id")).fetchAll(db)
                        .map(PaperSummary.init)
                    let files = try Self.publicAttachments(db, itemId: itemId, paperId: nil)
                    items.append(PublicAgendaItem(item: item, papers: papers, attachments: files))
                }
            }
            return MeetingDetail(
                summary: summary, location: location, agendaPublished: published, items: items,
                witnesses: try Witness.filter(Column("meetingId") == id).order(Column("id")).fetchAll(db),
                inquiry: try summary.meeting.inquiryId.flatMap { try Inquiry.fetchOne(db, key: $0) })
        }
    }

    public func paperDetail(id: Int64) async throws -> PaperDetail? {
        try await writer.read { db in
            guard let paper = try Paper.fetchOne(db, key: id), let item = try AgendaItem.fetchOne(db, key: paper.agendaItemId),
                  let summary = try Self.meetingSummaries(
                      db, where: "m.id = ?", arguments: [item.meetingId], order: "m.id", limit: 1).first,
                  Visibility.paperIsPublic(paper, item: item, meeting: summary.meeting)
            else { return nil }
            let files = try Self.publicAttachments(db, itemId: paper.agendaItemId, paperId: id)
            return PaperDetail(
                paper: paper, item: item, meeting: summary, attachments: files, revisions: try Self.publicRevisions(db, of: paper))
        }
    }

    /// Every public revision of the paper's lineage, oldest first (walking back and forward from it).
    static func publicRevisions(_ db: Database, of paper: Paper) throws -> [PaperSummary] {
        var chain = [paper]
        var cursor = paper
        while let previousId = cursor.previousRevisionId, let previous = try Paper.fetchOne(db, key: previousId) {
            chain.insert(previous, at: 0)
            cursor = previous
        }
        cursor = paper
        while let next = try Paper.filter(Column("previousRevisionId") == cursor.id).order(Column("id")).fetchOne(db) {
            chain.append(next)
            cursor = next
        }
        return chain.filter { $0.status.isPublic }.map(PaperSummary.init)
    }

    /// An attachment only when the public may download it (`Visibility.attachmentIsPublic`).
    public func publicAttachment(id: Int64) async throws -> Attachment? {
        try await writer.read { db in
            guard let file = try Attachment.fetchOne(db, key: id), let item = try AgendaItem.fetchOne(db, key: file.agendaItemId),
                  let meeting = try Meeting.fetchOne(db, key: item.meetingId),
                  Visibility.attachmentIsPublic(file, paper: try file.paperId.flatMap { try Paper.fetchOne(db, key: $0) }, item: item, meeting: meeting)
            else { return nil }
            return file
        }
    }

    /// Files of an item: those attached to the item itself, or (with `paperId`) to that paper.
    static func publicAttachments(_ db: Database, itemId: Int64, paperId: Int64?) throws -> [Attachment] {
        if let paperId {
            return try Attachment.filter(Column("paperId") == paperId).order(Column("id")).fetchAll(db)
        }
        return try Attachment.fetchAll(db, sql: """
            SELECT a.* FROM attachment a LEFT JOIN paper p ON p.id = a.paperId
            WHERE a.agendaItemId = ? AND (a.paperId IS NULL OR p.status = 'published')
            ORDER BY a.id
            """, arguments: [itemId])
    }

    static func meetingSummaries(
        _ db: Database, where condition: String, arguments: StatementArguments, order: String, limit: Int
    ) throws -> [MeetingSummary] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT m.*, b.name AS bodyName, b.slug AS bodySlug, l.name AS locationName
            FROM meeting m JOIN body b ON b.id = m.bodyId LEFT JOIN location l ON l.id = m.locationId
            WHERE \(condition) ORDER BY \(order) LIMIT \(limit)
            """, arguments: arguments)
        return try rows.map { row in
            MeetingSummary(
                meeting: try Meeting(row: row), bodyName: row["bodyName"], bodySlug: row["bodySlug"],
                locationName: row["locationName"])
        }
    }
}
