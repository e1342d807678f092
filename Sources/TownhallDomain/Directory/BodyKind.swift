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

    /// The heading over every body of the kind, on `/bodies`.
    /// An LPAC "follows the money" across the public services of its place (issue 20): only it keeps spending lines.
    public var followsTheMoney: Bool { self == .lpac }

    public var pluralLabel: String {
        switch self {
        case .policingBoard: "Policing Boards"
        case .educationPanel: "Local education panels"
        case .lpac: "Local Public Accounts Committees"
        case .peerChallengeTeam: "Peer challenge teams"
        case .jointCommittee: "Joint committees"
        case .other: "Other bodies"
        }
    }

    /// What a body of the kind is for, in a sentence a resident can follow.
    public var purpose: String {
        switch self {
        case .policingBoard:
            "The leaders of the councils of a police force area: they set the force's budget, appoint the chief constable and agree the policing plan."
        case .educationPanel:
            "Council lead members, the Director of Children's Services, head teacher, governor and parent representatives, working to a long-term plan for local schools."
        case .lpac: "They follow the money across the public services of a place, take evidence and make recommendations that must be answered."
        case .peerChallengeTeam: "Teams of peers who challenge a council and publish recommendations it reports back on."
        case .jointCommittee: "Committees several councils set up together."
        case .other: "Other bodies that meet in public."
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
