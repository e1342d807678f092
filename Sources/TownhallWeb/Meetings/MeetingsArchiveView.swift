import Foundation
import TownhallDomain
import TownhallStore

/// `/meetings`: one month of meetings as a calendar and as a list, with the month before and after, filtered by
/// body or kind of body (issue 19).
struct MeetingsArchiveView: Sendable {
    struct DayCell: Sendable {
        let number: String
        let label: String
        let isToday: Bool
        let meetings: [MeetingRow]
        let hasMeetings: Bool
    }

    struct Week: Sendable {
        let days: [DayCell?]
    }

    let heading: String
    let monthLabel: String
    let month: String
    let monthError: String?
    let bodyChoices: [Choice]
    let kindChoices: [Choice]
    let weeks: [Week]
    let meetings: [MeetingRow]
    let hasMeetings: Bool
    let count: String
    let previousURL: String?
    let previousLabel: String?
    let nextURL: String?
    let nextLabel: String?
    let hasErrors: Bool
    let errors: [FormErrors.Entry]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    let weekdayNames = weekdays.map { WeekdayName(full: $0, short: String($0.prefix(3))) }

    struct WeekdayName: Sendable {
        let full: String
        let short: String
    }

    init(month: CalendarMonth, typedMonth: String, bodies: [BodyName], bodySlug: String?, kind: BodyKind?, summaries: [MeetingSummary],
         today: Day, time: LocalTime, errors: FormErrors) {
        monthLabel = month.label
        heading = "Meetings: \(month.label)"
        self.month = typedMonth
        monthError = errors.message(for: .month)
        bodyChoices = SearchView.BodyChoices(bodies, selected: bodySlug).choices
        kindChoices = [Choice(value: "", label: "All kinds", selected: kind == nil)]
            + BodyKind.allCases.map { Choice(value: $0.rawValue, label: $0.pluralLabel, selected: $0 == kind) }
        let rows = summaries.map { ($0, MeetingRow($0, time: time)) }
        meetings = rows.map(\.1)
        hasMeetings = !meetings.isEmpty
        count = "\(meetings.count) meeting\(meetings.count == 1 ? "" : "s")"
        weeks = month.weeks.map { week in
            Week(days: week.map { day in
                day.map { day in
                    let on = rows.filter { time.calendarDay(of: $0.0.meeting.startsAt) == day }.map(\.1)
                    return DayCell(number: String(day.components.day), label: time.longDate(day: day), isToday: day == today, meetings: on,
                                   hasMeetings: !on.isEmpty)
                }
            })
        }
        func link(_ other: CalendarMonth?) -> String? {
            other.map { other in
                SiteURL.meetings.path(query: [(.month, other.description)] + (bodySlug.map { [(.body, $0)] } ?? []) + (kind.map { [(.kind, $0.rawValue)] } ?? []))
            }
        }
        previousURL = link(month.previous)
        previousLabel = month.previous?.label
        nextURL = link(month.next)
        nextLabel = month.next?.label
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
    }
}
