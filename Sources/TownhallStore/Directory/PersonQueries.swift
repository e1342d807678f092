import Foundation
import GRDB
import TownhallDomain

/// Everything public about one member (issue 19): their seats, past and present, the attendance recorded for
/// them at each meeting, and the interests they declared at meetings. All of it is already public on the body and
/// meeting pages; this page gathers it by person.
public struct PersonDetail: Sendable {
    public struct Seat: Sendable {
        public var membership: Membership
        public var bodyName: String
        public var bodySlug: String
        public var authorityName: String?
        public var registerOfInterestsURL: String?
    }

    public struct Attended: Sendable {
        public var meetingId: Int64
        public var meetingTitle: String
        public var startsAt: Date
        public var bodyId: Int64
        public var bodyName: String
        public var status: AttendanceStatus
    }

    public struct Declared: Sendable {
        public var meetingId: Int64
        public var meetingTitle: String
        public var startsAt: Date
        public var bodyName: String
        public var itemNumber: String?
        public var itemTitle: String?
        public var kind: InterestKind
        public var interest: String
    }

    public var person: Person
    /// Newest first.
    public var seats: [Seat]
    /// Newest meeting first.
    public var attendance: [Attended]
    /// Newest meeting first.
    public var declarations: [Declared]
}

extension AppDatabase {
    public func personDetail(slug: String) async throws -> PersonDetail? {
        try await writer.read { db in
            guard let person = try Person.filter(Column("slug") == slug).fetchOne(db), let id = person.id else { return nil }
            let seats = try Row.fetchAll(db, sql: """
                SELECT ms.*, b.name AS bodyName, b.slug AS bodySlug, a.name AS authorityName, a.registerOfInterestsURL
                FROM membership ms JOIN body b ON b.id = ms.bodyId LEFT JOIN authority a ON a.id = ms.authorityId
                WHERE ms.personId = ? ORDER BY ms.startDate DESC, ms.id DESC
                """, arguments: [id]).map { row in
                PersonDetail.Seat(
                    membership: try Membership(row: row), bodyName: row["bodyName"], bodySlug: row["bodySlug"], authorityName: row["authorityName"],
                    registerOfInterestsURL: row["registerOfInterestsURL"])
            }
            let attendance = try Row.fetchAll(db, sql: """
                SELECT m.id, m.title, m.startsAt, b.id AS bodyId, b.name AS bodyName, at.status
                FROM attendance at JOIN meeting m ON m.id = at.meetingId JOIN body b ON b.id = m.bodyId
                WHERE at.personId = ? ORDER BY m.startsAt DESC, m.id DESC
                """, arguments: [id]).compactMap { row -> PersonDetail.Attended? in
                guard let status = AttendanceStatus(rawValue: row["status"]) else { return nil }
                return PersonDetail.Attended(
                    meetingId: row["id"], meetingTitle: row["title"], startsAt: row["startsAt"], bodyId: row["bodyId"], bodyName: row["bodyName"],
                    status: status)
            }
            let declarations = try Row.fetchAll(db, sql: """
                SELECT m.id, m.title, m.startsAt, b.name AS bodyName, i.number, i.title AS itemTitle, d.kind, d.interest
                FROM declaration d JOIN meeting m ON m.id = d.meetingId JOIN body b ON b.id = m.bodyId LEFT JOIN agendaItem i ON i.id = d.agendaItemId
                WHERE d.personId = ? ORDER BY m.startsAt DESC, d.id
                """, arguments: [id]).compactMap { row -> PersonDetail.Declared? in
                guard let kind = InterestKind(rawValue: row["kind"]) else { return nil }
                return PersonDetail.Declared(
                    meetingId: row["id"], meetingTitle: row["title"], startsAt: row["startsAt"], bodyName: row["bodyName"],
                    itemNumber: row["number"], itemTitle: row["itemTitle"], kind: kind, interest: row["interest"])
            }
            return PersonDetail(person: person, seats: seats, attendance: attendance, declarations: declarations)
        }
    }
}
