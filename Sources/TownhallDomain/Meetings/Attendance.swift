import Foundation

/// Whether a member came to a meeting; apologies are recorded separately from unexplained absence. A member may
/// attend remotely (recorded, but not "present" for the quorum or a vote: Local Government Act 1972, Schedule 12,
/// requires presence in the room since the temporary 2020 regulations ended) or send a named substitute where the
/// body's rules allow one.
public enum AttendanceStatus: String, Codable, Sendable, CaseIterable {
    case present, remote, substitute, apologies, absent

    public var label: String {
        switch self {
        case .present: "Present"
        case .remote: "Attended remotely"
        case .substitute: "Sent a substitute"
        case .apologies: "Apologies"
        case .absent: "Absent"
        }
    }

    /// Counts as attending in a member's attendance rate: in the room or remotely.
    public var attended: Bool { self == .present || self == .remote }
}

/// A member's attendance at one body's meetings over a period: how many recorded, how many attended, and the rate
/// as a whole per cent ("8 of 10 meetings, 80%"), or nil when none was recorded.
public struct AttendanceRate: Sendable, Equatable {
    public var recorded = 0
    public var attended = 0

    public init(_ statuses: [AttendanceStatus]) {
        recorded = statuses.count
        attended = statuses.filter(\.attended).count
    }

    public var percent: Int? { recorded == 0 ? nil : Int((Double(attended) * 100 / Double(recorded)).rounded()) }

    public var summary: String {
        guard let percent else { return "No meetings recorded" }
        return "\(attended) of \(recorded) meeting\(recorded == 1 ? "" : "s") (\(percent)%)"
    }

    /// The period a rate on a member's page covers.
    public static let window: TimeInterval = 365 * 24 * 3600
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

/// An officer who attended a meeting (the clerk, the treasurer, a director presenting a report), listed on the
/// public record beside the members' attendance (issue 19). Not a member, so never counted in attendance rates.
public struct OfficerInAttendance: Codable, Sendable, Equatable {
    public var id: Int64?
    public var meetingId: Int64
    public var name: String
    public var role: String

    public init(id: Int64? = nil, meetingId: Int64, name: String, role: String) {
        self.id = id
        self.meetingId = meetingId
        self.name = name
        self.role = role
    }

    /// What is wrong with an officer as typed, or nil: a name, and both on one line of at most 200 characters.
    public static func problem(name: String, role: String) -> String? {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines), role = role.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { return "Enter the officer's name" }
        if name.count > 200 || role.count > 200 || (name + role).contains(where: \.isNewline) {
            return "The officer's name and job title must each be one line of 200 characters or fewer"
        }
        return nil
    }
}
