import Foundation

/// The access-to-information rule: agendas and reports are open to inspection at least five clear working days
/// before the meeting. Kept in one place so the browser, the CLI and the store apply the same test.
public struct PublicationRule: Sendable {
    public let workingDays: WorkingDays
    public let time: LocalTime
    public let clearDays: Int

    public init(workingDays: WorkingDays, time: LocalTime, clearDays: Int = 5) {
        self.workingDays = workingDays
        self.time = time
        self.clearDays = clearDays
    }

    /// The last London calendar day on which publication is still on time for a meeting starting at `meetingStart`.
    public func lastOnTimeDay(meetingStart: Date) -> Day {
        workingDays.lastOnTimePublication(meeting: time.calendarDay(of: meetingStart), clearDays: clearDays)
    }

    public func isLate(meetingStart: Date, publishedAt: Date) -> Bool {
        time.calendarDay(of: publishedAt) > lastOnTimeDay(meetingStart: meetingStart)
    }

    /// The reason to record: nil when on time, the trimmed reason when late, and an error when late without one.
    public func lateReason(_ reason: String?, what: String, meetingStart: Date, publishedAt: Date) throws -> String? {
        guard isLate(meetingStart: meetingStart, publishedAt: publishedAt) else { return nil }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !reason.isEmpty else {
            throw TownhallError.invalid(
                "\(what) is published after \(time.longDate(day: lastOnTimeDay(meetingStart: meetingStart))), the last day that leaves "
                    + "\(clearDays) clear working days before the meeting; give the reason it is late")
        }
        return reason
    }
}
