import Foundation

/// A body's invitation to residents: questions for one meeting, or written evidence for one LPAC inquiry, open until
/// `closesAt`. Questions close a number of clear working days before the meeting (`QuestionDeadline`); a call for
/// evidence closes at the end of the day its clerk chose. A clerk may close either early.
public struct ContributionWindow: Codable, Sendable, Equatable {
    public var id: Int64?
    public var kind: ContributionKind
    public var meetingId: Int64?
    public var inquiryId: Int64?
    /// The meeting's "Public questions" item, under which accepted questions are published.
    public var agendaItemId: Int64?
    /// For questions: the clear working days the deadline was counted with.
    public var clearDays: Int?
    public var closesAt: Date
    public var openedAt: Date
    public var openedBy: String

    public init(
        id: Int64? = nil, kind: ContributionKind, meetingId: Int64? = nil, inquiryId: Int64? = nil, agendaItemId: Int64? = nil,
        clearDays: Int? = nil, closesAt: Date, openedAt: Date, openedBy: String
    ) {
        self.id = id
        self.kind = kind
        self.meetingId = meetingId
        self.inquiryId = inquiryId
        self.agendaItemId = agendaItemId
        self.clearDays = clearDays
        self.closesAt = closesAt
        self.openedAt = openedAt
        self.openedBy = openedBy
    }

    public func isOpen(at now: Date) -> Bool { now < closesAt }

    /// "11:59pm on Friday 4 December 2026", the moment a resident must have confirmed by: the last minute of the
    /// day for a deadline at midnight, else the moment a clerk closed it.
    public func closingPhrase(time: LocalTime) -> String {
        let last = time.startOfDay(closesAt) == closesAt ? closesAt.addingTimeInterval(-60) : closesAt
        return "\(time.time(last)) on \(time.longDate(last))"
    }
}

/// When questions for a meeting close: the end of the last working day that still leaves `clearDays` clear working
/// days before the meeting (clear days exclude the day of the deadline and the day of the meeting, as for the
/// agenda under LGA 1972 s100B; a body's standing orders set the number, commonly three).
public enum QuestionDeadline {
    /// The "Public questions" item accepted questions are published under; one per meeting.
    public static let itemTitle = "Public questions"
    public static let itemType = AgendaItemType.publicQuestions

    /// The last day on which a question may be confirmed.
    public static func lastDay(meetingStart: Date, clearDays: Int, workingDays: WorkingDays, time: LocalTime) -> Day {
        let rule = PublicationRule(workingDays: workingDays, time: time, clearDays: clearDays)
        return workingDays.onOrBefore(rule.clearDaysDeadline(meetingStart: meetingStart))
    }

    /// The instant questions close: midnight at the end of `lastDay`.
    public static func closesAt(meetingStart: Date, clearDays: Int, workingDays: WorkingDays, time: LocalTime) throws -> Date {
        let day = lastDay(meetingStart: meetingStart, clearDays: clearDays, workingDays: workingDays, time: time)
        return try time.parseDateTime("\(day.adding(days: 1)) 00:00")
    }

    /// Why questions cannot be opened for `meeting` with this many clear days; nil when they can. Only for a scheduled
    /// meeting whose deadline is still to come, and which has a public questions item or can still be given one: a
    /// published agenda is frozen (a later item is supplementary, LGA 1972 s100B(4)), so the clerk adds that first.
    public static func problem(meeting: Meeting, hasItem: Bool, clearDays: Int, closesAt: Date, now: Date) -> String? {
        if clearDays < 0 || clearDays > ContributionLimits.maxQuestionClearDays {
            return "the clear working days must be a whole number from 0 to \(ContributionLimits.maxQuestionClearDays)"
        }
        if meeting.status != .scheduled { return "that meeting is \(meeting.status.label.lowercased()); questions can only be asked for a scheduled meeting" }
        if meeting.agendaPublishedAt != nil, !hasItem {
            return "the agenda of that meeting is published and has no public questions item; add one as a supplementary item first, or open questions before publishing the agenda"
        }
        if closesAt <= now { return "the deadline for questions, \(clearDays) clear working days before the meeting, has already passed" }
        return nil
    }
}
