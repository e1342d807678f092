import Foundation
import TownhallDomain
import TownhallStore

/// A published paper as a dated link in a body's lists.
struct DatedPaperLink: Sendable {
    let title: String
    let url: String
    let published: String
    let isoPublished: String
    /// "Covers 2025/26" for an annual report.
    let covers: String?

    init(_ paper: PaperSummary, time: LocalTime) {
        title = paper.title
        covers = paper.coveredYear.map { "covers \($0)" }
        url = SiteURL.paper(paper.id).path
        published = paper.publishedAt.map(time.longDate) ?? ""
        isoPublished = paper.publishedAt.map { time.day(of: $0) } ?? ""
    }
}

/// A dated duty in words and a coloured tag, the same on every page.
struct DutyView: Sendable {
    let label: String
    let stateLabel: String
    let tagClass: String
    let text: String

    init(label: String, state: DutyState, time: LocalTime) {
        self.label = label
        switch state {
        case .done(let day, let due) where state.wasLate:
            (stateLabel, tagClass, text) = ("Done late", "tag--yellow", "Done on \(time.longDate(day: day)), after it was due by \(time.longDate(day: due))")
        case .done(let day, _):
            (stateLabel, tagClass, text) = ("Done", "tag--green", "Done on \(time.longDate(day: day))")
        case .scheduled(let day, let due):
            (stateLabel, tagClass, text) = ("Scheduled", "tag--blue", "Scheduled for \(time.longDate(day: day)); due by \(time.longDate(day: due))")
        case .upcoming(let due):
            (stateLabel, tagClass, text) = ("Not yet due", "tag--grey", "Due by \(time.longDate(day: due))")
        case .dueSoon(let due):
            (stateLabel, tagClass, text) = ("Due soon", "tag--yellow", "Due by \(time.longDate(day: due))")
        case .overdue(let due):
            (stateLabel, tagClass, text) = ("Overdue", "tag--red", "Was due by \(time.longDate(day: due))")
        }
    }
}

/// A seat as the members table and the warnings list show it.
struct SeatRow: Sendable {
    let label: String
    let holders: String
    let isEmpty: Bool

    init(_ seat: Seat) {
        label = seat.label
        holders = seat.holders.joined(separator: ", ")
        isEmpty = seat.isEmpty
    }
}

/// A reserved decision of a Policing Board, with money already in pounds.
struct DecisionRow: Sendable {
    let title: String
    let date: String
    let isoDate: String
    let summary: String
    let budgetAmount: String?
    let preceptAmount: String?
    let chiefConstableName: String?
    let priorities: [String]
    let hasPriorities: Bool
    let paperURL: String?
    let meetingURL: String?

    init(_ decision: BoardDecision, time: LocalTime) {
        title = decision.function.label
        date = Day(decision.decidedOn).map(time.longDate(day:)) ?? decision.decidedOn
        isoDate = decision.decidedOn
        summary = decision.summary
        budgetAmount = decision.budgetPence.map { Money(pence: $0).description }
        preceptAmount = decision.preceptPence.map { Money(pence: $0).description }
        chiefConstableName = decision.chiefConstable
        priorities = decision.priorityList
        hasPriorities = !priorities.isEmpty
        paperURL = decision.paperId.map { SiteURL.paper($0).path }
        meetingURL = decision.meetingId.map { SiteURL.meeting($0).path }
    }
}

/// What a Policing Board's page leads with: the plan, the budget, the Chief Constable.
struct BoardSection: Sendable {
    let councils: String
    let latestBudget: DecisionRow?
    let latestPlan: DecisionRow?
    let currentChief: DecisionRow?
    let decisions: [DecisionRow]
    let hasDecisions: Bool

    init(_ overview: BoardOverview, time: LocalTime) {
        councils = overview.councils.map(\.name).joined(separator: ", ")
        latestBudget = overview.latest(.budgetAndPrecept).map { DecisionRow($0, time: time) }
        latestPlan = overview.latest(.policingPlan).map { DecisionRow($0, time: time) }
        currentChief = overview.chiefConstable.map { DecisionRow($0, time: time) }
        decisions = overview.decisions.map { DecisionRow($0, time: time) }
        hasDecisions = !decisions.isEmpty
    }
}

/// An education panel's plan, annual reports and the annual report reminder.
struct PanelSection: Sendable {
    let plans: [DatedPaperLink]
    let hasPlans: Bool
    let annualReports: [DatedPaperLink]
    let hasAnnualReports: Bool
    let reminder: DutyView

    init(_ overview: PanelOverview, time: LocalTime) {
        plans = overview.plans.map { DatedPaperLink($0, time: time) }
        hasPlans = !plans.isEmpty
        annualReports = overview.annualReports.map { DatedPaperLink($0, time: time) }
        hasAnnualReports = !annualReports.isEmpty
        reminder = DutyView(label: overview.reminderLabel, state: overview.reminder, time: time)
    }
}

/// An LPAC inquiry as a line on the committee's page.
struct InquiryRow: Sendable {
    let title: String
    let url: String
    let opened: String
    let status: String
    let sessions: Int
    let report: DatedPaperLink?

    init(_ summary: InquirySummary, time: LocalTime) {
        title = summary.inquiry.title
        url = SiteURL.inquiry(slug: summary.inquiry.slug).path
        opened = Day(summary.inquiry.openedOn).map(time.longDate(day:)) ?? summary.inquiry.openedOn
        status = summary.report == nil ? "Taking evidence" : "Reported"
        sessions = summary.sessions
        report = summary.report.map { DatedPaperLink($0, time: time) }
    }
}

/// One peer challenge: scope, visit, report, action plan, report back and what is due next.
struct ChallengeSection: Sendable {
    let kind: String
    let council: String
    let teamName: String
    let teamURL: String
    let scope: String
    let onSite: String
    let report: DatedPaperLink?
    let reportBack: String?
    let reportBackOn: String?
    let followUp: DutyView?
    let recurrence: DutyView?
    let followUpOf: String?
    let followUpOfURL: String?
    /// The council's page of all its challenges.
    let councilURL: String

    init(_ summary: PeerChallengeSummary, time: LocalTime) {
        let challenge = summary.challenge
        kind = challenge.kind.label
        council = summary.council.name
        councilURL = SiteURL.councilChallenges(slug: summary.council.slug).path
        teamName = summary.team.name
        teamURL = SiteURL.bodyPage(slug: summary.team.slug).path
        scope = challenge.scope
        let from = Day(challenge.onSiteFrom).map(time.longDate(day:)) ?? challenge.onSiteFrom
        let to = Day(challenge.onSiteTo).map(time.longDate(day:)) ?? challenge.onSiteTo
        onSite = from == to ? from : "\(from) to \(to)"
        report = summary.report.map { DatedPaperLink($0, time: time) }
        reportBack = challenge.reportBackSummary
        reportBackOn = challenge.reportBackOn.flatMap(Day.init).map(time.longDate(day:))
        followUp = summary.followUp.map { DutyView(label: summary.followUpLabel, state: $0, time: time) }
        recurrence = summary.recurrence.map { DutyView(label: "Next safeguarding challenge", state: $0, time: time) }
        followUpOf = summary.followUpOf.map { "\($0.kind.label) (\($0.onSiteFrom))" }
        followUpOfURL = summary.followUpOfTeamSlug.map { SiteURL.bodyPage(slug: $0).path }
    }
}
