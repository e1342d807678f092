import Foundation
import GRDB
import TownhallDomain
import TownhallMarkdown

extension OfficerInAttendance: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "officerAttendance"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Attendance, declarations of interest and minutes: what happened at a meeting.
extension AppDatabase {
    public func meetingRecord(meetingId: Int64) async throws -> MeetingRecord {
        try await writer.read { db in try Self.meetingRecord(db, meetingId: meetingId) }
    }

    /// Every statement cached (`CachedStatements`): the meeting page reads this on each render, and compiling the
    /// same query-interface statements afresh was a twentieth of a random meeting page's CPU (issue 15, `perf`).
    static func meetingRecord(_ db: Database, meetingId: Int64) throws -> MeetingRecord {
        guard let meeting = try db.cachedRecord(Meeting.self, id: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
        var attendees: [Int64: MeetingRecord.Attendee] = [:]
        for (person, role) in try membersOnTheDay(db, of: meeting) {
            attendees[person.id!] = .init(person: person, role: role, status: nil)
        }
        for record in try db.cachedRecords(AttendanceRecord.self, "SELECT * FROM attendance WHERE meetingId = ?", [meetingId]) {
            if attendees[record.personId] == nil, let person = try db.cachedRecord(Person.self, id: record.personId) {
                attendees[record.personId] = .init(person: person, role: nil, status: nil)
            }
            attendees[record.personId]?.status = record.status
        }
        let declarations = try db.cachedMap("""
            SELECT d.kind, d.interest, p.name AS personName, i.number AS itemNumber
            FROM declaration d JOIN person p ON p.id = d.personId LEFT JOIN agendaItem i ON i.id = d.agendaItemId
            WHERE d.meetingId = ? ORDER BY d.id
            """, [meetingId]) {
            MeetingRecord.DeclaredInterest(
                personName: $0["personName"], itemNumber: $0["itemNumber"], kind: InterestKind(rawValue: $0["kind"]) ?? .nonRegisterable,
                interest: $0["interest"])
        }
        let minutes = try db.cachedRecords(Minutes.self, "SELECT * FROM minutes WHERE meetingId = ? LIMIT 1", [meetingId]).first
        let approvedAt = try minutes?.approvedAtMeetingId.flatMap {
            try meetingSummaries(db, where: "m.id = ?", arguments: [$0], order: "m.id", limit: 1).first
        }
        let sorted = attendees.values.sorted {
            ($0.role?.rank ?? 99, $0.person.name) < ($1.role?.rank ?? 99, $1.person.name)
        }
        let officers = try db.cachedRecords(
            OfficerInAttendance.self, "SELECT * FROM \(OfficerInAttendance.databaseTableName) WHERE meetingId = ? ORDER BY id", [meetingId])
        return MeetingRecord(attendees: sorted, declarations: declarations, minutes: minutes, approvedAt: approvedAt, officers: officers)
    }

    /// Records an officer in attendance (`OfficerInAttendance.problem` decides what may be recorded).
    @discardableResult
    public func addOfficer(meetingId: Int64, name: String, role: String, actor: Actor) throws -> OfficerInAttendance {
        if let problem = OfficerInAttendance.problem(name: name, role: role) { throw TownhallError.invalid(problem) }
        return try writer.write { db in
            guard try Meeting.exists(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
            var officer = OfficerInAttendance(
                meetingId: meetingId, name: name.trimmingCharacters(in: .whitespacesAndNewlines), role: role.trimmingCharacters(in: .whitespacesAndNewlines))
            try officer.insert(db)
            try db.audit(actor, .recordAttendance, .meeting, meetingId, "officer \(officer.name)", at: clock())
            return officer
        }
    }

    /// Removes an officer from a meeting's record; the meeting must be the officer's.
    public func removeOfficer(id: Int64, meetingId: Int64, actor: Actor) throws {
        try writer.write { db in
            guard let officer = try OfficerInAttendance.fetchOne(db, key: id), officer.meetingId == meetingId else {
                throw TownhallError.notFound("no officer \(id) at meeting \(meetingId)")
            }
            try officer.delete(db)
            try db.audit(actor, .remove, .meeting, meetingId, "officer \(officer.name)", at: clock())
        }
    }

    /// The people who sat on the meeting's body on the day it met, with their role: the only people whose
    /// attendance and interests the meeting's record may hold (Local Authorities (Members' Interests) Regulations
    /// 2012 and the body's standing orders speak of its members, not of anyone in the directory).
    static func membersOnTheDay(_ db: Database, of meeting: Meeting) throws -> [(person: Person, role: MembershipRole?)] {
        let day = LocalTime().day(of: meeting.startsAt)
        return try db.cachedMap("""
            SELECT p.*, ms.role FROM membership ms JOIN person p ON p.id = ms.personId
            WHERE ms.bodyId = ? AND ms.startDate <= ? AND (ms.endDate IS NULL OR ms.endDate >= ?)
            """, [meeting.bodyId, day, day]) { row in (try Person(row: row), MembershipRole(rawValue: row["role"])) }
    }

    /// Refuses anyone in `personIds` who was not a member of the meeting's body on the day, naming the first.
    static func requireMembers(_ db: Database, _ personIds: some Sequence<Int64>, of meeting: Meeting) throws {
        let members = Set(try membersOnTheDay(db, of: meeting).compactMap(\.person.id))
        for personId in personIds where !members.contains(personId) {
            guard let person = try Person.fetchOne(db, key: personId) else { throw TownhallError.notFound("no person with id \(personId)") }
            throw TownhallError.invalid("\(person.name) was not a member of the body on \(LocalTime().day(of: meeting.startsAt))")
        }
    }

    /// Records attendance for several people at once (one transaction); a person not listed is left as it was.
    /// Only the body's members on the day can be recorded; anyone else refuses the whole list.
    public func recordAttendance(meetingId: Int64, statuses: [Int64: AttendanceStatus], actor: Actor) throws {
        try writer.write { db in
            guard let meeting = try Meeting.fetchOne(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
            let ordered = statuses.sorted(by: { $0.key < $1.key })
            try Self.requireMembers(db, ordered.map(\.key), of: meeting)
            for (personId, status) in ordered {
                try db.execute(sql: """
                    INSERT INTO attendance(meetingId, personId, status) VALUES (?, ?, ?)
                    ON CONFLICT(meetingId, personId) DO UPDATE SET status = excluded.status
                    """, arguments: [meetingId, personId, status.rawValue])
            }
            try db.audit(actor, .recordAttendance, .meeting, meetingId, "\(statuses.count) people", at: clock())
        }
    }

    public func addDeclaration(
        meetingId: Int64, personId: Int64, agendaItemId: Int64?, kind: InterestKind, interest: String, actor: Actor
    ) throws -> Declaration {
        let interest = interest.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !interest.isEmpty else { throw TownhallError.invalid("describe the interest") }
        return try writer.write { db in
            guard let meeting = try Meeting.fetchOne(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
            try Self.requireMembers(db, [personId], of: meeting)
            if let agendaItemId {
                guard let item = try AgendaItem.fetchOne(db, key: agendaItemId), item.meetingId == meetingId else {
                    throw TownhallError.notFound("no agenda item \(agendaItemId) in meeting \(meetingId)")
                }
            }
            var declaration = Declaration(meetingId: meetingId, personId: personId, agendaItemId: agendaItemId, kind: kind, interest: interest)
            try declaration.insert(db)
            try db.audit(actor, .declareInterest, .meeting, meetingId, interest, at: clock())
            return declaration
        }
    }

    /// Saves the minutes' text while they are a draft.
    public func saveMinutes(meetingId: Int64, markdown: String, actor: Actor) throws -> Minutes {
        try TextLimits.checkMarkdown(markdown, what: "the minutes")
        return try writer.write { db in
            guard try Meeting.exists(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
            var minutes = try Minutes.filter(Column("meetingId") == meetingId).fetchOne(db)
                ?? Minutes(meetingId: meetingId, markdown: "", html: nil, status: .draft)
            guard minutes.status == .draft else { throw TownhallError.conflict("published minutes cannot be edited") }
            minutes.markdown = markdown
            try minutes.save(db)
            try db.audit(actor, .saveMinutes, .meeting, meetingId, at: clock())
            return minutes
        }
    }

    /// Publishes the draft minutes so residents can read them before approval.
    public func publishMinutes(meetingId: Int64, renderer: MarkdownRenderer, at date: Date, actor: Actor) throws -> Minutes {
        try writer.write { db in
            guard var minutes = try Minutes.filter(Column("meetingId") == meetingId).fetchOne(db), minutes.status == .draft else {
                throw TownhallError.conflict("there are no draft minutes to publish")
            }
            minutes.html = renderer.render(minutes.markdown).html
            minutes.status = .published
            minutes.publishedAt = date
            try minutes.update(db)
            try db.audit(actor, .publishMinutes, .meeting, meetingId, "", at: date)
            return minutes
        }
    }

    /// Marks published minutes approved as a correct record at the body's next meeting that has been held: a
    /// meeting still to come, or cancelled, cannot have approved anything.
    public func approveMinutes(meetingId: Int64, at date: Date, actor: Actor) throws -> Minutes {
        try writer.write { db in
            guard let meeting = try Meeting.fetchOne(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
            guard var minutes = try Minutes.filter(Column("meetingId") == meetingId).fetchOne(db), minutes.status == .published else {
                throw TownhallError.conflict("only published draft minutes can be approved")
            }
            guard let next = try Meeting
                .filter(Column("bodyId") == meeting.bodyId && Column("startsAt") > meeting.startsAt && Column("status") == MeetingStatus.held.rawValue)
                .order(Column("startsAt")).fetchOne(db)
            else {
                throw TownhallError.conflict(
                    "minutes are approved at a later meeting of the body once it has been held; mark that meeting held first")
            }
            minutes.status = .approved
            minutes.approvedAt = date
            minutes.approvedAtMeetingId = next.id
            try minutes.update(db)
            try db.audit(actor, .approveMinutes, .meeting, meetingId, "at meeting \(next.id!)", at: date)
            return minutes
        }
    }
}
