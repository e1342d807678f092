import Foundation
import TownhallDomain
import TownhallStore

/// A member's page: seats past and present, attendance with a rate per body over the last 12 months, the
/// interests they declared at meetings, and their council's register of interests.
struct PersonView: Sendable {
    struct SeatRow: Sendable {
        let bodyName: String
        let bodyURL: String
        let role: String
        let representing: String?
        let period: String
        let isCurrent: Bool
    }

    struct RateRow: Sendable {
        let bodyName: String
        let summary: String
    }

    struct MeetingRow: Sendable {
        let when: String
        let isoStart: String
        let title: String
        let url: String
        let bodyName: String
        let status: String
    }

    struct DeclarationRow: Sendable {
        let when: String
        let meetingTitle: String
        let url: String
        let item: String?
        let kind: String
        let interest: String
    }

    struct RegisterLink: Sendable {
        let council: String
        let url: String
    }

    let name: String
    let title: String?
    let seats: [SeatRow]
    let hasSeats: Bool
    let rates: [RateRow]
    let hasRates: Bool
    let ratePeriod: String
    let meetings: [MeetingRow]
    let hasMeetings: Bool
    let declarations: [DeclarationRow]
    let hasDeclarations: Bool
    let registers: [RegisterLink]
    let hasRegisters: Bool

    init(_ detail: PersonDetail, now: Date, time: LocalTime) {
        name = detail.person.name
        title = detail.person.title.nonEmpty
        let today = time.day(of: now)
        seats = detail.seats.map { seat in
            let ends = seat.membership.endDate
            let parts = [seat.membership.category?.label, seat.authorityName].compactMap { $0 }
            let from = Day(seat.membership.startDate).map(time.longDate(day:)) ?? seat.membership.startDate
            let to = ends.map { Day($0).map(time.longDate(day:)) ?? $0 }
            return SeatRow(
                bodyName: seat.bodyName, bodyURL: SiteURL.bodyPage(slug: seat.bodySlug).path, role: seat.membership.role.label,
                representing: parts.isEmpty ? nil : parts.joined(separator: ", "),
                period: to.map { "\(from) to \($0)" } ?? "Since \(from)", isCurrent: ends.map { $0 >= today } ?? true)
        }
        hasSeats = !seats.isEmpty
        let since = now.addingTimeInterval(-AttendanceRate.window)
        let recent = detail.attendance.filter { $0.startsAt >= since && $0.startsAt <= now }
        var order: [String] = []
        var byBody: [String: [AttendanceStatus]] = [:]
        for entry in recent {
            if byBody[entry.bodyName] == nil { order.append(entry.bodyName) }
            byBody[entry.bodyName, default: []].append(entry.status)
        }
        rates = order.map { RateRow(bodyName: $0, summary: AttendanceRate(byBody[$0] ?? []).summary) }
        hasRates = !rates.isEmpty
        ratePeriod = "\(time.longDate(since)) to \(time.longDate(now))"
        meetings = detail.attendance.map { entry in
            MeetingRow(
                when: time.longDate(entry.startsAt), isoStart: time.isoLocal(entry.startsAt), title: entry.meetingTitle,
                url: SiteURL.meeting(entry.meetingId).path, bodyName: entry.bodyName, status: entry.status.label)
        }
        hasMeetings = !meetings.isEmpty
        declarations = detail.declarations.map { entry in
            DeclarationRow(
                when: time.longDate(entry.startsAt), meetingTitle: entry.meetingTitle, url: SiteURL.meeting(entry.meetingId).path,
                item: entry.itemNumber.map { number in "Item \(number)" + (entry.itemTitle.map { ": \($0)" } ?? "") },
                kind: entry.kind.label, interest: entry.interest)
        }
        hasDeclarations = !declarations.isEmpty
        var seen = Set<String>()
        registers = detail.seats.compactMap { seat in
            guard let url = seat.registerOfInterestsURL, let council = seat.authorityName, seen.insert(url).inserted else { return nil }
            return RegisterLink(council: council, url: url)
        }
        hasRegisters = !registers.isEmpty
    }
}
