import Foundation
import GRDB
import TownhallDomain
import TownhallMarkdown

/// Papers: drafts, publication (late ones need a reason), revisions and withdrawal.
extension AppDatabase {
    public func addPaper(
        itemId: Int64, title: String, author: String, markdown: String, kind: PaperKind = .report, reportYear: AcademicYear? = nil,
        now: Date, actor: Actor
    ) throws -> Paper {
        let title = try required(title, "title")
        guard !markdown.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw TownhallError.invalid("the paper is empty")
        }
        try TextLimits.checkMarkdown(markdown, what: "the paper")
        return try writer.write { db in
            guard try AgendaItem.exists(db, key: itemId) else { throw TownhallError.notFound("no agenda item with id \(itemId)") }
            try Self.checkPaperKind(db, kind, itemId: itemId)
            try kind.checkCoveredYear(reportYear, today: LocalTime().calendarDay(of: now))
            var paper = Paper(
                agendaItemId: itemId, title: title, author: author, markdown: markdown, html: nil, status: .draft,
                revision: 1, publishedAt: nil, createdAt: now, kind: kind, reportYear: reportYear?.endYear)
            try paper.insert(db)
            try db.audit(actor, .add, .paper, paper.id, title, at: now)
            return paper
        }
    }

    /// Renders the Markdown once and stores the HTML, so public requests never run the renderer.
    /// Renders and publishes a draft once; after the deadline for its meeting `rule` insists on a recorded reason.
    public func publishPaper(
        id: Int64, renderer: MarkdownRenderer, at date: Date, rule: PublicationRule, lateReason: String? = nil, actor: Actor
    ) throws -> (Paper, [String]) {
        try writer.write { db in
            guard var paper = try Paper.fetchOne(db, key: id) else { throw TownhallError.notFound("no paper with id \(id)") }
            guard paper.status == .draft else {
                throw TownhallError.conflict("paper \(id) is \(paper.status.rawValue), only a draft can be published")
            }
            let meeting = try Meeting.fetchOne(
                db, sql: "SELECT m.* FROM meeting m JOIN agendaItem i ON i.meetingId = m.id WHERE i.id = ?", arguments: [paper.agendaItemId])!
            paper.lateReason = try rule.lateReason(lateReason, what: "the paper", meeting: meeting, publishedAt: date)
            let rendered = renderer.render(paper.markdown)
            paper.html = rendered.html
            paper.status = .published
            paper.publishedAt = date
            try paper.update(db)
            if let previousId = paper.previousRevisionId, var previous = try Paper.fetchOne(db, key: previousId) {
                guard previous.status == .published else {
                    throw TownhallError.conflict("revision \(previous.revision) is \(previous.status.rawValue); only a published paper can be superseded")
                }
                previous.status = .superseded
                previous.supersededAt = date
                try previous.update(db)
            }
            try db.audit(actor, .publish, .paper, id, "revision \(paper.revision)" + (paper.lateReason.map { ", late: \($0)" } ?? ""), at: date)
            return (paper, rendered.problems)
        }
    }

    /// Starts the next revision of a published paper as a draft with the same text, or returns the draft
    /// revision already under way. The published revision stays public until the new one is published.
    public func startRevision(of paperId: Int64, now: Date, actor: Actor) throws -> Paper {
        try writer.write { db in
            guard let current = try Paper.fetchOne(db, key: paperId) else { throw TownhallError.notFound("no paper with id \(paperId)") }
            guard current.status == .published else {
                throw TownhallError.conflict("only the published revision of a paper can be revised")
            }
            if let pending = try Paper.filter(Column("previousRevisionId") == paperId && Column("status") == PaperStatus.draft.rawValue).fetchOne(db) {
                return pending
            }
            var next = Paper(
                agendaItemId: current.agendaItemId, title: current.title, author: current.author, markdown: current.markdown,
                html: nil, status: .draft, revision: current.revision + 1, publishedAt: nil, createdAt: now,
                previousRevisionId: paperId, kind: current.kind, reportYear: current.reportYear)
            try next.insert(db)
            try db.audit(actor, .startRevision, .paper, next.id, "revision \(next.revision) of paper \(paperId)", at: now)
            return next
        }
    }

    /// Withdraws a published paper from the public record, with a reason kept for the audit trail.
    public func withdrawPaper(id: Int64, reason: String, at date: Date, actor: Actor) throws -> Paper {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw TownhallError.invalid("give the reason for withdrawing the paper") }
        return try writer.write { db in
            guard var paper = try Paper.fetchOne(db, key: id) else { throw TownhallError.notFound("no paper with id \(id)") }
            guard paper.status == .published else { throw TownhallError.conflict("only a published paper can be withdrawn") }
            paper.status = .withdrawn
            paper.withdrawnAt = date
            paper.withdrawalReason = reason
            try paper.update(db)
            try db.audit(actor, .withdraw, .paper, id, reason, at: date)
            return paper
        }
    }
}
