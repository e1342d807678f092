import TownhallDomain
import TownhallStore

/// The home page: every body, and the meetings coming up next.
struct HomeView: Sendable {
    struct BodyLink: Sendable {
        let name: String
        let url: String
        let kindLabel: String
        let area: String

        init(_ body: Body) {
            name = body.name
            url = SiteURL.bodyPage(slug: body.slug).path
            kindLabel = body.kind.label
            area = body.area
        }
    }

    let bodies: [BodyLink]
    let hasBodies: Bool
    let upcoming: [MeetingRow]
    let hasUpcoming: Bool

    init(bodies: [Body], upcoming: [MeetingSummary], time: LocalTime) {
        self.bodies = bodies.map(BodyLink.init)
        hasBodies = !bodies.isEmpty
        self.upcoming = upcoming.map { MeetingRow($0, time: time) }
        hasUpcoming = !upcoming.isEmpty
    }
}
