import Foundation
import GRDB
import TownhallDomain

extension PlanEntry: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "planEntry"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A body's forward plan. An entry is public from the moment it is added (the plan is a published document); a key
/// decision or private matter added inside the notice period stands only on a recorded exception (`ForwardPlanRule`).
extension AppDatabase {
    public func addPlanEntry(
        body slug: String, title: String, expectedOn: String, isKeyDecision: Bool, exemptParagraph: ExemptParagraph?,
        exception: PlanNotice? = nil, reason: String? = nil, at now: Date, actor: Actor
    ) throws -> PlanEntry {
        let title = try required(title, "title")
        guard let expected = Day(expectedOn) else { throw TownhallError.invalid("the expected date must be a real date, YYYY-MM-DD") }
        let (notice, recorded) = try ForwardPlanRule.notice(
            isKeyDecision: isKeyDecision, isPrivate: exemptParagraph != nil, publishedOn: LocalTime().calendarDay(of: now),
            expectedOn: expected, asked: exception, reason: reason)
        return try writer.write { db in
            let body = try Self.find(Body.self, slug: slug, what: "body", db)
            var entry = PlanEntry(
                bodyId: body.id!, title: title, expectedOn: expected.description, isKeyDecision: isKeyDecision,
                exemptParagraph: exemptParagraph, publishedAt: now, notice: notice, noticeReason: recorded)
            try entry.insert(db)
            try db.audit(actor, .add, .planEntry, entry.id, "\(title), expected \(expected)" + (recorded.map { ", \(notice.rawValue): \($0)" } ?? ""), at: now)
            return entry
        }
    }

    /// The body's plan from `from` on, soonest first.
    public func forwardPlan(body slug: String, from: Day) async throws -> [PlanEntry] {
        try await writer.read { db in
            let body = try Self.find(Body.self, slug: slug, what: "body", db)
            return try Self.forwardPlan(db, bodyId: body.id!, from: from)
        }
    }

    static func forwardPlan(_ db: Database, bodyId: Int64, from: Day) throws -> [PlanEntry] {
        try PlanEntry.filter(Column("bodyId") == bodyId && Column("expectedOn") >= from.description)
            .order(Column("expectedOn"), Column("id")).fetchAll(db)
    }
}
