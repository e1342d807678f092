import Foundation

/// Response deadlines and the calendar-driven states of a recommendation, in London working days.
public struct Deadlines: Sendable {
    public let workingDays: WorkingDays
    public let time: LocalTime

    public init(workingDays: WorkingDays, time: LocalTime) {
        self.workingDays = workingDays
        self.time = time
    }

    public func dueDay(rule: ResponseRule, issuedAt: Date) -> Day {
        rule.due(issued: time.calendarDay(of: issuedAt), workingDays: workingDays)
    }

    /// The state of a recommendation at `now`; nil for a draft, which has no public state. An unanswered one with
    /// a request for more time waiting for the clerk's decision is "extension requested", whatever the calendar says.
    public func state(
        status: RecommendationStatus, dueOn: String?, decision: ResponseDecision?, extensionPending: Bool, dueSoonWorkingDays: Int,
        longOverdueWorkingDays: Int, now: Date
    ) -> RecommendationState? {
        switch status {
        case .draft: return nil
        case .closed: return .closed
        case .referred: return .referred
        case .issued: break
        }
        if let decision { return RecommendationState(decision) }
        if extensionPending { return .extensionRequested }
        guard let due = dueOn.flatMap(Day.init) else { return .awaitingResponse }
        let today = time.calendarDay(of: now)
        if today > due {
            return workingDays.workingDays(from: due, to: today) >= longOverdueWorkingDays ? .longOverdue : .overdue
        }
        return workingDays.workingDays(from: today, to: due) <= dueSoonWorkingDays ? .dueSoon : .awaitingResponse
    }

    public func state(
        of recommendation: Recommendation, decision: ResponseDecision?, extensionPending: Bool, body: Body, now: Date
    ) -> RecommendationState? {
        state(
            status: recommendation.status, dueOn: recommendation.dueOn, decision: decision, extensionPending: extensionPending,
            dueSoonWorkingDays: body.dueSoonWorkingDays, longOverdueWorkingDays: body.longOverdueWorkingDays, now: now)
    }
}
