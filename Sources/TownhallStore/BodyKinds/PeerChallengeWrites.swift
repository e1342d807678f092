import Foundation
import GRDB
import TownhallDomain

/// A peer challenge as the CLI or a clerk describes it.
public struct PeerChallengeInput: Sendable {
    public var slug: String
    public var team: String
    public var council: String
    public var kind: PeerChallengeKind
    public var scope: String
    public var onSiteFrom: String
    public var onSiteTo: String
    public var followUpOf: String?

    public init(
        slug: String, team: String, council: String, kind: PeerChallengeKind, scope: String, onSiteFrom: String, onSiteTo: String,
        followUpOf: String? = nil
    ) {
        self.slug = slug
        self.team = team
        self.council = council
        self.kind = kind
        self.scope = scope
        self.onSiteFrom = onSiteFrom
        self.onSiteTo = onSiteTo
        self.followUpOf = followUpOf
    }
}

/// Peer challenge writes. The 18-month follow-up rule is enforced where a follow-up date is set, whether directly
/// or by adding the follow-up challenge itself.
extension AppDatabase {
    public func addPeerChallenge(_ input: PeerChallengeInput, localTime: LocalTime = LocalTime(), actor: Actor) throws -> PeerChallenge {
        let slug = try Slug.validate(input.slug, what: "peer challenge")
        let from = try localTime.parseDay(input.onSiteFrom), to = try localTime.parseDay(input.onSiteTo)
        guard to >= from else { throw TownhallError.invalid("the on-site visit cannot end (\(to)) before it starts (\(from))") }
        let scope = input.scope.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !scope.isEmpty else { throw TownhallError.invalid("describe the scope of the challenge") }
        return try writer.write { db in
            let team = try Self.find(Body.self, slug: input.team, what: "body", db)
            guard team.kind == .peerChallengeTeam else {
                throw TownhallError.invalid("\(team.name) is not a peer challenge team; add the team as a body of kind peer-challenge-team")
            }
            guard try PeerChallenge.filter(Column("teamBodyId") == team.id!).fetchCount(db) == 0 else {
                throw TownhallError.conflict("\(team.name) already carries out a challenge; each challenge has its own team")
            }
            guard try PeerChallenge.filter(Column("slug") == slug).fetchCount(db) == 0 else {
                throw TownhallError.conflict("a peer challenge with slug \"\(slug)\" already exists")
            }
            let council = try Self.find(Authority.self, slug: input.council, what: "council", db)
            var parent: PeerChallenge?
            if let parentSlug = input.followUpOf {
                var original = try Self.find(PeerChallenge.self, slug: parentSlug, what: "peer challenge", db)
                guard original.authorityId == council.id else {
                    throw TownhallError.invalid("a follow-up challenge must be of the same council as \(parentSlug)")
                }
                try Self.checkFollowUp(original, on: from, rules: peerChallengeRules)
                original.followUpOn = from
                try original.update(db)
                parent = original
            }
            var challenge = PeerChallenge(
                slug: slug, teamBodyId: team.id!, authorityId: council.id!, kind: input.kind, scope: scope, onSiteFrom: from,
                onSiteTo: to, followUpOfId: parent?.id)
            try challenge.insert(db)
            try db.audit(actor, .add, .peerChallenge, challenge.id, "\(input.kind.rawValue) challenge of \(council.name)", at: clock())
            return challenge
        }
    }

    /// Records the published report (a published paper of the team); the 18-month clock starts on its publication day.
    public func setPeerChallengeReport(slug: String, paperId: Int64, localTime: LocalTime = LocalTime(), actor: Actor) throws -> PeerChallenge {
        try writer.write { db in
            var challenge = try Self.find(PeerChallenge.self, slug: slug, what: "peer challenge", db)
            guard var paper = try Paper.fetchOne(db, key: paperId), try Self.bodyId(ofPaper: paperId, db) == challenge.teamBodyId else {
                throw TownhallError.invalid("paper \(paperId) is not a paper of this challenge's team")
            }
            guard paper.status == .published, let published = paper.publishedAt else {
                throw TownhallError.conflict("publish the report (paper \(paperId)) before recording it as the challenge report")
            }
            paper.kind = .peerChallengeReport
            try paper.update(db)
            challenge.reportPaperId = paperId
            challenge.reportPublishedOn = localTime.day(of: published)
            try challenge.update(db)
            try db.audit(actor, .setReport, .peerChallenge, challenge.id, "paper \(paperId)", at: clock())
            return challenge
        }
    }

    /// The council's report back on the measures it has taken since the report.
    public func recordReportBack(
        slug: String, on day: String, summary: String, localTime: LocalTime = LocalTime(), actor: Actor
    ) throws -> PeerChallenge {
        let day = try localTime.parseDay(day)
        let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else { throw TownhallError.invalid("summarise the measures the council reported") }
        return try writer.write { db in
            var challenge = try Self.find(PeerChallenge.self, slug: slug, what: "peer challenge", db)
            guard let report = challenge.reportPublishedOn else {
                throw TownhallError.conflict("the challenge report has not been published, so there is nothing to report back on")
            }
            guard day >= report else { throw TownhallError.invalid("the report back (\(day)) cannot come before the report (\(report))") }
            challenge.reportBackOn = day
            challenge.reportBackSummary = summary
            try challenge.update(db)
            try db.audit(actor, .reportBack, .peerChallenge, challenge.id, day, at: clock())
            return challenge
        }
    }

    /// Schedules the follow-up visit; refused after the 18-month limit.
    public func scheduleFollowUp(slug: String, on day: String, localTime: LocalTime = LocalTime(), actor: Actor) throws -> PeerChallenge {
        let day = try localTime.parseDay(day)
        return try writer.write { db in
            var challenge = try Self.find(PeerChallenge.self, slug: slug, what: "peer challenge", db)
            try Self.checkFollowUp(challenge, on: day, rules: peerChallengeRules)
            challenge.followUpOn = day
            try challenge.update(db)
            try db.audit(actor, .scheduleFollowUp, .peerChallenge, challenge.id, day, at: clock())
            return challenge
        }
    }

    static func checkFollowUp(_ challenge: PeerChallenge, on day: String, rules: PeerChallengeRules) throws {
        guard let report = challenge.reportPublishedOn.flatMap(Day.init), let due = rules.followUpDue(challenge) else {
            throw TownhallError.conflict("record the published report of \(challenge.slug) before scheduling its follow-up")
        }
        guard let visit = Day(day), visit > report else {
            throw TownhallError.invalid("the follow-up must come after the report was published (\(report))")
        }
        guard visit <= due else {
            let from = rules.followUpFromChallenge ? "the challenge" : "the report"
            throw TownhallError.invalid("the follow-up must be within \(rules.followUpMonths) months of \(from), by \(due); \(day) is too late")
        }
    }
}
