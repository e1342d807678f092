/// A body's public page: who sits on it and when it meets.
struct BodyView: Sendable {
    struct MemberRow: Sendable {
        let name: String
        let role: String
        let title: String
        let authority: String?
    }

    let name: String
    let kindLabel: String
    let description: String
    let area: String
    let members: [MemberRow]
    let hasMembers: Bool
    let upcoming: [MeetingRow]
    let hasUpcoming: Bool
    let past: [MeetingRow]
    let hasPast: Bool

    init(_ detail: BodyDetail, time: LocalTime) {
        name = detail.body.name
        kindLabel = detail.body.kind.label
        description = detail.body.description
        area = detail.body.area
        members = detail.members.map {
            MemberRow(name: $0.person.name, role: $0.role.label, title: $0.person.title, authority: $0.authorityName)
        }
        hasMembers = !members.isEmpty
        upcoming = detail.upcoming.map { MeetingRow($0, time: time) }
        hasUpcoming = !upcoming.isEmpty
        past = detail.past.map { MeetingRow($0, time: time) }
        hasPast = !past.isEmpty
    }
}
