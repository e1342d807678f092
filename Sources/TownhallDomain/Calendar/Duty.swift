/// Where a recurring or one-off duty stands on a given day; shared by peer challenge follow-ups, safeguarding
/// recurrence and education panel annual reports so every page and the CLI speak of them alike.
public enum DutyState: Sendable, Equatable {
    case done(on: Day, due: Day)
    case scheduled(for: Day, due: Day)
    case upcoming(due: Day)
    case dueSoon(due: Day)
    case overdue(due: Day)

    /// `planned` is when the duty is (or will be) met; a plan in the past counts as done.
    public static func of(due: Day, planned: Day?, today: Day, soonDays: Int) -> DutyState {
        if let planned, planned <= today { return .done(on: planned, due: due) }
        if today > due { return .overdue(due: due) }
        if let planned { return .scheduled(for: planned, due: due) }
        if today >= due.adding(days: -soonDays) { return .dueSoon(due: due) }
        return .upcoming(due: due)
    }

    public var code: String {
        switch self {
        case .done: "done"
        case .scheduled: "scheduled"
        case .upcoming: "upcoming"
        case .dueSoon: "due-soon"
        case .overdue: "overdue"
        }
    }

    public var dueDay: Day {
        switch self {
        case .done(_, let due), .scheduled(_, let due), .upcoming(let due), .dueSoon(let due), .overdue(let due): due
        }
    }

    /// When the duty was met or is planned to be.
    public var plannedDay: Day? {
        switch self {
        case .done(let day, _), .scheduled(let day, _): day
        case .upcoming, .dueSoon, .overdue: nil
        }
    }

    /// Met, but after the day it was due (a safeguarding challenge repeated more than 3 years on, say); shown so.
    public var wasLate: Bool {
        if case .done(let on, let due) = self { return on > due }
        return false
    }

    /// Needs someone's attention now.
    public var isOutstanding: Bool { code == "due-soon" || code == "overdue" }
}

/// A named duty of one body or challenge, with where residents can read about it.
public struct Duty: Sendable, Equatable {
    public enum Source: String, Sendable { case peerChallenge = "peer-challenge", annualReport = "annual-report" }
    public var source: Source
    /// The body whose clerks are reminded.
    public var bodyId: Int64
    public var subject: String
    public var what: String
    public var state: DutyState
    public var url: String

    public init(
        source: Source, bodyId: Int64, subject: String, what: String, state: DutyState, url: String
    ) {
        self.source = source
        self.bodyId = bodyId
        self.subject = subject
        self.what = what
        self.state = state
        self.url = url
    }
}

/// A local education panel publishes an annual report on each academic year by 31 December after the year ends.
/// A report counts for the year it covers, whenever it appears, and a year left without one stays overdue (the
/// next year's cycle starting on 1 September does not hide it).
public struct AnnualReportSchedule: Sendable {
    public var due: (month: Int, day: Int) = (12, 31)
    public var reminderDays = 30

    public init() {}

    /// The day the report on `year` is due.
    public func dueDay(for year: AcademicYear) -> Day { Day(ordinal: Day.ordinal(year.endYear, due.month, due.day)) }

    /// The year whose report is being prepared on `today` (the last to have ended) and the day it is due.
    public func cycle(today: Day) -> (year: AcademicYear, due: Day) {
        let year = AcademicYear.lastEnded(before: today)
        return (year, dueDay(for: year))
    }

    public static func label(_ year: AcademicYear) -> String { "Annual report for \(year)" }

