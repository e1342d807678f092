import Foundation
import GRDB
import TownhallDomain

/// Scheduling a meeting, publishing its agenda and recording what became of it.
extension AppDatabase {
    public func addMeeting(
        body bodySlug: String, title: String, startsAt: Date, endsAt: Date?, locationName: String?, address: String?, actor: Actor
    ) throws -> Meeting {
        if let endsAt, endsAt <= startsAt { throw TownhallError.invalid("the meeting must end after it starts") }
        let title = try required(title, "title")
        return try writer.write { db in
            let body = try Self.find(Body.self, slug: bodySlug, what: "body", db)
            let locationId = try Self.locationId(db, name: locationName, address: address)
            var meeting = Meeting(
                bodyId: body.id!, title: title, startsAt: startsAt, endsAt: endsAt, locationId: locationId,
                status: .scheduled, agendaPublishedAt: nil, lateReason: nil)
            try meeting.insert(db)
            try db.audit(actor, .add, .meeting, meeting.id, "\(bodySlug): \(title)", at: clock())
            return meeting
        }
    }

    /// Publishes the agenda; after the five-clear-working-days deadline `rule` insists on a recorded reason.
    public func publishAgenda(meetingId: Int64, at date: Date, rule: PublicationRule, lateReason: String? = nil, actor: Actor) throws -> Meeting {
        try writer.write { db in
            guard var meeting = try Meeting.fetchOne(db, key: meetingId) else {
                throw TownhallError.notFound("no meeting with id \(meetingId)")
            }
            guard meeting.agendaPublishedAt == nil else { return meeting }
            let lateReason = try rule.lateReason(lateReason, what: "the agenda", meetingStart: meeting.startsAt, publishedAt: date)
            meeting.agendaPublishedAt = date
            meeting.lateReason = lateReason
            try meeting.update(db)
            try db.audit(actor, .publishAgenda, .meeting, meetingId, lateReason.map { "late: \($0)" } ?? "", at: date)
            return meeting
        }
    }

    public func setMeetingStatus(meetingId: Int64, status: MeetingStatus, actor: Actor) throws -> Meeting {
        try writer.write { db in
            guard var meeting = try Meeting.fetchOne(db, key: meetingId) else {
                throw TownhallError.notFound("no meeting with id \(meetingId)")
            }
            meeting.status = status
            try meeting.update(db)
            try db.audit(actor, .setStatus, .meeting, meetingId, status.rawValue, at: clock())
            return meeting
        }
    }
}
