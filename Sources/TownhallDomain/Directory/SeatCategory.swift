/// What a member represents on a body. Each kind of body has its own categories in law and guidance, so the store
/// refuses a category that does not belong to the body's kind.
public enum SeatCategory: String, Codable, Sendable, CaseIterable {
    // Policing Board (lead member also on education panels).
    case leader
    case leadMember = "lead-member"
    // Local education panel.
    case directorOfChildrensServices = "director-childrens-services"
    case headTeacher = "head-teacher"
    case governor
    case parent
    // LPAC.
    case backbenchCouncillor = "backbench-councillor"
    case layMember = "lay-member"
    case serviceUser = "service-user"
    // Peer challenge team.
    case memberPeer = "member-peer"
    case officerPeer = "officer-peer"
    case healthPeer = "health-peer"
    case voluntaryPeer = "voluntary-peer"
    case businessPeer = "business-peer"

    public var label: String {
        switch self {
        case .leader: "Council leader"
        case .leadMember: "Lead member"
        case .directorOfChildrensServices: "Director of Children's Services"
        case .headTeacher: "Head teacher representative"
        case .governor: "Governor representative"
        case .parent: "Parent representative"
        case .backbenchCouncillor: "Councillor (backbench)"
        case .layMember: "Lay member"
        case .serviceUser: "Service-user representative"
        case .memberPeer: "Member peer (councillor from another council)"
        case .officerPeer: "Officer peer"
        case .healthPeer: "Health representative"
        case .voluntaryPeer: "Voluntary sector representative"
        case .businessPeer: "Business representative"
        }
    }

    /// The categories a body of `kind` seats, in the order its page lists them; empty means the kind has none.
    public static func categories(for kind: BodyKind) -> [SeatCategory] {
        switch kind {
        case .policingBoard: [.leader, .leadMember]
        case .educationPanel: [.leadMember, .directorOfChildrensServices, .headTeacher, .governor, .parent]
        case .lpac: [.backbenchCouncillor, .layMember, .serviceUser]
        case .peerChallengeTeam: [.memberPeer, .officerPeer, .healthPeer, .voluntaryPeer, .businessPeer]
        case .jointCommittee, .other: []
        }
    }

    /// Seats that speak for a council, so the member must name it.
    public var needsCouncil: Bool { [.leader, .leadMember, .backbenchCouncillor, .memberPeer].contains(self) }
}