    /// Where the duty stands: the earliest year from `firstYear` (the one the panel first met in) without a
    /// published report, overdue; otherwise the current cycle's year. `reports` maps each year covered to the day
    /// its report was first published.
    public func state(reports: [AcademicYear: Day], today: Day, firstYear: AcademicYear?) -> (year: AcademicYear, label: String, state: DutyState) {
        let (current, currentDue) = cycle(today: today)
        if let firstYear, firstYear > current {
            // A panel that first met this academic year reports on it once it ends.
            return (firstYear, Self.label(firstYear), .upcoming(due: dueDay(for: firstYear)))
        }
        if let firstYear, firstYear < current {
            for endYear in firstYear.endYear..<current.endYear where reports[AcademicYear(endYear: endYear)] == nil {
                let missed = AcademicYear(endYear: endYear)
                return (missed, Self.label(missed), .overdue(due: dueDay(for: missed)))
            }
        }
        return (current, Self.label(current), DutyState.of(due: currentDue, planned: reports[current], today: today, soonDays: reminderDays))
    }

    /// Why a year cannot be reported on yet: its report is written after the year ends.
    public func check(_ year: AcademicYear, today: Day) throws {
        guard year <= AcademicYear.lastEnded(before: today) else {
            throw TownhallError.invalid("the \(year) academic year has not ended yet; an annual report covers a year that has ended")
        }
    }
}

/// Peer challenge timing, from configuration. The mission's profile, the default: the follow-up challenge within
/// 18 months of the report and the council's action plan (its response) within 8 weeks of the recommendations' issue.
/// The LGA's profile, as its corporate peer challenge guidance describes it: the action plan within about 3 months
/// and a progress review about 10 months after the challenge. Safeguarding challenges recur every 3 years under both.
public struct PeerChallengeRules: Sendable, Equatable {
    public enum Profile: String, Sendable, CaseIterable { case mission, lga }

    public var followUpMonths: Int
    /// The follow-up is counted from the last on-site day (LGA) rather than from the report (mission).
    public var followUpFromChallenge: Bool
    /// The default response period of a peer challenge team created under these rules: the action plan.
    public var actionPlan: ResponseRule
    /// How early a follow-up or repeat challenge shows as due soon.
    public var dueSoonDays: Int
    public static let safeguardingYears = 3

    public init(followUpMonths: Int, followUpFromChallenge: Bool, actionPlan: ResponseRule, dueSoonDays: Int) {
        self.followUpMonths = followUpMonths
        self.followUpFromChallenge = followUpFromChallenge
        self.actionPlan = actionPlan
        self.dueSoonDays = dueSoonDays
    }

    public static let mission = PeerChallengeRules(
        followUpMonths: 18, followUpFromChallenge: false, actionPlan: ResponseRule.standard(for: .peerChallengeTeam), dueSoonDays: 90)
    public static let lga = PeerChallengeRules(
        followUpMonths: 10, followUpFromChallenge: true, actionPlan: ResponseRule(count: 3, unit: .calendarMonths), dueSoonDays: 60)

    public static func profile(_ profile: Profile) -> PeerChallengeRules { profile == .lga ? .lga : .mission }

    public func followUpDue(reportPublished: Day, onSiteTo: Day) -> Day {
        (followUpFromChallenge ? onSiteTo : reportPublished).adding(months: followUpMonths)
    }

    /// A challenge's follow-up deadline, once its report is published.
    public func followUpDue(_ challenge: PeerChallenge) -> Day? {
        guard let report = challenge.reportPublishedOn.flatMap(Day.init) else { return nil }
        return followUpDue(reportPublished: report, onSiteTo: Day(challenge.onSiteTo) ?? report)
    }

    /// "Follow-up challenge (within 18 months of the report)", as the duty is named everywhere.
    public var followUpLabel: String {
        followUpFromChallenge
            ? "Progress review (within \(followUpMonths) months of the challenge)"
            : "Follow-up challenge (within \(followUpMonths) months of the report)"
    }

    /// "a follow-up challenge is due within 18 months of the report", as the register explains it.
    public var followUpSentence: String {
        followUpFromChallenge
            ? "a progress review is due within \(followUpMonths) months of the challenge"
            : "a follow-up challenge is due within \(followUpMonths) months of the report"
    }

    public static func nextSafeguardingDue(onSiteFrom: Day) -> Day { onSiteFrom.adding(years: safeguardingYears) }
}
