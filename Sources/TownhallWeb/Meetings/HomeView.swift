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

/// `/bodies`: every body, grouped by kind in the order the kinds are listed, each kind with what it is for.
struct BodiesView: Sendable {
    struct Kind: Sendable {
        let heading: String
        let purpose: String
        let anchor: String
        let bodies: [HomeView.BodyLink]
    }

    let kinds: [Kind]
    let hasBodies: Bool

    init(bodies: [Body]) {
        kinds = BodyKind.allCases.compactMap { kind in
            let members = bodies.filter { $0.kind == kind }.sorted { $0.name < $1.name }
            guard !members.isEmpty else { return nil }
            return Kind(
                heading: kind.pluralLabel, purpose: kind.purpose, anchor: kind.rawValue,
                bodies: members.map { HomeView.BodyLink($0) })
        }
        hasBodies = !bodies.isEmpty
    }
}

