import Foundation
import GRDB
import TownhallDomain

/// A body as a clerk sees it on the dashboard.
public struct ClerkBodySummary: Sendable {
    public var body: Body
    public var upcoming: [MeetingSummary]
    /// Meetings that have started but are still marked scheduled (`Meeting.awaitsOutcome`), oldest first.
    public var awaitingOutcome: [MeetingSummary]
    /// Seats its kind requires that nobody holds today.
    public var vacantSeats: Int
    /// Annual reports and peer challenge follow-ups that are due soon or overdue.
    public var reminders: [Duty]

    public init(
        body: Body, upcoming: [MeetingSummary], awaitingOutcome: [MeetingSummary] = [], vacantSeats: Int, reminders: [Duty]
    ) {
        self.body = body
        self.upcoming = upcoming
        self.awaitingOutcome = awaitingOutcome
        self.vacantSeats = vacantSeats
        self.reminders = reminders
    }
}

/// A meeting with everything a clerk manages, drafts included.
public struct ClerkMeetingDetail: Sendable {
    public var summary: MeetingSummary
    public var location: Location?
    public var items: [(item: AgendaItem, papers: [Paper])]
    /// The notices of its private part (regulation 5), when it has private business.
    public var privateNotice: PrivateMeetingNotice?

    public init(
        summary: MeetingSummary, location: Location? = nil, items: [(item: AgendaItem, papers: [Paper])],
        privateNotice: PrivateMeetingNotice? = nil
    ) {
        self.summary = summary
        self.location = location
        self.items = items
        self.privateNotice = privateNotice
    }
}

/// A paper with the ids needed to check who may change it.
public struct ClerkPaperContext: Sendable {
    public var paper: Paper
    public var item: AgendaItem
    public var meeting: MeetingSummary

    public init(
        paper: Paper, item: AgendaItem, meeting: MeetingSummary
    ) {
        self.paper = paper
        self.item = item
        self.meeting = meeting
    }
}

/// Read and write paths for the clerk back office. Callers check the clerk's bodies first; these functions
/// return the owning body id so they can.
extension AppDatabase {
    public func clerkBodies(ids: Set<Int64>, now: Date, time: LocalTime) async throws -> [ClerkBodySummary] {
        let today = time.calendarDay(of: now)
        return try await writer.read { db in
            let duties = try Self.duties(db, today: today, time: time, rules: peerChallengeRules).filter { $0.state.isOutstanding }
            return try Body.filter(ids.contains(Column("id"))).order(Column("name")).fetchAll(db).map { body in
                ClerkBodySummary(
                    body: body,
                    upcoming: try Self.meetingSummaries(
                        db, where: "m.bodyId = ? AND m.startsAt >= ?", arguments: [body.id, now], order: "m.startsAt", limit: 20),
                    awaitingOutcome: try Self.meetingSummaries(
                        db, where: "m.bodyId = ? AND m.status = ? AND m.startsAt <= ?",
                        arguments: [body.id, MeetingStatus.scheduled.rawValue, now], order: "m.startsAt", limit: 50
                    ).filter { $0.meeting.awaitsOutcome(at: now) },
                    vacantSeats: try SeatRules.seats(db, body: body, today: today.description).filter(\.isEmpty).count,
                    reminders: duties.filter { $0.bodyId == body.id })
            }
        }
    }

    public func body(slug: String) async throws -> Body? {
        try await writer.read { db in try Body.filter(Column("slug") == slug).fetchOne(db) }
    }

    public func body(id: Int64) async throws -> Body? {
        try await writer.read { db in try Body.fetchOne(db, key: id) }
    }

