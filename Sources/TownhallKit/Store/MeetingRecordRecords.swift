import Foundation
import GRDB

/// One member's attendance at one meeting.
public struct AttendanceRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var meetingId: Int64
    public var personId: Int64
    public var status: AttendanceStatus
    public static let databaseTableName = "attendance"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// An interest declared at a meeting, optionally against one item.
public struct Declaration: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var meetingId: Int64
    public var personId: Int64
    public var agendaItemId: Int64?
    public var kind: InterestKind
    public var interest: String
    public static let databaseTableName = "declaration"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The minutes of a meeting. `html` is rendered when published, like papers.
public struct Minutes: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var meetingId: Int64
    public var markdown: String
    public var html: String?
    public var status: MinutesStatus
    public var publishedAt: Date?
    public var approvedAt: Date?
    public var approvedAtMeetingId: Int64?
    public static let databaseTableName = "minutes"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What happened at a meeting, with names, for the clerk's and the public pages.
public struct MeetingRecord: Sendable {
    public struct Attendee: Sendable {
        public var person: Person
        public var role: MembershipRole?
        public var status: AttendanceStatus?
    }

    public struct DeclaredInterest: Sendable {
        public var personName: String
        public var itemNumber: String?
        public var kind: InterestKind
        public var interest: String
    }

    /// Current members of the body (and anyone else recorded), with what was recorded for them.
    public var attendees: [Attendee]
    public var declarations: [DeclaredInterest]
    public var minutes: Minutes?
    /// Title and start of the meeting at which the minutes were approved.
    public var approvedAt: MeetingSummary?
}
