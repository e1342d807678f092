import Foundation
import GRDB
import TownhallDomain

/// Scheduling a meeting, publishing its agenda and recording what became of it.
extension AppDatabase {
    /// Schedules a meeting, convened now (or at `convenedAt`, for records and the demo); see `convening`.
    public func addMeeting(
        body bodySlug: String, title: String, startsAt: Date, endsAt: Date?, locationName: String?, address: String?,
        convenedAt: Date? = nil, actor: Actor
    ) throws -> Meeting {
        if let endsAt, endsAt <= startsAt { throw TownhallError.invalid("the meeting must end after it starts") }
        let title = try required(title, "title")
        return try writer.write { db in
            let body = try Self.find(Body.self, slug: bodySlug, what: "body", db)
            let locationId = try Self.locationId(db, name: locationName, address: address)
            var meeting = Meeting(
                bodyId: body.id!, title: title, startsAt: startsAt, endsAt: endsAt, locationId: locationId,
                status: .scheduled, agendaPublishedAt: nil, lateReason: nil,
                convenedAt: Self.convening(startsAt: startsAt, at: convenedAt ?? clock()))
            try meeting.insert(db)
            try db.audit(actor, .add, .meeting, meeting.id, "\(bodySlug): \(title)", at: clock())
            return meeting
        }
    }

    /// When a meeting counts as convened: at `date` if that is before it starts; a meeting entered after it began is
    /// a record of the past, and when it was called is not known (nil), so it is never shown as short notice.
    static func convening(startsAt: Date, at date: Date) -> Date? { date < startsAt ? date : nil }

    /// Publishes the agenda; after the deadline `rule` gives (five clear working days, or the day a short-notice
    /// meeting was called) it insists on the special circumstances. An agenda with no items is not an agenda.
    public func publishAgenda(meetingId: Int64, at date: Date, rule: PublicationRule, lateReason: String? = nil, actor: Actor) throws -> Meeting {
        try writer.write { db in
            guard var meeting = try Meeting.fetchOne(db, key: meetingId) else {
                throw TownhallError.notFound("no meeting with id \(meetingId)")
            }
            guard meeting.agendaPublishedAt == nil else { return meeting }
            guard try AgendaItem.filter(Column("meetingId") == meetingId).fetchCount(db) > 0 else {
                throw TownhallError.invalid(PublicationRule.emptyAgendaMessage)
            }
            let lateReason = try rule.lateReason(lateReason, what: "the agenda", meeting: meeting, publishedAt: date)
            if try AgendaItem.filter(Column("meetingId") == meetingId && Column("isExempt") == true).fetchCount(db) > 0 {
                try Self.announcePrivateBusiness(db, &meeting, at: date, urgency: lateReason)
            }
            meeting.agendaPublishedAt = date
            meeting.lateReason = lateReason
            try meeting.update(db)
            try db.audit(actor, .publishAgenda, .meeting, meetingId, lateReason.map { "late: \($0)" } ?? "", at: date)
            return meeting
        }
    }

    /// Gives the further notice of a meeting's private business (regulation 5(4)) when it is first announced: with the
    /// agenda, or when private business joins an agenda already published. It must stand on a notice of intention on
    /// the forward plan and, inside five clear days, on urgency (`PrivateMeetingRule`). Once given, later private
    /// items of the same meeting are covered by it. Returns whether it gave the notice now (the meeting then needs
    /// saving).
    @discardableResult
    static func announcePrivateBusiness(_ db: Database, _ meeting: inout Meeting, at date: Date, urgency: String?) throws -> Bool {
        guard meeting.privateNoticeAt == nil else { return false }
        let time = LocalTime()
        let day = time.calendarDay(of: meeting.startsAt)
        try PrivateMeetingRule.check(
            intentions: try privateIntentions(db, bodyId: meeting.bodyId, day: day), announcedOn: time.calendarDay(of: date),
            meetingDay: day, urgency: urgency)
        meeting.privateNoticeAt = date
        return true
    }

    /// The body's private forward-plan entries for a day: its notices of intention to meet in private then.
    static func privateIntentions(_ db: Database, bodyId: Int64, day: Day) throws -> [PlanEntry] {
        try PlanEntry.filter(Column("bodyId") == bodyId && Column("expectedOn") == day.description && Column("exemptParagraph") != nil)
            .order(Column("publishedAt"), Column("id")).fetchAll(db)
    }

    /// Marks a meeting held, postponed or cancelled. Postponing or cancelling needs a reason, which is published on
    /// the meeting's page and told to its followers.
    public func setMeetingStatus(meetingId: Int64, status: MeetingStatus, reason: String? = nil, actor: Actor) throws -> Meeting {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if status.needsReason {
            if reason.isEmpty { throw TownhallError.invalid("say why the meeting is \(status.rawValue); the reason is published") }
            if let problem = TextLimits.noteProblem(reason, what: "the reason") { throw TownhallError.invalid(problem) }
        }
        return try writer.write { db in
            guard var meeting = try Meeting.fetchOne(db, key: meetingId) else {
                throw TownhallError.notFound("no meeting with id \(meetingId)")
            }
            if status == .held, !meeting.hasStarted(at: clock()) {
                throw TownhallError.invalid("the meeting cannot be marked held before it starts")
            }
            meeting.status = status
            meeting.statusReason = status.needsReason ? reason : nil
            try meeting.update(db)
            try db.audit(actor, .setStatus, .meeting, meetingId, status.rawValue, at: clock())
            return meeting
        }
    }
}

extension AppDatabase {
    /// Sets how to attend or watch a meeting; refused, with the first problem, when any part is wrong.
    @discardableResult
    public func setMeetingAccess(meetingId: Int64, _ access: MeetingAccess, actor: Actor) throws -> Meeting {
        if let problem = access.problems.first { throw TownhallError.invalid(problem.message.prefix(1).lowercased() + problem.message.dropFirst()) }
        return try writer.write { db in
            guard var meeting = try Meeting.fetchOne(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
            meeting.access = access
            try meeting.update(db)
            try db.audit(actor, .edit, .meeting, meetingId, "how to attend or watch", at: clock())
            return meeting
        }
    }
}
