/// The seat a person holds on a body; order matters when listing members (chair first).
public enum MembershipRole: String, Codable, Sendable, CaseIterable {
    case chair
    case viceChair = "vice-chair"
    case member
    case layMember = "lay-member"
    case coOpted = "co-opted"
    case substitute

    public var label: String {
        switch self {
        case .chair: "Chair"
        case .viceChair: "Vice-chair"
        case .member: "Member"
        case .layMember: "Lay member"
        case .coOpted: "Co-opted member"
        case .substitute: "Substitute"
        }
    }

    /// Sort key so the chair and vice-chair lead member lists.
    public var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }
}
