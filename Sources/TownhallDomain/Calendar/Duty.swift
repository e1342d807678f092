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

/// A local education panel publishes an annual report for each academic year (to 31 August) by 31 December.
public struct AnnualReportSchedule: Sendable {
    public var yearEnd: (month: Int, day: Int) = (8, 31)
    public var due: (month: Int, day: Int) = (12, 31)
    public var reminderDays = 30

    public init() {}

    /// The last year end before `today`, and the day the report on that year is due.
    public func cycle(today: Day) -> (yearEnding: Day, due: Day) {
        let year = today.components.year
        let thisYearEnd = Day(ordinal: Day.ordinal(year, yearEnd.month, yearEnd.day))
        let ending = today > thisYearEnd ? thisYearEnd : Day(ordinal: Day.ordinal(year - 1, yearEnd.month, yearEnd.day))
        var dueDay = Day(ordinal: Day.ordinal(ending.components.year, due.month, due.day))
        if dueDay <= ending { dueDay = dueDay.adding(years: 1) }
        return (ending, dueDay)
    }

    /// `published` are the days the panel's annual reports were published; one after the year end meets the duty.
    public func state(published: [Day], today: Day) -> (label: String, state: DutyState) {
        let (ending, dueDay) = cycle(today: today)
        let year = ending.components.year
        let label = "Annual report for \(year - 1)/\(String(format: "%02d", year % 100))"
        let met = published.filter { $0 > ending }.min()
        return (label, DutyState.of(due: dueDay, planned: met, today: today, soonDays: reminderDays))
    }
}

/// Peer challenge timing: the follow-up within 18 months of the report, and safeguarding every 3 years.
public enum PeerChallengeRules {
    public static let followUpMonths = 18
    public static let safeguardingYears = 3
    /// How early a follow-up or repeat challenge shows as due soon.
    public static let dueSoonDays = 90

    public static func followUpDue(reportPublished: Day) -> Day { reportPublished.adding(months: followUpMonths) }
    public static func nextSafeguardingDue(onSiteFrom: Day) -> Day { onSiteFrom.adding(years: safeguardingYears) }
}
