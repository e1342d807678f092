import Foundation
import GRDB
import TownhallDomain

/// What issuing a report's draft recommendations would do, for the clerk to confirm before anything is sent: each
/// recommendation and its addressee, the day its response would be due, the organisations nobody could answer for,
/// and why issuing must wait (`IssueRule`), if it must.
public struct IssuePreview: Sendable {
    public struct Entry: Sendable {
        public var recommendation: Recommendation
        public var organisation: Organisation
        /// Active responder accounts of the organisation: the people told, and the only ones who can answer.
        public var responders: Int
        /// When the response would be due, under the body's rule for the organisation's kind.
        public var due: Day
        public var ruleLabel: String
    }

    public var meeting: Meeting
    public var item: AgendaItem
    public var entries: [Entry]
    /// Why the recommendations cannot go out without a delegated authority; nil when the meeting has decided.
    public var waitsFor: String?

    /// Addressees with no one to receive or answer them.
    public var unanswerable: [Organisation] {
        var seen = Set<Int64>()
        return entries.filter { $0.responders == 0 }.map(\.organisation).filter { seen.insert($0.id!).inserted }
    }
}

extension AppDatabase {
    public func issuePreview(paperId: Int64, deadlines: Deadlines, now: Date) async throws -> IssuePreview {
        try await writer.read { db in
            let (paper, meeting) = try Self.publicReport(paperId, db)
            guard let body = try Body.fetchOne(db, key: meeting.bodyId), let item = try AgendaItem.fetchOne(db, key: paper.agendaItemId)
            else { throw TownhallError.notFound("no paper with id \(paperId)") }
            let drafts = try Self.draftRecommendations(paperId, db)
            let addressees = try Self.addressees(of: drafts, body: body, deadlines: deadlines, now: now, db)
            let entries = drafts.map { recommendation in
                let addressee = addressees[recommendation.organisationId]!
                return IssuePreview.Entry(
                    recommendation: recommendation, organisation: addressee.organisation, responders: addressee.responders.count,
                    due: addressee.due, ruleLabel: addressee.rule.fromIssueLabel)
            }
            return IssuePreview(
                meeting: meeting, item: item, entries: entries, waitsFor: IssueRule.problem(meeting: meeting, item: item, authority: nil))
        }
    }
}
