import TownhallDomain

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
