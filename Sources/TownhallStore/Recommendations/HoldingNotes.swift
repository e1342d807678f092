import Foundation
import GRDB
import TownhallDomain

extension AppDatabase {
    /// Publishes an organisation's holding reply to a report, while any of the report's recommendations to it still
    /// waits for an answer (afterwards the response itself is the record), and tells the body's clerks.
    @discardableResult
    public func publishHoldingNote(
        paperId: Int64, organisationId: Int64, note: String, expectedBy: String, at now: Date, deadlines: Deadlines, actor: Actor
    ) throws -> HoldingNote {
        try writer.write { db in
            let waiting = try Self.tracked(db, RecommendationScope(organisationId: organisationId, paperId: paperId), deadlines, now)
            guard let first = waiting.first else { throw TownhallError.notFound("no recommendations of paper \(paperId) to this organisation") }
            guard waiting.contains(where: { $0.state.isWaiting }) else {
                throw TownhallError.conflict("every recommendation of this report to \(first.organisation.name) is answered; a holding reply is for before the response")
            }
            if let problem = HoldingNote.problems(note: note, expectedBy: expectedBy, today: deadlines.time.calendarDay(of: now)).first {
                throw TownhallError.invalid(problem.message)
            }
            let day = expectedBy.trimmingCharacters(in: .whitespaces)
            var holding = HoldingNote(
                paperId: paperId, organisationId: organisationId, note: note.trimmingCharacters(in: .whitespacesAndNewlines),
                expectedBy: Day(day)?.description, at: now, byName: actor.publicName)
            try holding.insert(db)
            try db.audit(actor, .publishHoldingNote, .holdingNote, holding.id, "paper \(paperId), \(first.organisation.slug)", at: now)
            try db.enqueue(
                .responseReceived, to: try Self.clerkEmails(first.body.id!, db), at: now,
                subject: "\(first.organisation.name) has sent a holding reply to \(first.body.name)",
                body: """
                    \(holding.byName) of \(first.organisation.name) published a holding reply to "\(first.paperTitle)"\
                    \(holding.expectedBy.flatMap(Day.init).map { ", saying the response will come by \(deadlines.time.longDate(day: $0))" } ?? "").

                    \(holding.note)
                    """)
            return holding
        }
    }

    /// Holding replies to a report by an organisation, newest first.
    static func holdingNotes(_ db: Database, paperId: Int64, organisationId: Int64) throws -> [HoldingNote] {
        try HoldingNote.filter(Column("paperId") == paperId && Column("organisationId") == organisationId).order(Column("id").desc).fetchAll(db)
    }
}
