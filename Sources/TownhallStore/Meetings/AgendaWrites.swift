import Foundation
import GRDB
import TownhallDomain

/// Changing an agenda and a meeting after they were created. Each change is one transaction with its audit line.
extension AppDatabase {
    public enum Direction: String, Sendable { case up, down }

    /// Swaps an item with its neighbour; item numbers stay as printed until the clerk renumbers.
    public func moveAgendaItem(id: Int64, direction: Direction, actor: Actor) throws {
        try writer.write { db in
            guard var item = try AgendaItem.fetchOne(db, key: id) else { throw TownhallError.notFound("no agenda item with id \(id)") }
            let neighbourRequest = AgendaItem.filter(Column("meetingId") == item.meetingId)
            let neighbour = direction == .up
                ? try neighbourRequest.filter(Column("position") < item.position).order(Column("position").desc).fetchOne(db)
                : try neighbourRequest.filter(Column("position") > item.position).order(Column("position")).fetchOne(db)
            guard var other = neighbour else { return }
            let (mine, theirs) = (item.position, other.position)
            item.position = -1  // step aside: (meetingId, position) is unique
            try item.update(db)
            other.position = mine
            try other.update(db)
            item.position = theirs
            try item.update(db)
            try db.audit(actor, direction == .up ? .moveUp : .moveDown, .agendaItem, id, item.title, at: clock())
        }
    }

    /// Numbers items 1, 2, 3… in their current order.
    public func renumberAgenda(meetingId: Int64, actor: Actor) throws {
        try writer.write { db in
            guard try Meeting.exists(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
            let items = try AgendaItem.filter(Column("meetingId") == meetingId).order(Column("position")).fetchAll(db)
            for (index, var item) in items.enumerated() where item.number != String(index + 1) {
                item.number = String(index + 1)
                try item.update(db)
            }
            try db.audit(actor, .renumber, .meeting, meetingId, "\(items.count) items", at: clock())
        }
    }

    /// Removes an item that has no papers or files; anything published must be withdrawn, not deleted.
    public func removeAgendaItem(id: Int64, actor: Actor) throws -> AgendaItem {
        try writer.write { db in
            guard let item = try AgendaItem.fetchOne(db, key: id) else { throw TownhallError.notFound("no agenda item with id \(id)") }
            let papers = try Paper.filter(Column("agendaItemId") == id).fetchCount(db)
            let files = try Attachment.filter(Column("agendaItemId") == id).fetchCount(db)
            guard papers == 0 && files == 0 else {
                throw TownhallError.conflict("item \(item.number) has papers or files; withdraw them rather than deleting the item")
            }
            try item.delete(db)
            // The meeting is named, as when an item is added, so its agenda pack can be made again without the item.
            try db.audit(actor, .remove, .agendaItem, id, "meeting \(item.meetingId): \(item.title)", at: clock())
            return item
        }
    }

    /// Changes an item's title, type, exemption and decision record (`DecisionRecord`). Whether it is supplementary,
    /// and its urgency record, are facts of when it was added and stay as they are.
    public func updateAgendaItem(
        id: Int64, title: String, type: AgendaItemType, exemption: Exemption?, decision: String?, reasons: String? = nil,
        alternatives: String? = nil, takesEffect: Day? = nil, recordingURL: String?? = nil, actor: Actor
    ) throws -> AgendaItem {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw TownhallError.invalid("title must not be empty") }
        // `recordingURL` nil leaves the item's recording as it is; `.some(nil)` (or blank) clears it.
        if case .some(let link) = recordingURL, let problem = MeetingAccess.linkProblem(link, what: "the recording link") {
            throw TownhallError.invalid(problem)
        }
        return try writer.write { db in
            guard var item = try AgendaItem.fetchOne(db, key: id) else { throw TownhallError.notFound("no agenda item with id \(id)") }
            var meeting = try Meeting.fetchOne(db, key: item.meetingId)!
            if exemption != nil, !item.isExempt, meeting.agendaPublishedAt != nil,
               try Self.announcePrivateBusiness(db, &meeting, at: clock(), urgency: item.urgency ?? meeting.lateReason) {
                try meeting.update(db)
            }
            let record = try DecisionRecord.check(
                decision: decision, reasons: reasons, alternatives: alternatives, takesEffect: takesEffect,
                meetingDay: LocalTime().calendarDay(of: meeting.startsAt))
            item.title = title
            item.itemType = type
            item.apply(exemption)
            item.apply(record)
            if case .some(let link) = recordingURL { item.recordingURL = link?.trimmedOrNil }
            try item.update(db)
            try db.audit(actor, .edit, .agendaItem, id, exemption.map { "\(title) (exempt, paragraph \($0.paragraph.rawValue))" } ?? title, at: clock())
            return item
        }
    }

