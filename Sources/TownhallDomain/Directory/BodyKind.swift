/// The kinds of body Townhall hosts; each kind carries its own statutory duties in later features.
public enum BodyKind: String, Codable, Sendable, CaseIterable {
    case policingBoard = "policing-board"
    case educationPanel = "education-panel"
    case lpac
    case peerChallengeTeam = "peer-challenge-team"
    case jointCommittee = "joint-committee"
    case other

    public var label: String {
        switch self {
        case .policingBoard: "Policing Board"
        case .educationPanel: "Local education panel"
        case .lpac: "Local Public Accounts Committee"
        case .peerChallengeTeam: "Peer challenge team"
        case .jointCommittee: "Joint committee"
        case .other: "Other body"
        }
    }
}

/// Types of English local authority, so boards can be built from the councils of an area.
public enum AuthorityKind: String, Codable, Sendable, CaseIterable {
    case county
    case district
    case unitary
    case metropolitanDistrict = "metropolitan-district"
    case londonBorough = "london-borough"
    case combinedAuthority = "combined-authority"
    case other

    public var label: String {
        switch self {
        case .county: "County council"
        case .district: "District council"
        case .unitary: "Unitary authority"
        case .metropolitanDistrict: "Metropolitan district"
        case .londonBorough: "London borough"
        case .combinedAuthority: "Combined authority"
        case .other: "Other authority"
        }
    }
}
