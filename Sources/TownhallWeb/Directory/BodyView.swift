import TownhallDomain
import TownhallStore

/// A body's public page: what residents look for first for its kind, then who sits on it and when it meets.
struct BodyView: Sendable {
    struct MemberRow: Sendable {
        let name: String
        let url: String
        let role: String
        let title: String
        let representing: String?
    }

    let name: String
    let slug: String
    let follow: FollowLink
    let calendarURL, papersFeedURL, responsesFeedURL: String
    let planCalendarURL, planDataURL: String
    let kindLabel: String
    let description: String
    let area: String
    let members: [MemberRow]
    let hasMembers: Bool
    let vacantSeats: [SeatRow]
    let hasVacantSeats: Bool
    let nextMeeting: MeetingRow?
    let upcoming: [MeetingRow]
    let hasUpcoming: Bool
    let plan: [PlanRow]
    let hasPlan: Bool
    /// Links to the body's plans and how they are performing.
    let performancePlans: [PerformanceLink]
    let hasPerformancePlans: Bool
    /// An education panel's page for parents, in plain English.
    let parentsURL: String?
    /// An LPAC's spending page.
    let spendingURL: String?

    struct PerformanceLink: Sendable {
        let performanceTitle: String
        let performanceURL: String
    }
    /// The forward plan's notice period, from the rule.
    let planNoticeDays = ForwardPlanRule.noticeClearDays

    /// A forward plan entry as residents read it: what, when, key or not, in private or not, and on what notice.
    struct PlanRow: Sendable {
        let planTitle: String
        let expected: String
        let isoExpected: String
        let isKeyDecision: Bool
        let privateParagraph: String?
        let noticeLabel: String
        let noticeReason: String?
        let isException: Bool

        init(_ entry: PlanEntry, time: LocalTime) {
            planTitle = entry.title
            expected = Day(entry.expectedOn).map(time.longDate(day:)) ?? entry.expectedOn
            isoExpected = entry.expectedOn
            isKeyDecision = entry.isKeyDecision
            privateParagraph = entry.exemptParagraph.map { "In private: paragraph \($0.rawValue) of Schedule 12A (\($0.summary))" }
            noticeLabel = entry.notice.label
            noticeReason = entry.noticeReason
            isException = entry.notice != .inTime
        }
    }
    let past: [MeetingRow]
    let hasPast: Bool
    let board: BoardSection?
    let panel: PanelSection?
    let inquiries: [InquiryRow]
    let isLPAC: Bool
    let hasInquiries: Bool
    let challenge: ChallengeSection?
    let isPeerChallengeTeam: Bool
    /// The challenge report's recommendations to the council, with their response (action plan) state.
    let recommendations: [RecommendationRow]
    let hasRecommendations: Bool

    init(_ detail: BodyDetail, recommendations: [TrackedRecommendation] = [], time: LocalTime) {
        name = detail.body.name
        slug = detail.body.slug
        follow = FollowLink(.body(detail.body.slug))
        calendarURL = SiteURL.bodyCalendar(slug: slug).path
        papersFeedURL = SiteURL.bodyPapersFeed(slug: slug).path
        responsesFeedURL = SiteURL.bodyResponsesFeed(slug: slug).path
        planCalendarURL = SiteURL.bodyPlanCalendar(slug: slug).path
        planDataURL = SiteURL.bodyPlanData(slug: slug).path
        kindLabel = detail.body.kind.label
        description = detail.body.description
        area = detail.body.area
        members = detail.members.map { member in
            let parts = [member.category?.label, member.authorityName].compactMap { $0 }
            return MemberRow(
                name: member.person.name, url: SiteURL.person(slug: member.person.slug).path, role: member.role.label, title: member.person.title,
                representing: parts.isEmpty ? nil : parts.joined(separator: ", "))
        }
        hasMembers = !members.isEmpty
        vacantSeats = detail.seats.filter(\.isEmpty).map(SeatRow.init)
        hasVacantSeats = !vacantSeats.isEmpty
        upcoming = detail.upcoming.map { MeetingRow($0, time: time) }
        nextMeeting = detail.upcoming.first { $0.meeting.status != .cancelled }.map { MeetingRow($0, time: time) }
        hasUpcoming = !upcoming.isEmpty
        plan = detail.plan.map { PlanRow($0, time: time) }
        hasPlan = !plan.isEmpty
        performancePlans = detail.performancePlans.map { PerformanceLink(performanceTitle: $0.title, performanceURL: SiteURL.plan(slug: $0.slug).path) }
        hasPerformancePlans = !performancePlans.isEmpty
        spendingURL = detail.body.kind.followsTheMoney ? SiteURL.bodySpending(slug: detail.body.slug).path : nil
        parentsURL = detail.body.kind == .educationPanel ? SiteURL.parentInformation(slug: detail.body.slug).path : nil
        past = detail.past.map { MeetingRow($0, time: time) }
        hasPast = !past.isEmpty
        var board: BoardSection?, panel: PanelSection?, inquiries: [InquiryRow] = [], challenge: ChallengeSection?
        switch detail.overview {
        case .board(let overview): board = BoardSection(overview, time: time)
        case .panel(let overview): panel = PanelSection(overview, time: time)
        case .lpac(let list): inquiries = list.map { InquiryRow($0, time: time) }
        case .peerChallenge(let summary): challenge = summary.map { ChallengeSection($0, time: time) }
        case .none: break
        }
        self.board = board
        self.panel = panel
        self.inquiries = inquiries
        self.challenge = challenge
        isLPAC = detail.body.kind == .lpac
        hasInquiries = !inquiries.isEmpty
        isPeerChallengeTeam = detail.body.kind == .peerChallengeTeam
        self.recommendations = recommendations.map { RecommendationRow($0, time: time) }
        hasRecommendations = !self.recommendations.isEmpty
    }
}