    /// Changes a meeting's details; moving it to another time calls it afresh, so its notice runs from the move.
    public func updateMeeting(
        id: Int64, title: String, startsAt: Date, endsAt: Date?, locationName: String?, address: String?, actor: Actor
    ) throws -> Meeting {
        if let endsAt, endsAt <= startsAt { throw TownhallError.invalid("the meeting must end after it starts") }
        return try writer.write { db in
            guard var meeting = try Meeting.fetchOne(db, key: id) else { throw TownhallError.notFound("no meeting with id \(id)") }
            meeting.title = title
            if meeting.startsAt != startsAt { meeting.convenedAt = Self.convening(startsAt: startsAt, at: clock()) }
            meeting.startsAt = startsAt
            meeting.endsAt = endsAt
            meeting.locationId = try Self.locationId(db, name: locationName, address: address)
            try meeting.update(db)
            try db.audit(actor, .edit, .meeting, id, title, at: clock())
            return meeting
        }
    }

    /// Finds a place by name, creating it when new; nil for no place.
    static func locationId(_ db: Database, name: String?, address: String?) throws -> Int64? {
        guard let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
        if let existing = try Location.filter(Column("name") == name).fetchOne(db) { return existing.id }
        var location = Location(name: name, address: address ?? "")
        try location.insert(db)
        return location.id
    }
}

/// Adding an item to a meeting's agenda.
extension AppDatabase {
    /// Adds an item. Once the agenda is published its list is frozen: a new item is supplementary, stamped with the
    /// time it was added, and when it comes after the publication deadline `rule` gives, it needs the special
    /// circumstances for which the chair considers it urgent (LGA 1972 s100B(4)(b)).
    public func addAgendaItem(
        meetingId: Int64, title: String, type: AgendaItemType, exemption: Exemption? = nil, number: String? = nil,
        decision: String? = nil, urgency: String? = nil, rule: PublicationRule, actor: Actor
    ) throws -> AgendaItem {
        let title = try required(title, "title")
        let urgency = urgency?.trimmedOrNil
        return try writer.write { db in
            try Self.insertAgendaItem(
                db, meetingId: meetingId, title: title, type: type, exemption: exemption, number: number, decision: decision, urgency: urgency,
                rule: rule, at: clock(), actor: actor)
        }
    }

    /// `addAgendaItem` in the caller's transaction, with the title already checked.
    static func insertAgendaItem(
        _ db: Database, meetingId: Int64, title: String, type: AgendaItemType, exemption: Exemption? = nil, number: String? = nil,
        decision: String? = nil, urgency: String?, rule: PublicationRule, at now: Date, actor: Actor
    ) throws -> AgendaItem {
        guard var meeting = try Meeting.fetchOne(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
        let supplementary = meeting.agendaPublishedAt != nil
        if rule.itemNeedsUrgency(meeting, addedAt: now), urgency == nil {
            throw TownhallError.invalid(rule.lateMessage(what: "this supplementary item", happens: "is added", meeting: meeting))
        }
        if supplementary, exemption != nil, try Self.announcePrivateBusiness(db, &meeting, at: now, urgency: urgency) {
            try meeting.update(db)
        }
        let last = try Int.fetchOne(db, sql: "SELECT MAX(position) FROM agendaItem WHERE meetingId = ?", arguments: [meetingId]) ?? 0
        var item = AgendaItem(
            meetingId: meetingId, position: last + 1, number: number ?? String(last + 1), title: title, itemType: type,
            isExempt: false, decision: decision, supplementaryAt: supplementary ? now : nil, urgency: supplementary ? urgency : nil)
        item.apply(exemption)
        try item.insert(db)
        try db.audit(actor, .add, .agendaItem, item.id, "meeting \(meetingId): \(title)" + (supplementary ? " (supplementary)" : ""), at: now)
        return item
    }
}

extension AgendaItem {
    mutating func apply(_ record: DecisionRecord?) {
        decision = record?.decision
        decisionReasons = record?.reasons
        decisionAlternatives = record?.alternatives
        decisionTakesEffect = record?.takesEffect?.description
    }

    mutating func apply(_ exemption: Exemption?) {
        isExempt = exemption != nil
        exemptParagraph = exemption?.paragraph
        publicInterestReason = exemption?.publicInterestReason
    }
}
