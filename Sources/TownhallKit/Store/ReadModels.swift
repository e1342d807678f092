import Foundation

/// A meeting with the names residents need beside it in lists.
public struct MeetingSummary: Sendable, Equatable, Codable {
    public var meeting: Meeting
    public var bodyName: String
    public var bodySlug: String
    public var locationName: String?
}

/// A current member of a body as shown on its public page.
public struct MemberSummary: Sendable, Equatable, Codable {
    public var membershipId: Int64
    public var person: Person
    public var role: MembershipRole
    public var category: SeatCategory?
    public var authorityName: String?
    public var startDate: String
    public var endDate: String?
}

/// Everything the public body page shows, already filtered to public data.
public struct BodyDetail: Sendable, Equatable {
    public var body: Body
    public var members: [MemberSummary]
    public var upcoming: [MeetingSummary]
    public var past: [MeetingSummary]
    /// The seats the body should fill today, so empty ones show.
    public var seats: [Seat]
    public var overview: KindOverview
}

/// A published paper as listed under an agenda item.
public struct PaperSummary: Sendable, Equatable, Codable {
    public var id: Int64
    public var title: String
    public var revision: Int
    public var publishedAt: Date?
    public var lateReason: String?

    init(_ paper: Paper) {
        id = paper.id!
        title = paper.title
        revision = paper.revision
        publishedAt = paper.publishedAt
        lateReason = paper.lateReason
    }
}

/// One agenda item with only what the public may see: no papers or files for exempt items.
public struct PublicAgendaItem: Sendable, Equatable {
    public var item: AgendaItem
    public var papers: [PaperSummary]
    public var attachments: [Attachment]
}

/// The public meeting page; `items` is empty until the agenda is published.
public struct MeetingDetail: Sendable, Equatable {
    public var summary: MeetingSummary
    public var location: Location?
    public var agendaPublished: Bool
    public var items: [PublicAgendaItem]
    /// Witnesses called to give evidence, and the inquiry the meeting is a session of.
    public var witnesses: [Witness] = []
    public var inquiry: Inquiry? = nil
}

/// A published paper with its place in the meeting.
public struct PaperDetail: Sendable, Equatable {
    public var paper: Paper
    public var item: AgendaItem
    public var meeting: MeetingSummary
    public var attachments: [Attachment]
    /// All public revisions of this paper, oldest first (including this one).
    public var revisions: [PaperSummary]
}
