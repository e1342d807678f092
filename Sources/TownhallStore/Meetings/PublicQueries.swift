import Foundation
import GRDB
import TownhallDomain

/// Read paths for the public site. Every query here applies the publication rules itself
/// (published status, non-exempt item, published agenda), so a route cannot forget them.
extension AppDatabase {
    public func allBodies() async throws -> [Body] {
        try await writer.read { db in try db.cachedRecords(Body.self, "SELECT * FROM body ORDER BY name") }
    }

    /// Every body's slug and name, by name, for a filter list: decoding whole bodies (Codable) for the search form's
    /// 300 options was a third of a search's cost (issue 15).
    public func bodyNames() async throws -> [BodyName] {
        try await writer.read { db in
            try db.cachedMap("SELECT slug, name FROM body ORDER BY name") { BodyName(slug: $0[0], name: $0[1]) }
        }
    }

    public func upcomingMeetings(from now: Date, limit: Int = 10) async throws -> [MeetingSummary] {
        try await writer.read { db in
            try Self.meetingSummaries(db, where: "m.startsAt >= ?", arguments: [now], order: "m.startsAt ASC", limit: limit)
        }
    }

    /// The most meetings one month of the archive lists; far more than any body holds.
    public static let archiveMonthLimit = 500

    /// Every meeting from `from` up to `to`, oldest first, of one body or one kind of body if asked: a month of the
    /// meetings archive. Meetings are public from the day they are called, whatever their agenda's state.
    public func meetings(from: Date, to: Date, bodySlug: String? = nil, kind: BodyKind? = nil) async throws -> [MeetingSummary] {
        var condition = "m.startsAt >= ? AND m.startsAt < ?"
        var arguments: StatementArguments = [from, to]
        if let bodySlug {
            condition += " AND b.slug = ?"
            arguments += [bodySlug]
        }
        if let kind {
            condition += " AND b.kind = ?"
            arguments += [kind.rawValue]
        }
        return try await writer.read { [condition, arguments] db in
            try Self.meetingSummaries(db, where: condition, arguments: arguments, order: "m.startsAt ASC, m.id ASC", limit: Self.archiveMonthLimit)
        }
    }

    public func bodyDetail(slug: String, now: Date, time: LocalTime) async throws -> BodyDetail? {
        let today = time.day(of: now)
        return try await writer.read { db in
            guard let body = try db.cachedRecords(Body.self, "SELECT * FROM body WHERE slug = ?", [slug]).first, let bodyId = body.id else { return nil }
            let members = try db.cachedMap("""
                SELECT p.*, ms.id AS membershipId, ms.role, ms.category, ms.startDate, ms.endDate, a.name AS authorityName
                FROM membership ms JOIN person p ON p.id = ms.personId
                LEFT JOIN authority a ON a.id = ms.authorityId
                WHERE ms.bodyId = ? AND ms.startDate <= ? AND (ms.endDate IS NULL OR ms.endDate >= ?)
                ORDER BY p.name
                """, [bodyId, today, today]) { row in
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
                overview: try Self.kindOverview(db, body: body, today: Day(today)!, time: time, rules: peerChallengeRules),
                plan: try Self.forwardPlan(db, bodyId: bodyId, from: Day(today)!),
                performancePlans: try PerformancePlan.filter(Column("bodyId") == bodyId).order(Column("title")).fetchAll(db))
        }
    }

    public func meetingDetail(id: Int64) async throws -> MeetingDetail? {
        try await writer.read { db in
            guard let summary = try Self.meetingSummaries(db, where: "m.id = ?", arguments: [id], order: "m.id", limit: 1).first
            else { return nil }
            let location = try summary.meeting.locationId.flatMap { try db.cachedRecord(Location.self, id: $0) }
            let published = summary.meeting.agendaPublishedAt != nil
            var items: [PublicAgendaItem] = []
            let questionWindow = try db.cachedRecords(ContributionWindow.self, "SELECT * FROM contributionWindow WHERE meetingId = ?", [id]).first
            if published {
                let calledBack = try Self.calledBackRecommendations(db, meetingId: id)
                let questions = try questionWindow.flatMap { try Self.publishedQuestions(db, window: $0) }
                let agenda = try db.cachedRecords(AgendaItem.self, "SELECT * FROM agendaItem WHERE meetingId = ? ORDER BY position", [id])
                // The whole meeting's current papers (listing columns only, never their text) and files in one query
                // each, rather than two per item (issue 15: the meeting page was the slowest random page).
                let papers = Dictionary(grouping: try db.cachedMap("""
                    SELECT p.agendaItemId, \(PaperSummary.columns) FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId
                    WHERE i.meetingId = ? AND p.status = 'published' ORDER BY p.id
                    """, [id]) { row in (itemId: row["agendaItemId"] as Int64, paper: PaperSummary(row: row)) }, by: \.itemId)
                let files = Dictionary(grouping: try Self.publicAttachments(db, meetingId: id), by: \.agendaItemId)
                for item in agenda {
                    guard !item.isExempt, let itemId = item.id else {
                        items.append(PublicAgendaItem(item: item, papers: [], attachments: []))
                        continue
                    }
                    items.append(PublicAgendaItem(
                        item: item, papers: (papers[itemId] ?? []).map(\.paper), attachments: files[itemId] ?? [], recommendations: calledBack[itemId] ?? [],
                        questions: questions?.itemId == itemId ? questions?.questions ?? [] : []))
                }
            }
            return MeetingDetail(
                summary: summary, location: location, agendaPublished: published, items: items,
                witnesses: try db.cachedRecords(Witness.self, "SELECT * FROM witness WHERE meetingId = ? ORDER BY id", [id]),
                inquiry: try summary.meeting.inquiryId.flatMap { try db.cachedRecord(Inquiry.self, id: $0) },
                privateNotice: try Self.privateNotice(db, summary.meeting, items: items.map(\.item)),
                questionWindow: questionWindow)
        }
    }

