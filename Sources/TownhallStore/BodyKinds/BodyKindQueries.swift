import Foundation
import GRDB
import TownhallDomain

/// What a Policing Board's page leads with: its councils, and its decisions on reserved functions, newest first.
public struct BoardOverview: Sendable, Equatable {
    public var councils: [Authority]
    public var decisions: [BoardDecision]

    public func latest(_ function: ReservedFunction) -> BoardDecision? { decisions.first { $0.function == function } }

    /// The serving Chief Constable: the latest appointment not followed by a dismissal of the same person.
    public var chiefConstable: BoardDecision? {
        guard let appointed = latest(.appointChiefConstable) else { return nil }
        let dismissed = decisions.contains {
            $0.function == .dismissChiefConstable && $0.chiefConstable == appointed.chiefConstable && $0.decidedOn >= appointed.decidedOn
        }
        return dismissed ? nil : appointed
    }

    public init(
        councils: [Authority], decisions: [BoardDecision]
    ) {
        self.councils = councils
        self.decisions = decisions
    }
}

/// An education panel's plan and annual reports, and where this year's report stands.
public struct PanelOverview: Sendable, Equatable {
    public var plans: [PaperSummary]
    public var annualReports: [PaperSummary]
    public var reminderLabel: String
    public var reminder: DutyState

    public init(
        plans: [PaperSummary], annualReports: [PaperSummary], reminderLabel: String, reminder: DutyState
    ) {
        self.plans = plans
        self.annualReports = annualReports
        self.reminderLabel = reminderLabel
        self.reminder = reminder
    }
}

/// An LPAC inquiry as its committee's page lists it.
public struct InquirySummary: Sendable, Equatable {
    public var inquiry: Inquiry
    public var sessions: Int
    /// The final report, once it is public.
    public var report: PaperSummary?

    public init(
        inquiry: Inquiry, sessions: Int, report: PaperSummary? = nil
    ) {
        self.inquiry = inquiry
        self.sessions = sessions
        self.report = report
    }
}

/// A peer challenge with the dates that matter and where each duty stands.
public struct PeerChallengeSummary: Sendable, Equatable {
    public var challenge: PeerChallenge
    public var council: Authority
    public var team: Body
    public var report: PaperSummary?
    public var followUp: DutyState?
    /// What the follow-up is called under the configured rules ("Follow-up challenge (within 18 months of the report)").
    public var followUpLabel: String = PeerChallengeRules.mission.followUpLabel
    /// Safeguarding challenges only: when the next one is due and whether it is planned.
    public var recurrence: DutyState?
    public var followUpOf: PeerChallenge?
    /// Where the earlier challenge's page is.
    public var followUpOfTeamSlug: String?

    public init(
        challenge: PeerChallenge, council: Authority, team: Body, report: PaperSummary? = nil, followUp: DutyState?
        = nil, recurrence: DutyState? = nil, followUpOf: PeerChallenge? = nil, followUpOfTeamSlug: String? = nil
    ) {
        self.challenge = challenge
        self.council = council
        self.team = team
        self.report = report
        self.followUp = followUp
        self.recurrence = recurrence
        self.followUpOf = followUpOf
        self.followUpOfTeamSlug = followUpOfTeamSlug
    }
}

/// The part of a body's page particular to its kind.
public enum KindOverview: Sendable, Equatable {
    case board(BoardOverview)
    case panel(PanelOverview)
    case lpac([InquirySummary])
    case peerChallenge(PeerChallengeSummary?)
    case none
}

/// Everything the public page of one inquiry shows: sessions with witnesses, written evidence, the final report.
public struct InquiryDetail: Sendable {
    public struct Session: Sendable {
        public var meeting: MeetingSummary
        public var witnesses: [Witness]

        public init(
            meeting: MeetingSummary, witnesses: [Witness]
        ) {
            self.meeting = meeting
            self.witnesses = witnesses
        }
    }

