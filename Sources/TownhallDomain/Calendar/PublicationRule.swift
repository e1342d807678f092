import Foundation

/// The access-to-information rule of the Local Government Act 1972 s100B(3): an agenda and its reports are open to
/// inspection at least five clear working days before the meeting or, where the meeting is convened at shorter
/// notice, from the time it is convened. Kept in one place so the browser, the CLI and the store apply the same test.
public struct PublicationRule: Sendable {
    public let workingDays: WorkingDays
    public let time: LocalTime
    public let clearDays: Int

    /// The five clear days of s100B(3); configuration may give more, never fewer.
    public static let statutoryClearDays = 5

    public init(workingDays: WorkingDays, time: LocalTime, clearDays: Int = statutoryClearDays) {
        self.workingDays = workingDays
        self.time = time
        self.clearDays = clearDays
    }

    /// "five clear working days", as every page and message says it.
    public var clearDaysPhrase: String {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return "\(clearDays < words.count ? words[clearDays] : String(clearDays)) clear working day\(clearDays == 1 ? "" : "s")"
    }

    /// The last London calendar day that leaves `clearDays` clear working days before a meeting at `meetingStart`.
    public func clearDaysDeadline(meetingStart: Date) -> Day {
        workingDays.lastOnTimePublication(meeting: time.calendarDay(of: meetingStart), clearDays: clearDays)
    }

    /// A meeting convened after its clear-days deadline is called at short notice (s100B(3)(b)). A meeting with no
    /// recorded convening time (made before Townhall recorded it) is taken to have been called in good time.
    public func isShortNotice(meetingStart: Date, convenedAt: Date?) -> Bool {
        guard let convenedAt else { return false }
        return time.calendarDay(of: convenedAt) > clearDaysDeadline(meetingStart: meetingStart)
    }

    /// The last day on which publication is on time: the clear-days deadline, or for a meeting called at short notice
    /// the day it was convened.
    public func lastOnTimeDay(meetingStart: Date, convenedAt: Date?) -> Day {
        if isShortNotice(meetingStart: meetingStart, convenedAt: convenedAt), let convenedAt { return time.calendarDay(of: convenedAt) }
        return clearDaysDeadline(meetingStart: meetingStart)
    }

    public func lastOnTimeDay(_ meeting: Meeting) -> Day { lastOnTimeDay(meetingStart: meeting.startsAt, convenedAt: meeting.convenedAt) }

    public func isShortNotice(_ meeting: Meeting) -> Bool { isShortNotice(meetingStart: meeting.startsAt, convenedAt: meeting.convenedAt) }

    public func isLate(_ meeting: Meeting, publishedAt: Date) -> Bool {
        time.calendarDay(of: publishedAt) > lastOnTimeDay(meeting)
    }

    /// The reason to record: nil when on time, the trimmed reason when late, and an error when late without one.
    public func lateReason(_ reason: String?, what: String, meeting: Meeting, publishedAt: Date) throws -> String? {
        guard isLate(meeting, publishedAt: publishedAt) else { return nil }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !reason.isEmpty else { throw TownhallError.invalid(lateMessage(what: what, meeting: meeting)) }
        return reason
    }

    /// An item added to an agenda already published is supplementary; added after the deadline it is urgent business,
    /// which needs the chair's special circumstances (s100B(4)(b)).
    public func itemNeedsUrgency(_ meeting: Meeting, addedAt: Date) -> Bool {
        meeting.agendaPublishedAt != nil && isLate(meeting, publishedAt: addedAt)
    }

    /// Why an agenda with no items is not published, for the store and the clerk's form alike.
    public static let emptyAgendaMessage = "the agenda has no items; add the business of the meeting before publishing it"

    /// Why a publication needs a reason, in the words the clerk and the CLI both see.
    /// `happens` is what is late: "is published" for an agenda or paper, "is added" for a supplementary item.
    public func lateMessage(what: String, happens: String = "is published", meeting: Meeting) -> String {
        let day = time.longDate(day: lastOnTimeDay(meeting))
        if isShortNotice(meeting) {
            return "\(what) \(happens) after \(day), the day the meeting was called at short notice; give the special circumstances that make it urgent"
        }
        return "\(what) \(happens) after \(day), the last day that leaves \(clearDaysPhrase) before the meeting; "
            + "give the special circumstances that make it urgent"
    }
}
