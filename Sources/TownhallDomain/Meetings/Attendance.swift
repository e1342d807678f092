/// Whether a member came to a meeting; apologies are recorded separately from unexplained absence.
public enum AttendanceStatus: String, Codable, Sendable, CaseIterable {
    case present, apologies, absent

    public var label: String {
        switch self {
        case .present: "Present"
        case .apologies: "Apologies"
        case .absent: "Absent"
        }
    }
}

/// The categories of interest members must declare under the members' code of conduct.
public enum InterestKind: String, Codable, Sendable, CaseIterable {
    case disclosablePecuniary = "disclosable-pecuniary"
    case otherRegisterable = "other-registerable"
    case nonRegisterable = "non-registerable"

    public var label: String {
        switch self {
        case .disclosablePecuniary: "Disclosable pecuniary interest"
        case .otherRegisterable: "Other registerable interest"
        case .nonRegisterable: "Non-registerable interest"
        }
    }
}

/// Minutes are drafted, published as draft minutes, then approved as a correct record at a later meeting.
public enum MinutesStatus: String, Codable, Sendable, CaseIterable {
    case draft, published, approved
}
