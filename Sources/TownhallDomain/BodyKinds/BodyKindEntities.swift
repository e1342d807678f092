import Foundation

/// A council in a Policing Board's force area; the board's seats follow from this list.
public struct BodyCouncil: Codable, Sendable, Equatable {
    public var bodyId: Int64
    public var authorityId: Int64

    public init(
        bodyId: Int64, authorityId: Int64
    ) {
        self.bodyId = bodyId
        self.authorityId = authorityId
    }
}

/// A Policing Board's decision on one of its reserved functions. Money is in pence; `priorities` lists the
/// policing plan's strategic priorities, one per line.
public struct BoardDecision: Codable, Sendable, Equatable, Identifiable {
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
    /// Nil only for decisions recorded before Townhall kept the basis.
    public var basis: DecisionBasis? = nil
    /// The delegation or urgency power a decision outside a meeting was taken under.
    public var authority: String? = nil

    public var priorityList: [String] {
        (priorities ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public init(
        id: Int64? = nil, bodyId: Int64, meetingId: Int64? = nil, paperId: Int64? = nil, function: ReservedFunction,
        decidedOn: String, summary: String, budgetPence: Int64? = nil, preceptPence: Int64? = nil, chiefConstable:
        String? = nil, priorities: String? = nil, basis: DecisionBasis? = nil, authority: String? = nil
    ) {
        self.basis = basis
        self.authority = authority
        self.id = id
        self.bodyId = bodyId
        self.meetingId = meetingId
        self.paperId = paperId
        self.function = function
        self.decidedOn = decidedOn
        self.summary = summary
        self.budgetPence = budgetPence
        self.preceptPence = preceptPence
        self.chiefConstable = chiefConstable
        self.priorities = priorities
    }
}

/// An LPAC inquiry: evidence sessions (meetings), written evidence and a final report with recommendations.
public struct Inquiry: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var bodyId: Int64
    public var slug: String
    public var title: String
    public var scope: String
    public var openedOn: String
    public var reportPaperId: Int64?

    public init(
        id: Int64? = nil, bodyId: Int64, slug: String, title: String, scope: String, openedOn: String,
        reportPaperId: Int64? = nil
    ) {
        self.id = id
        self.bodyId = bodyId
        self.slug = slug
        self.title = title
        self.scope = scope
        self.openedOn = openedOn
        self.reportPaperId = reportPaperId
    }
}

/// Someone called to give evidence at a session, as the minutes record them.
public struct Witness: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var meetingId: Int64
    public var name: String
    public var role: String
    public var organisationId: Int64?

    public init(
        id: Int64? = nil, meetingId: Int64, name: String, role: String, organisationId: Int64? = nil
    ) {
        self.id = id
        self.meetingId = meetingId
        self.name = name
        self.role = role
        self.organisationId = organisationId
    }
}

/// A peer challenge of one council by a team (a body of kind peer-challenge-team). The report's recommendations go
/// to the council through the response workflow (its action plan); the follow-up date is checked against the
/// 18-month rule when it is set.
public struct PeerChallenge: Codable, Sendable, Equatable, Identifiable {
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

    public init(
        id: Int64? = nil, slug: String, teamBodyId: Int64, authorityId: Int64, kind: PeerChallengeKind, scope:
        String, onSiteFrom: String, onSiteTo: String, followUpOfId: Int64? = nil, reportPaperId: Int64? = nil,
        reportPublishedOn: String? = nil, reportBackOn: String? = nil, reportBackSummary: String? = nil, followUpOn:
        String? = nil
    ) {
        self.id = id
        self.slug = slug
        self.teamBodyId = teamBodyId
        self.authorityId = authorityId
        self.kind = kind
        self.scope = scope
        self.onSiteFrom = onSiteFrom
        self.onSiteTo = onSiteTo
        self.followUpOfId = followUpOfId
        self.reportPaperId = reportPaperId
        self.reportPublishedOn = reportPublishedOn
        self.reportBackOn = reportBackOn
        self.reportBackSummary = reportBackSummary
        self.followUpOn = followUpOn
    }
}
