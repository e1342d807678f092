import Foundation

/// Regulation 5 of the Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England)
/// Regulations 2012: a meeting, or part of one, held in private needs a notice of the intention on the forward plan
/// at least 28 clear days before it (5(2); a later entry stands on the exception it records, regulations 10 and 11),
/// and a further notice at least 5 clear days before it (5(4)) with the reasons for privacy (5(5)). Where the date of
/// the meeting makes that impracticable, it may be held in private only as urgent business that cannot reasonably
/// be deferred (5(6)), with the reasons published (5(7)).
///
/// Townhall gives the further notice with the agenda: publishing an agenda that lists private business (each item's
/// Schedule 12A paragraph), or adding private business to an agenda already published, is the further notice.
public enum PrivateMeetingRule {
    /// Regulation 5(4): five clear days.
    public static let furtherNoticeClearDays = 5

    /// The last day the further notice leaves its five clear days before a meeting on `meetingDay`.
    public static func furtherNoticeDeadline(meetingDay: Day) -> Day {
        ForwardPlanRule.lastDay(before: meetingDay, clearDays: furtherNoticeClearDays)
    }

    /// Checks that private business on a meeting on `meetingDay`, announced on `announcedOn`, stands on a notice of
    /// intention (`intentions`: the body's private forward-plan entries for that day) and on time or as urgent
    /// business (`urgency`: the agenda's late reason or the item's urgency record). Every refusal says what to do, in
    /// the words the clerk and the CLI both see.
    public static func check(intentions: [PlanEntry], announcedOn: Day, meetingDay: Day, urgency: String?) throws {
        guard !intentions.isEmpty else {
            throw TownhallError.invalid(
                "the agenda has private business, so notice of the intention to hold the meeting in private must be on the forward plan "
                    + "for \(meetingDay) (regulation 5(2)); add the matter to the body's forward plan as private, with its Schedule 12A paragraph")
        }
        let deadline = furtherNoticeDeadline(meetingDay: meetingDay)
        if announcedOn > deadline, urgency?.trimmedOrNil == nil, !intentions.contains(where: { $0.notice == .specialUrgency }) {
            throw TownhallError.invalid(
                "fewer than \(furtherNoticeClearDays) clear days remain before this private meeting (the further notice was due by \(deadline), "
                    + "regulation 5(4)), so it can be held in private only as urgent business that cannot reasonably be deferred (regulation 5(6)); "
                    + "record the special urgency on the forward plan entry or give the special circumstances")
        }
    }
}

/// What a meeting's public page says about its private part: the notice of intention and the further notice.
public struct PrivateMeetingNotice: Sendable, Equatable {
    /// The earliest private forward-plan entry for the meeting's day; nil when none is (the meeting was moved, or its
    /// private business was recorded before Townhall kept a forward plan), which the page then says.
    public let intention: PlanEntry?
    /// When the further notice was given; nil when private business was never announced through Townhall.
    public let furtherNoticeAt: Date?
    public let meetingDay: Day

    public init(intention: PlanEntry?, furtherNoticeAt: Date?, meetingDay: Day) {
        self.intention = intention
        self.furtherNoticeAt = furtherNoticeAt
        self.meetingDay = meetingDay
    }

    /// The sentences the public meeting page, the clerk's meeting page and `townhall meeting show` give, in order.
    public func statements(time: LocalTime) -> [String] {
        var lines: [String] = []
        if let intention {
            let on = time.longDate(day: time.calendarDay(of: intention.publishedAt))
            let basis = switch intention.notice {
            case .inTime: "at least \(ForwardPlanRule.noticeClearDays) clear days before it (regulation 5(2))."
            case .generalException, .specialUrgency:
                "fewer than \(ForwardPlanRule.noticeClearDays) clear days before it, under the "
                    + "\(intention.notice == .generalException ? "general exception" : "special urgency") procedure: \(intention.noticeReason ?? "")."
            }
            lines.append("Notice of the intention to hold part of this meeting in private was published on the forward plan on \(on), " + basis)
        } else {
            lines.append("No notice of the intention to hold part of this meeting in private is on the forward plan for this day.")
        }
        if let furtherNoticeAt {
            let on = time.calendarDay(of: furtherNoticeAt)
            let late = on > PrivateMeetingRule.furtherNoticeDeadline(meetingDay: meetingDay)
            lines.append("Further notice was given with the agenda on \(time.longDate(day: on)), "
                + (late ? "fewer than \(PrivateMeetingRule.furtherNoticeClearDays) clear days before the meeting, as urgent business that could not reasonably be deferred (regulation 5(6))."
                        : "at least \(PrivateMeetingRule.furtherNoticeClearDays) clear days before the meeting (regulation 5(4))."))
        }
        return lines
    }
}
