import Foundation
import TownhallDomain

/// The public wording of what happened to a meeting's notice and agenda, written once for the meeting page, the
/// clerk's page and the calendar, so each says the same thing.
enum MeetingNotice {
    /// "Called at short notice on …" for a meeting convened inside its clear-days deadline (LGA 1972 s100B(3)(b)).
    static func shortNotice(_ meeting: Meeting, rule: PublicationRule) -> String? {
        guard rule.isShortNotice(meeting), let convenedAt = meeting.convenedAt else { return nil }
        return "Called at short notice on \(rule.time.longDate(convenedAt))"
    }

    /// "Supplementary item, added …" for an item added after the agenda was published.
    static func supplementary(_ item: AgendaItem, time: LocalTime) -> String? {
        item.supplementaryAt.map { supplementary(at: $0, time: time) }
    }

    static func supplementary(at added: Date, time: LocalTime) -> String {
        "Supplementary item, added \(time.shortDate(added)) at \(time.time(added))"
    }
}
