import Foundation

/// One member's attendance at one meeting.
public struct AttendanceRecord: Codable, Sendable, Equatable {
    public var id: Int64?
    public var meetingId: Int64
    public var personId: Int64
    public var status: AttendanceStatus

    public init(
        id: Int64? = nil, meetingId: Int64, personId: Int64, status: AttendanceStatus
    ) {
        self.id = id
        self.meetingId = meetingId
        self.personId = personId
        self.status = status
    }
}

/// An interest declared at a meeting, optionally against one item.
public struct Declaration: Codable, Sendable, Equatable {
    public var id: Int64?
    public var meetingId: Int64
    public var personId: Int64
    public var agendaItemId: Int64?
    public var kind: InterestKind
    public var interest: String

    public init(
        id: Int64? = nil, meetingId: Int64, personId: Int64, agendaItemId: Int64? = nil, kind: InterestKind,
        interest: String
    ) {
        self.id = id
        self.meetingId = meetingId
        self.personId = personId
        self.agendaItemId = agendaItemId
        self.kind = kind
        self.interest = interest
    }
}

/// The minutes of a meeting. `html` is rendered when published, like papers.
public struct Minutes: Codable, Sendable, Equatable {
    public var id: Int64?
    public var meetingId: Int64
    public var markdown: String
    public var html: String?
    public var status: MinutesStatus
    public var publishedAt: Date?
    public var approvedAt: Date?
    public var approvedAtMeetingId: Int64?

    public init(
        id: Int64? = nil, meetingId: Int64, markdown: String, html: String? = nil, status: MinutesStatus,
        publishedAt: Date? = nil, approvedAt: Date? = nil, approvedAtMeetingId: Int64? = nil
    ) {
        self.id = id
        self.meetingId = meetingId
        self.markdown = markdown
        self.html = html
        self.status = status
        self.publishedAt = publishedAt
        self.approvedAt = approvedAt
        self.approvedAtMeetingId = approvedAtMeetingId
    }
}