    /// The notices a meeting's private business stands on: the earliest notice of intention for its day, and when the
    /// further notice was given; nil when none of `items` is exempt.
    static func privateNotice(_ db: Database, _ meeting: Meeting, items: [AgendaItem]) throws -> PrivateMeetingNotice? {
        guard items.contains(where: \.isExempt) else { return nil }
        let day = LocalTime().calendarDay(of: meeting.startsAt)
        return PrivateMeetingNotice(
            intention: try privateIntentions(db, bodyId: meeting.bodyId, day: day).first, furtherNoticeAt: meeting.privateNoticeAt,
            meetingDay: day)
    }

    public func paperDetail(id: Int64) async throws -> PaperDetail? {
        try await writer.read { db in
            guard let paper = try db.cachedRecord(Paper.self, id: id), let item = try db.cachedRecord(AgendaItem.self, id: paper.agendaItemId),
                  let summary = try Self.meetingSummaries(
                      db, where: "m.id = ?", arguments: [item.meetingId], order: "m.id", limit: 1).first,
                  Visibility.paperIsPublic(paper, item: item, meeting: summary.meeting)
            else { return nil }
            let files = try Self.paperAttachments(db, paperId: id)
            return PaperDetail(
                paper: paper, item: item, meeting: summary, attachments: files, revisions: try Self.publicRevisions(db, of: paper))
        }
    }

    /// Every public revision of the paper's lineage, oldest first (walking back and forward from it).
    static func publicRevisions(_ db: Database, of paper: Paper) throws -> [PaperSummary] {
        var chain = [paper]
        var cursor = paper
        while let previousId = cursor.previousRevisionId, let previous = try db.cachedRecord(Paper.self, id: previousId) {
            chain.insert(previous, at: 0)
            cursor = previous
        }
        cursor = paper
        while let next = try db.cachedRecords(Paper.self, "SELECT * FROM paper WHERE previousRevisionId = ? ORDER BY id LIMIT 1", [cursor.id]).first {
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

    /// Every item-level or current-paper file of a meeting's items, by id; the caller leaves out exempt items'.
    static func publicAttachments(_ db: Database, meetingId: Int64) throws -> [Attachment] {
        try db.cachedRecords(Attachment.self, """
            SELECT a.* FROM attachment a JOIN agendaItem i ON i.id = a.agendaItemId LEFT JOIN paper p ON p.id = a.paperId
            WHERE i.meetingId = ? AND (a.paperId IS NULL OR p.status = 'published')
            ORDER BY a.id
            """, [meetingId])
    }

    /// The files attached to a paper (the paper's own page shows them only when the paper is public).
    static func paperAttachments(_ db: Database, paperId: Int64) throws -> [Attachment] {
        try db.cachedRecords(Attachment.self, "SELECT * FROM attachment WHERE paperId = ? ORDER BY id", [paperId])
    }

    static func meetingSummaries(
        _ db: Database, where condition: String, arguments: StatementArguments, order: String, limit: Int
    ) throws -> [MeetingSummary] {
        // `condition` and `order` are the callers' own constants; the limit is an argument, so the statement is shared.
        return try db.cachedMap("""
            SELECT m.*, b.name AS bodyName, b.slug AS bodySlug, l.name AS locationName
            FROM meeting m JOIN body b ON b.id = m.bodyId LEFT JOIN location l ON l.id = m.locationId
            WHERE \(condition) ORDER BY \(order) LIMIT ?
            """, arguments + [limit]) { row in
            MeetingSummary(
                meeting: try Meeting(row: row), bodyName: row["bodyName"], bodySlug: row["bodySlug"],
                locationName: row["locationName"])
        }
    }
}

/// A body as a filter lists it.
public struct BodyName: Sendable, Equatable {
    public let slug: String
    public let name: String
}
