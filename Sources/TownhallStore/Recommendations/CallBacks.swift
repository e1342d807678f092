import Foundation
import GRDB
import TownhallDomain

/// A recommendation called back to a later meeting, with that meeting and the item it is listed under.
public struct CallBackEntry: Sendable {
    public var callBack: RecommendationCallBack
    public var item: AgendaItem
    public var meeting: Meeting

    /// Whether the public may see it: the item is on a published agenda and not exempt (`PublicSQL.itemAndAgenda`).
    public var isPublic: Bool { Visibility.itemContentIsPublic(item, on: meeting) }

    public init(callBack: RecommendationCallBack, item: AgendaItem, meeting: Meeting) {
        self.callBack = callBack
        self.item = item
        self.meeting = meeting
    }
}

/// One recommendation as a "Progress on recommendations" item lists it on the meeting page.
public struct CalledBackRecommendation: Sendable, Equatable {
    public var id: Int64
    public var number: Int
    public var text: String
    public var paperTitle: String
    public var organisationName: String
}

extension AppDatabase {
    /// Calls an issued recommendation back to a later meeting of its body (`CallBack`): lists it under that
    /// meeting's "Progress on recommendations" item, adding the item at the end of the agenda when the meeting has
    /// none. Once per meeting; the item, the list and the audit line in one transaction.
    public func callBack(
        recommendationId: Int64, meetingId: Int64, at now: Date, deadlines: Deadlines, rule: PublicationRule, actor: Actor
    ) throws -> CallBackEntry {
        try writer.write { db in
            let record = try Self.transition(recommendationId, .callBack, now, deadlines, db)
            guard let meeting = try Meeting.fetchOne(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
            if let problem = CallBack.problem(record, to: meeting, now: now, time: deadlines.time) { throw TownhallError.invalid(problem) }
            let item: AgendaItem
            if let existing = try Self.callBackItem(db, meetingId: meetingId) {
                let listed = try RecommendationCallBack
                    .filter(Column("recommendationId") == recommendationId && Column("agendaItemId") == existing.id!).fetchCount(db)
                if listed > 0 { throw TownhallError.conflict("recommendation \(record.number) is already called back to that meeting") }
                item = existing
            } else {
                item = try Self.insertAgendaItem(
                    db, meetingId: meetingId, title: CallBack.itemTitle, type: CallBack.itemType, urgency: nil, rule: rule, at: now, actor: actor)
            }
            var callBack = RecommendationCallBack(recommendationId: recommendationId, agendaItemId: item.id!, at: now, byName: actor.publicName)
            try callBack.insert(db)
            try db.audit(actor, .callBack, .recommendation, recommendationId, "to meeting \(meetingId), item \(item.number)", at: now)
            return CallBackEntry(callBack: callBack, item: item, meeting: meeting)
        }
    }

    /// The meeting's item that lists called-back recommendations: the first item any call-back names.
    static func callBackItem(_ db: Database, meetingId: Int64) throws -> AgendaItem? {
        try AgendaItem.fetchOne(db, sql: """
            SELECT i.* FROM agendaItem i WHERE i.meetingId = ?
            AND EXISTS (SELECT 1 FROM recommendationCallBack c WHERE c.agendaItemId = i.id) ORDER BY i.position LIMIT 1
            """, arguments: [meetingId])
    }

    /// The meetings a recommendation is called back to, soonest first; only public ones unless `includeUnpublished`.
    static func callBacks(_ db: Database, recommendationId: Int64, includeUnpublished: Bool) throws -> [CallBackEntry] {
        let callBacks = try RecommendationCallBack.fetchAll(db, sql: """
            SELECT c.* FROM recommendationCallBack c JOIN agendaItem i ON i.id = c.agendaItemId JOIN meeting m ON m.id = i.meetingId
            WHERE c.recommendationId = ?\(includeUnpublished ? "" : " AND \(PublicSQL.itemAndAgenda)") ORDER BY m.startsAt, c.id
            """, arguments: [recommendationId])
        return try callBacks.compactMap { callBack in
            guard let item = try AgendaItem.fetchOne(db, key: callBack.agendaItemId),
                  let meeting = try Meeting.fetchOne(db, key: item.meetingId) else { return nil }
            return CallBackEntry(callBack: callBack, item: item, meeting: meeting)
        }
    }

    /// The public recommendations each item of a meeting lists, by item, in one read for the whole meeting (the caller
    /// shows only those of public items).
    static func calledBackRecommendations(_ db: Database, meetingId: Int64) throws -> [Int64: [CalledBackRecommendation]] {
        let listed = try db.cachedMap("""
            SELECT c.agendaItemId, r.id, r.number, r.text, p.title AS paperTitle, o.name AS organisationName
            FROM recommendationCallBack c JOIN agendaItem ci ON ci.id = c.agendaItemId
            JOIN recommendation r ON r.id = c.recommendationId JOIN organisation o ON o.id = r.organisationId
            JOIN \(PublicSQL.paperJoins)
            WHERE p.id = r.paperId AND ci.meetingId = ? AND \(PublicSQL.recommendation)
            ORDER BY m.startsAt, p.id, r.number
            """, [meetingId]) { row in
            (item: row["agendaItemId"] as Int64, recommendation: CalledBackRecommendation(
                id: row["id"], number: row["number"], text: row["text"], paperTitle: row["paperTitle"], organisationName: row["organisationName"]))
        }
        return Dictionary(grouping: listed, by: \.item).mapValues { $0.map(\.recommendation) }
    }
}

extension AppDatabase {
    /// The meetings the recommendation may be called back to (`CallBack.candidates`, which alone decides), soonest
    /// first, from the body's next 200 meetings still to come.
    public func callBackCandidates(recommendationId: Int64, now: Date, time: LocalTime) throws -> [Meeting] {
        try writer.read { db in
            guard let record = try Recommendation.fetchOne(db, key: recommendationId) else { return [] }
            let meetings = try Meeting.fetchAll(db, sql: """
                SELECT * FROM meeting WHERE bodyId = ? AND startsAt > ? ORDER BY startsAt LIMIT 200
                """, arguments: [record.bodyId, now])
            return CallBack.candidates(record, meetings: meetings, now: now, time: time)
        }
    }
}