    public var inquiry: Inquiry
    public var body: Body
    public var sessions: [Session]
    public var writtenEvidence: [PaperSummary]
    public var evidenceFiles: [Attachment]
    public var report: PaperSummary?
    /// The call for evidence, if there ever was one, and the evidence residents sent that a clerk accepted.
    public var evidenceWindow: ContributionWindow?
    public var submittedEvidence: [Contribution]

    public init(
        inquiry: Inquiry, body: Body, sessions: [Session], writtenEvidence: [PaperSummary], evidenceFiles:
        [Attachment], report: PaperSummary? = nil, evidenceWindow: ContributionWindow? = nil, submittedEvidence: [Contribution] = []
    ) {
        self.evidenceWindow = evidenceWindow
        self.submittedEvidence = submittedEvidence
        self.inquiry = inquiry
        self.body = body
        self.sessions = sessions
        self.writtenEvidence = writtenEvidence
        self.evidenceFiles = evidenceFiles
        self.report = report
    }
}

extension AppDatabase {
    static func kindOverview(_ db: Database, body: Body, today: Day, time: LocalTime, rules: PeerChallengeRules) throws -> KindOverview {
        let bodyId = body.id!
        switch body.kind {
        case .policingBoard:
            let decisions = try BoardDecision.filter(Column("bodyId") == bodyId)
                .order(Column("decidedOn").desc, Column("id").desc).fetchAll(db)
            return .board(BoardOverview(councils: try SeatRules.councils(db, bodyId: bodyId), decisions: decisions))
        case .educationPanel:
            // Each year covered by a public annual report, with the day its first revision was published.
            var reports: [AcademicYear: Day] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT p.reportYear, MIN(p.publishedAt) AS first FROM paper p
                JOIN agendaItem i ON i.id = p.agendaItemId JOIN meeting m ON m.id = i.meetingId
                WHERE m.bodyId = ? AND p.kind = 'annual-report' AND p.status IN ('published', 'superseded')
                  AND p.publishedAt IS NOT NULL AND p.reportYear IS NOT NULL
                GROUP BY p.reportYear
                """, arguments: [bodyId]) {
                reports[AcademicYear(endYear: row["reportYear"])] = time.calendarDay(of: row["first"] as Date)
            }
            // The panel reports on every year from the one it first met in.
            let firstMet = try Date.fetchOne(db, sql: "SELECT MIN(startsAt) FROM meeting WHERE bodyId = ?", arguments: [bodyId])
            let (_, label, state) = AnnualReportSchedule().state(
                reports: reports, today: today, firstYear: firstMet.map { AcademicYear.containing(time.calendarDay(of: $0)) })
            return .panel(PanelOverview(
                plans: try publicPapers(db, bodyId: bodyId, kind: .strategicPlan),
                annualReports: try publicPapers(db, bodyId: bodyId, kind: .annualReport),
                reminderLabel: label, reminder: state))
        case .lpac:
            let inquiries = try Inquiry.filter(Column("bodyId") == bodyId).order(Column("openedOn").desc).fetchAll(db)
            return .lpac(try inquiries.map { try inquirySummary(db, $0) })
        case .peerChallengeTeam:
            let challenge = try PeerChallenge.filter(Column("teamBodyId") == bodyId).fetchOne(db)
            return .peerChallenge(try challenge.map { try peerChallengeSummary(db, $0, today: today, rules: rules) })
        case .jointCommittee, .other:
            return .none
        }
    }

    static func inquirySummary(_ db: Database, _ inquiry: Inquiry) throws -> InquirySummary {
        let sessions = try Meeting.filter(Column("inquiryId") == inquiry.id!).fetchCount(db)
        let report = try inquiry.reportPaperId.flatMap { try publicPaper(db, id: $0) }
        return InquirySummary(inquiry: inquiry, sessions: sessions, report: report)
    }

    static func peerChallengeSummary(
        _ db: Database, _ challenge: PeerChallenge, today: Day, rules: PeerChallengeRules
    ) throws -> PeerChallengeSummary {
        let council = try Authority.fetchOne(db, key: challenge.authorityId)!
        let team = try Body.fetchOne(db, key: challenge.teamBodyId)!
        let report = try challenge.reportPaperId.flatMap { try publicPaper(db, id: $0) }
        let followUp = rules.followUpDue(challenge).map { due in
            DutyState.of(due: due, planned: challenge.followUpOn.flatMap(Day.init), today: today, soonDays: rules.dueSoonDays)
        }
        var recurrence: DutyState?
        if challenge.kind == .safeguarding, let from = Day(challenge.onSiteFrom) {
            let next = try String.fetchOne(db, sql: """
                SELECT MIN(onSiteFrom) FROM peerChallenge WHERE authorityId = ? AND kind = 'safeguarding' AND onSiteFrom > ?
                """, arguments: [challenge.authorityId, challenge.onSiteFrom])
            recurrence = DutyState.of(
                due: PeerChallengeRules.nextSafeguardingDue(onSiteFrom: from), planned: next.flatMap(Day.init), today: today,
                soonDays: rules.dueSoonDays)
        }
        let parent = try challenge.followUpOfId.flatMap { try PeerChallenge.fetchOne(db, key: $0) }
        let parentSlug = try parent.flatMap { try String.fetchOne(db, sql: "SELECT slug FROM body WHERE id = ?", arguments: [$0.teamBodyId]) }
        var summary = PeerChallengeSummary(
            challenge: challenge, council: council, team: team, report: report, followUp: followUp, recurrence: recurrence,
            followUpOf: parent, followUpOfTeamSlug: parentSlug)
        summary.followUpLabel = rules.followUpLabel
        return summary
    }

    /// The body's current public papers of one kind, newest first.
    static func publicPapers(_ db: Database, bodyId: Int64, kind: PaperKind) throws -> [PaperSummary] {
        try Paper.fetchAll(db, sql: """
            SELECT p.* FROM \(PublicSQL.paperJoins)
            WHERE m.bodyId = ? AND p.kind = ? AND \(PublicSQL.currentPaper)
            ORDER BY p.publishedAt DESC
            """, arguments: [bodyId, kind.rawValue]).map(PaperSummary.init)
    }

    /// A paper the public may read (published, on a non-exempt item of a published agenda), or nil.
    static func publicPaper(_ db: Database, id: Int64) throws -> PaperSummary? {
        try Paper.fetchOne(db, sql: """
            SELECT p.* FROM \(PublicSQL.paperJoins) WHERE p.id = ? AND \(PublicSQL.currentPaper)
            """, arguments: [id]).map(PaperSummary.init)
    }

    public func inquiryDetail(slug: String) async throws -> InquiryDetail? {
        try await writer.read { db in
            guard let inquiry = try Inquiry.filter(Column("slug") == slug).fetchOne(db) else { return nil }
            return try Self.inquiryDetail(db, inquiry)
        }
    }

    /// An inquiry's public record: its sessions and witnesses, written evidence and files, and its report.
    static func inquiryDetail(_ db: Database, _ inquiry: Inquiry) throws -> InquiryDetail? {
        guard let body = try Body.fetchOne(db, key: inquiry.bodyId) else { return nil }
        let meetings = try Self.meetingSummaries(
            db, where: "m.inquiryId = ?", arguments: [inquiry.id!], order: "m.startsAt ASC", limit: 200)
        let sessions = try meetings.map { summary in
            InquiryDetail.Session(
                meeting: summary,
                witnesses: try Witness.filter(Column("meetingId") == summary.meeting.id!).order(Column("id")).fetchAll(db))
        }
        let evidence = try Paper.fetchAll(db, sql: """
            SELECT p.* FROM \(PublicSQL.paperJoins)
            WHERE m.inquiryId = ? AND p.kind = 'written-evidence' AND \(PublicSQL.currentPaper)
            ORDER BY p.publishedAt
            """, arguments: [inquiry.id!]).map(PaperSummary.init)
        let files = try Attachment.fetchAll(db, sql: """
            SELECT a.* FROM \(PublicSQL.attachmentJoins)
            WHERE m.inquiryId = ? AND \(PublicSQL.attachment)
            ORDER BY a.id
            """, arguments: [inquiry.id!])
        let report = try inquiry.reportPaperId.flatMap { try Self.publicPaper(db, id: $0) }
        return InquiryDetail(
            inquiry: inquiry, body: body, sessions: sessions, writtenEvidence: evidence, evidenceFiles: files, report: report,
            evidenceWindow: try ContributionWindow.filter(Column("inquiryId") == inquiry.id!).fetchOne(db),
            submittedEvidence: try Self.publishedEvidence(db, inquiryId: inquiry.id!))
    }

    public func boardDecisions(body bodySlug: String) throws -> [BoardDecision] {
        try writer.read { db in
            let body = try Self.find(Body.self, slug: bodySlug, what: "body", db)
            return try BoardDecision.filter(Column("bodyId") == body.id!).order(Column("decidedOn").desc, Column("id").desc).fetchAll(db)
        }
    }

    /// Witnesses heard at a meeting, in the order they were recorded.
    public func witnesses(meetingId: Int64) async throws -> [Witness] {
        try await writer.read { db in try Witness.filter(Column("meetingId") == meetingId).order(Column("id")).fetchAll(db) }
    }

    public func peerChallenges(today: Day) async throws -> [PeerChallengeSummary] {
        try await writer.read { db in
            try PeerChallenge.order(Column("onSiteFrom").desc).fetchAll(db).map { try Self.peerChallengeSummary(db, $0, today: today, rules: peerChallengeRules) }
        }
    }

    /// Everything dated that is due soon or overdue, or coming up: peer challenge follow-ups, safeguarding repeats
    /// and education panel annual reports. Sorted with overdue first.
    public func duties(today: Day, time: LocalTime = LocalTime()) async throws -> [Duty] {
        try await writer.read { db in try Self.duties(db, today: today, time: time, rules: peerChallengeRules) }
    }

    static func duties(_ db: Database, today: Day, time: LocalTime, rules: PeerChallengeRules) throws -> [Duty] {
        var duties: [Duty] = []
        for challenge in try PeerChallenge.fetchAll(db) {
            let summary = try peerChallengeSummary(db, challenge, today: today, rules: rules)
            let subject = "\(challenge.kind.label) of \(summary.council.name)"
            let url = "/bodies/\(summary.team.slug)"
            if let followUp = summary.followUp {
                duties.append(Duty(
                    source: .peerChallenge, bodyId: challenge.teamBodyId, subject: subject,
                    what: rules.followUpLabel, state: followUp, url: url))
            }
            if let recurrence = summary.recurrence {
                duties.append(Duty(
                    source: .peerChallenge, bodyId: challenge.teamBodyId, subject: subject,
                    what: "Next safeguarding challenge (every 3 years)", state: recurrence, url: url))
            }
        }
        for panel in try Body.filter(Column("kind") == BodyKind.educationPanel.rawValue).order(Column("name")).fetchAll(db) {
            if case .panel(let overview) = try kindOverview(db, body: panel, today: today, time: time, rules: rules) {
                duties.append(Duty(
                    source: .annualReport, bodyId: panel.id!, subject: panel.name, what: overview.reminderLabel,
                    state: overview.reminder, url: "/bodies/\(panel.slug)"))
            }
        }
        let rank = ["overdue": 0, "due-soon": 1, "upcoming": 2, "scheduled": 3, "done": 4]
        return duties.sorted { (rank[$0.state.code]!, $0.state.dueDay, $0.subject) < (rank[$1.state.code]!, $1.state.dueDay, $1.subject) }
    }
}
