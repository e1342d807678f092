import Foundation

/// A body calls its recommendations back to a later meeting: one "Progress on recommendations" item on that
/// meeting's agenda lists them, so members can ask the organisation what became of each (issue 18). The rule is
/// here once; the store enforces it for the clerk's screen and the CLI alike.
public enum CallBack {
    /// The title of the item the recommendations are listed under; one such item per meeting.
    public static let itemTitle = "Progress on recommendations"
    public static let itemType = AgendaItemType.report

    /// Why `recommendation` cannot be called back to `meeting`; nil when it can. The state machine
    /// (`RecommendationAction.callBack`) has already refused drafts and closed recommendations.
    ///
    /// Only to a scheduled meeting of the body that made it that has not started (one still marked scheduled after its
    /// start is only awaiting its outcome), after the day it was issued, whose agenda is not yet published: a
    /// published agenda is frozen (a later item is supplementary and may need the chair's urgency, LGA 1972
    /// s100B(4)), so the clerk adds that through the agenda screen instead.
    public static func problem(_ recommendation: Recommendation, to meeting: Meeting, now: Date, time: LocalTime) -> String? {
        if meeting.bodyId != recommendation.bodyId {
            return "a recommendation can only be called back to a meeting of the body that made it"
        }
        if meeting.status != .scheduled {
            return "that meeting is \(meeting.status.label.lowercased()); choose a scheduled meeting"
        }
        if meeting.hasStarted(at: now) { return "that meeting has already started; choose one still to come" }
        guard let issuedAt = recommendation.issuedAt else { return "a draft recommendation cannot be called back: issue it first" }
        if time.calendarDay(of: meeting.startsAt) <= time.calendarDay(of: issuedAt) {
            return "choose a meeting after the day the recommendation was issued, \(time.longDate(day: time.calendarDay(of: issuedAt)))"
        }
        if meeting.agendaPublishedAt != nil {
            return "the agenda of that meeting is already published; choose a later meeting, or add a supplementary item from its agenda"
        }
        return nil
    }

    /// The meetings a clerk may choose from, soonest first.
    public static func candidates(_ recommendation: Recommendation, meetings: [Meeting], now: Date, time: LocalTime) -> [Meeting] {
        meetings.filter { problem(recommendation, to: $0, now: now, time: time) == nil }.sorted { $0.startsAt < $1.startsAt }
    }
}

/// One recommendation listed under a meeting's "Progress on recommendations" item.
public struct RecommendationCallBack: Codable, Sendable, Equatable {
    public var id: Int64?
    public var recommendationId: Int64
    public var agendaItemId: Int64
    public var at: Date
    public var byName: String

    public init(id: Int64? = nil, recommendationId: Int64, agendaItemId: Int64, at: Date, byName: String) {
        self.id = id
        self.recommendationId = recommendationId
        self.agendaItemId = agendaItemId
        self.at = at
        self.byName = byName
    }
}
