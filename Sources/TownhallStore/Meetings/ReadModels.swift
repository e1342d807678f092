import Foundation
import GRDB
import TownhallDomain

/// A meeting with the names residents need beside it in lists.
public struct MeetingSummary: Sendable, Equatable, Codable {
    public var meeting: Meeting
    public var bodyName: String
    public var bodySlug: String
    public var locationName: String?

    public init(
        meeting: Meeting, bodyName: String, bodySlug: String, locationName: String? = nil
    ) {
        self.meeting = meeting
        self.bodyName = bodyName
        self.bodySlug = bodySlug
        self.locationName = locationName
    }
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

    public init(
        membershipId: Int64, person: Person, role: MembershipRole, category: SeatCategory? = nil, authorityName:
        String? = nil, startDate: String, endDate: String? = nil
    ) {
        self.membershipId = membershipId
        self.person = person
        self.role = role
        self.category = category
        self.authorityName = authorityName
        self.startDate = startDate
        self.endDate = endDate
    }
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
    /// The forward plan from today on.
    public var plan: [PlanEntry]
    /// Its plans with measured priorities (issue 20).
    public var performancePlans: [PerformancePlan]

    public init(
        body: Body, members: [MemberSummary], upcoming: [MeetingSummary], past: [MeetingSummary], seats: [Seat],
        overview: KindOverview, plan: [PlanEntry] = [], performancePlans: [PerformancePlan] = []
    ) {
        self.plan = plan
        self.performancePlans = performancePlans
        self.body = body
        self.members = members
        self.upcoming = upcoming
        self.past = past
        self.seats = seats
        self.overview = overview
    }
}

/// A published paper as listed under an agenda item.
public struct PaperSummary: Sendable, Equatable, Codable {
    public var id: Int64
    public var title: String
    public var revision: Int
    public var publishedAt: Date?
    public var lateReason: String?
    /// For an annual report, the academic year it covers.
    public var coveredYear: AcademicYear? = nil

    init(_ paper: Paper) {
        id = paper.id!
        title = paper.title
        revision = paper.revision
        publishedAt = paper.publishedAt
        lateReason = paper.lateReason
        coveredYear = paper.coveredYear
    }

    /// The columns of `paper p` a summary reads (`init(row:)`): a listing never loads a paper's text.
    static let columns = "p.id, p.title, p.revision, p.publishedAt, p.lateReason, p.reportYear"

    init(row: Row) {
        id = row["id"]
        title = row["title"]
        revision = row["revision"]
        publishedAt = row["publishedAt"]
        lateReason = row["lateReason"]
        coveredYear = (row["reportYear"] as Int?).map(AcademicYear.init(endYear:))
    }
}

/// One agenda item with only what the public may see: no papers or files for exempt items.
public struct PublicAgendaItem: Sendable, Equatable {
    public var item: AgendaItem
    public var papers: [PaperSummary]
    public var attachments: [Attachment]
    /// The recommendations a "Progress on recommendations" item lists (`CallBack`).
    public var recommendations: [CalledBackRecommendation] = []
    /// The accepted public questions, on the meeting's public questions item (`QuestionDeadline`).
    public var questions: [PublishedQuestion] = []

    public init(
        item: AgendaItem, papers: [PaperSummary], attachments: [Attachment], recommendations: [CalledBackRecommendation] = [],
        questions: [PublishedQuestion] = []
    ) {
        self.recommendations = recommendations
        self.questions = questions
        self.item = item
        self.papers = papers
        self.attachments = attachments
    }
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
    /// The notices of its private part (regulation 5), for a published agenda with private business.
    public var privateNotice: PrivateMeetingNotice? = nil
    /// Questions from the public, if they were ever opened for it.
    public var questionWindow: ContributionWindow? = nil

    public init(
        summary: MeetingSummary, location: Location? = nil, agendaPublished: Bool, items: [PublicAgendaItem],
        witnesses: [Witness] = [], inquiry: Inquiry? = nil, privateNotice: PrivateMeetingNotice? = nil, questionWindow: ContributionWindow? = nil
    ) {
        self.questionWindow = questionWindow
        self.summary = summary
        self.location = location
        self.agendaPublished = agendaPublished
        self.items = items
        self.witnesses = witnesses
        self.inquiry = inquiry
        self.privateNotice = privateNotice
    }
}

/// A published paper with its place in the meeting.
public struct PaperDetail: Sendable, Equatable {
    public var paper: Paper
    public var item: AgendaItem
    public var meeting: MeetingSummary
    public var attachments: [Attachment]
    /// All public revisions of this paper, oldest first (including this one).
    public var revisions: [PaperSummary]

    public init(
        paper: Paper, item: AgendaItem, meeting: MeetingSummary, attachments: [Attachment], revisions:
        [PaperSummary]
    ) {
        self.paper = paper
        self.item = item
        self.meeting = meeting
        self.attachments = attachments
        self.revisions = revisions
    }
}

/// What happened at a meeting, with names, for the clerk's and the public pages.
public struct MeetingRecord: Sendable {
    public struct Attendee: Sendable {
        public var person: Person
        public var role: MembershipRole?
        public var status: AttendanceStatus?

        public init(
            person: Person, role: MembershipRole? = nil, status: AttendanceStatus? = nil
        ) {
            self.person = person
            self.role = role
            self.status = status
        }
    }

    public struct DeclaredInterest: Sendable {
        public var personName: String
        public var itemNumber: String?
        public var kind: InterestKind
        public var interest: String

        public init(
            personName: String, itemNumber: String? = nil, kind: InterestKind, interest: String
        ) {
            self.personName = personName
            self.itemNumber = itemNumber
            self.kind = kind
            self.interest = interest
        }
    }

    /// Current members of the body (and anyone else recorded), with what was recorded for them.
    public var attendees: [Attendee]
    public var declarations: [DeclaredInterest]
    public var minutes: Minutes?
    /// Title and start of the meeting at which the minutes were approved.
    public var approvedAt: MeetingSummary?
    /// Officers in attendance, in the order the clerk recorded them.
    public var officers: [OfficerInAttendance]

    public init(
        attendees: [Attendee], declarations: [DeclaredInterest], minutes: Minutes? = nil, approvedAt:
        MeetingSummary? = nil, officers: [OfficerInAttendance] = []
    ) {
        self.officers = officers
        self.attendees = attendees
        self.declarations = declarations
        self.minutes = minutes
        self.approvedAt = approvedAt
    }
}
