import Foundation
import GRDB

/// A council in a Policing Board's force area; the board's seats follow from this list.
public struct BodyCouncil: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var bodyId: Int64
    public var authorityId: Int64
    public static let databaseTableName = "bodyCouncil"
}

/// A Policing Board's decision on one of its reserved functions. Money is in pence; `priorities` lists the
/// policing plan's strategic priorities, one per line.
public struct BoardDecision: Codable, Sendable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var bodyId: Int64
    public var meetingId: Int64?
    public var paperId: Int64?
    public var function: ReservedFunction
    public var decidedOn: String
    public var summary: String
    public var budgetPence: Int64?
    public var preceptPence: Int64?
    public var chiefConstable: String?
    public var priorities: String?
    public static let databaseTableName = "boardDecision"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var priorityList: [String] {
        (priorities ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// An LPAC inquiry: evidence sessions (meetings), written evidence and a final report with recommendations.
public struct Inquiry: Codable, Sendable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var bodyId: Int64
    public var slug: String
    public var title: String
    public var scope: String
    public var openedOn: String
    public var reportPaperId: Int64?
    public static let databaseTableName = "inquiry"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Someone called to give evidence at a session, as the minutes record them.
public struct Witness: Codable, Sendable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var meetingId: Int64
    public var name: String
    public var role: String
    public var organisationId: Int64?
    public static let databaseTableName = "witness"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A peer challenge of one council by a team (a body of kind peer-challenge-team). The report's recommendations go
/// to the council through the response workflow (its action plan); the follow-up date is checked against the
/// 18-month rule when it is set.
public struct PeerChallenge: Codable, Sendable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var slug: String
    public var teamBodyId: Int64
    public var authorityId: Int64
    public var kind: PeerChallengeKind
    public var scope: String
    public var onSiteFrom: String
    public var onSiteTo: String
    public var followUpOfId: Int64?
    public var reportPaperId: Int64?
    public var reportPublishedOn: String?
    public var reportBackOn: String?
    public var reportBackSummary: String?
    public var followUpOn: String?
    public static let databaseTableName = "peerChallenge"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
