import TownhallDomain
import TownhallStore

/// Attendance, declarations and minutes as residents see them. Draft minutes stay private; published draft
/// minutes are marked as awaiting approval.
struct MinutesView: Sendable, Encodable {
    struct DeclarationRow: Sendable, Encodable {
        let person: String
        let item: String?
        let kind: String
        let interest: String
    }

    /// One heading of the attendance record ("Present", "Absent" …) with the people under it, each linked to
    /// their page. Every status is listed, absence included (issue 19).
    struct AttendanceGroup: Sendable, Encodable {
        struct PersonLink: Sendable, Encodable {
            let name: String
            let url: String
        }
        let heading: String
        let people: [PersonLink]
    }

    let attendance: [AttendanceGroup]
    let hasAttendance: Bool
    /// "Name, job title" of each officer in attendance.
    let officersPresent: [String]
    let hasOfficersPresent: Bool
    let declarations: [DeclarationRow]
    let hasDeclarations: Bool
    let minutesHTML: String?
    let minutesStatus: String
    let hasRecord: Bool

    init(_ record: MeetingRecord, time: LocalTime) {
        attendance = AttendanceStatus.allCases.compactMap { status in
            let people = record.attendees.filter { $0.status == status }
                .map { AttendanceGroup.PersonLink(name: $0.person.name, url: SiteURL.person(slug: $0.person.slug).path) }
            return people.isEmpty ? nil : AttendanceGroup(heading: status.label, people: people)
        }
        hasAttendance = !attendance.isEmpty
        officersPresent = record.officers.map { $0.role.isEmpty ? $0.name : "\($0.name), \($0.role)" }
        hasOfficersPresent = !officersPresent.isEmpty
        declarations = record.declarations.map {
            DeclarationRow(person: $0.personName, item: $0.itemNumber, kind: $0.kind.label, interest: $0.interest)
        }
        hasDeclarations = !declarations.isEmpty
        let isPublic = record.minutes.map { $0.status != .draft } ?? false
        minutesHTML = isPublic ? record.minutes?.html : nil
        minutesStatus = Self.statusLabel(record, time: time)
        hasRecord = hasAttendance || hasOfficersPresent || hasDeclarations || minutesHTML != nil
    }

    static func statusLabel(_ record: MeetingRecord, time: LocalTime) -> String {
        guard let minutes = record.minutes else { return "No minutes yet" }
        switch minutes.status {
        case .draft: return "Draft (not published)"
        case .published: return "Draft minutes, published \(minutes.publishedAt.map(time.shortDate) ?? ""), to be approved at the next meeting"
        case .approved:
            let at = record.approvedAt.map { "\($0.meeting.title), \(time.longDate($0.meeting.startsAt))" } ?? "the next meeting"
            return "Approved as a correct record at \(at)"
        }
    }
}
