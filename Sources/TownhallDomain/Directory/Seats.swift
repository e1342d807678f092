/// A seat a body should have filled, and who holds it today; an empty seat is something the clerk must act on.
public struct Seat: Sendable, Equatable {
    public var category: SeatCategory
    public var councilName: String?
    public var holders: [String]
    public var isEmpty: Bool { holders.isEmpty }

    /// "Council leader, Marsh Vale Council".
    public var label: String { councilName.map { "\(category.label), \($0)" } ?? category.label }

    public init(
        category: SeatCategory, councilName: String? = nil, holders: [String]
    ) {
        self.category = category
        self.councilName = councilName
        self.holders = holders
    }
}

/// The seats each kind of body must fill. A Policing Board has the leader of each council in its force area,
/// plus a lead member per council where there are only two; panels, LPACs and peer challenge teams need at
/// least one member in each of their required categories.
public enum SeatPlan {
    public struct Holder: Sendable {
        public var name: String
        public var category: SeatCategory?
        public var authorityId: Int64?
        public init(name: String, category: SeatCategory?, authorityId: Int64?) {
            self.name = name
            self.category = category
            self.authorityId = authorityId
        }
    }

    public static func requiredCategories(for kind: BodyKind, councilCount: Int) -> [SeatCategory] {
        switch kind {
        case .policingBoard: councilCount == 2 ? [.leader, .leadMember] : [.leader]
        case .peerChallengeTeam: [.memberPeer, .officerPeer]
        default: SeatCategory.categories(for: kind)
        }
    }

    /// `councils` in force-area order; `holders` are today's members.
    public static func seats(kind: BodyKind, councils: [(id: Int64, name: String)], holders: [Holder]) -> [Seat] {
        let categories = requiredCategories(for: kind, councilCount: councils.count)
        if kind == .policingBoard {
            return councils.flatMap { council in
                categories.map { category in
                    Seat(category: category, councilName: council.name, holders: holders
                        .filter { $0.category == category && $0.authorityId == council.id }.map(\.name))
                }
            }
        }
        return categories.map { category in
            Seat(category: category, councilName: nil, holders: holders.filter { $0.category == category }.map(\.name))
        }
    }
}