    public func clerkMeeting(id: Int64) async throws -> ClerkMeetingDetail? {
        try await writer.read { db in
            guard let summary = try Self.meetingSummaries(db, where: "m.id = ?", arguments: [id], order: "m.id", limit: 1).first
            else { return nil }
            let location = try summary.meeting.locationId.flatMap { try Location.fetchOne(db, key: $0) }
            let items = try AgendaItem.filter(Column("meetingId") == id).order(Column("position")).fetchAll(db).map { item in
                (item: item, papers: try Paper.filter(Column("agendaItemId") == item.id).order(Column("id")).fetchAll(db))
            }
            return ClerkMeetingDetail(
                summary: summary, location: location, items: items,
                privateNotice: try Self.privateNotice(db, summary.meeting, items: items.map(\.item)))
        }
    }

    public func clerkItem(id: Int64) async throws -> (AgendaItem, MeetingSummary)? {
        try await writer.read { db in
            guard let item = try AgendaItem.fetchOne(db, key: id),
                  let summary = try Self.meetingSummaries(db, where: "m.id = ?", arguments: [item.meetingId], order: "m.id", limit: 1).first
            else { return nil }
            return (item, summary)
        }
    }

    public func clerkPaper(id: Int64) async throws -> ClerkPaperContext? {
        try await writer.read { db in
            guard let paper = try Paper.fetchOne(db, key: id), let item = try AgendaItem.fetchOne(db, key: paper.agendaItemId),
                  let summary = try Self.meetingSummaries(db, where: "m.id = ?", arguments: [item.meetingId], order: "m.id", limit: 1).first
            else { return nil }
            return ClerkPaperContext(paper: paper, item: item, meeting: summary)
        }
    }

    /// Saves a draft's text; published papers are changed only by a new revision.
    public func updateDraft(
        paperId: Int64, title: String, author: String, markdown: String, kind: PaperKind? = nil, reportYear: AcademicYear? = nil,
        actor: Actor
    ) throws -> Paper {
        try TextLimits.checkMarkdown(markdown, what: "the paper")
        return try writer.write { db in
            guard var paper = try Paper.fetchOne(db, key: paperId) else { throw TownhallError.notFound("no paper with id \(paperId)") }
            guard paper.status == .draft else { throw TownhallError.conflict("only a draft can be edited") }
            // A new kind comes with its year (none, unless an annual report); a year alone changes only the year.
            if let kind {
                try Self.checkPaperKind(db, kind, itemId: paper.agendaItemId)
                paper.kind = kind
                paper.reportYear = reportYear?.endYear
            } else if let reportYear {
                paper.reportYear = reportYear.endYear
            }
            try paper.kind.checkCoveredYear(paper.coveredYear, today: LocalTime().calendarDay(of: clock()))
            paper.title = title
            paper.author = author
            paper.markdown = markdown
            try paper.update(db)
            try db.audit(actor, .edit, .paper, paperId, title, at: clock())
            return paper
        }
    }
}

/// The papers and files of one agenda item, drafts and exempt ones included, for the clerk's item page.
public struct ClerkItemFiles: Sendable {
    public var papers: [Paper]
    public var attachments: [Attachment]

    public init(
        papers: [Paper], attachments: [Attachment]
    ) {
        self.papers = papers
        self.attachments = attachments
    }
}

extension AppDatabase {
    public func clerkItemFiles(itemId: Int64) async throws -> ClerkItemFiles {
        try await writer.read { db in
            ClerkItemFiles(
                papers: try Paper.filter(Column("agendaItemId") == itemId).order(Column("id")).fetchAll(db),
                attachments: try Attachment.filter(Column("agendaItemId") == itemId).order(Column("id")).fetchAll(db))
        }
    }

    /// An attachment with the body and meeting that own it, so a route can check who may see or remove it.
    public func clerkAttachment(id: Int64) async throws -> (attachment: Attachment, item: AgendaItem, meeting: Meeting)? {
        try await writer.read { db in
            guard let file = try Attachment.fetchOne(db, key: id), let item = try AgendaItem.fetchOne(db, key: file.agendaItemId),
                  let meeting = try Meeting.fetchOne(db, key: item.meetingId)
            else { return nil }
            return (file, item, meeting)
        }
    }
}
