import TownhallDomain
import TownhallStore

/// One LPAC inquiry: its evidence sessions with witnesses, written evidence, and the final report's recommendations.
struct InquiryView: Sendable {
    struct SessionRow: Sendable {
        let meeting: MeetingRow
        let witnesses: [WitnessRow]
        let hasWitnesses: Bool
    }

    struct WitnessRow: Sendable, Encodable {
        let name: String
        let role: String
    }

    let title: String
    let committee: String
    let follow: FollowLink
    let committeeURL: String
    let scope: String
    let opened: String
    let status: String
    let sessions: [SessionRow]
    let hasSessions: Bool
    let evidence: [DatedPaperLink]
    let files: [AttachmentLink]
    /// Evidence residents and organisations sent in answer to the call for evidence, once a clerk accepted it.
    let submitted: [SubmittedEvidenceLink]
    let hasEvidence: Bool
    /// The call for evidence: where to send and by when, while the inquiry has not reported.
    let callForEvidence: CallForEvidence?
    /// The spending lines the inquiry cites, each linking to its line on the spending page.
    let spending: [CitedSpending]
    let hasSpending: Bool

    struct SubmittedEvidenceLink: Sendable {
        let url: String
        let from: String
        let sentOn: String
    }

    struct CallForEvidence: Sendable {
        let sendURL: String
        let closes: String
    }
    let report: DatedPaperLink?
    let recommendations: [RecommendationRow]
    let hasRecommendations: Bool

    init(_ detail: InquiryDetail, recommendations: [TrackedRecommendation], spending: [SpendingEntry] = [], time: LocalTime) {
        self.spending = spending.map(CitedSpending.init)
        hasSpending = !self.spending.isEmpty
        title = detail.inquiry.title
        follow = FollowLink(.inquiry(detail.inquiry.slug))
        committee = detail.body.name
        committeeURL = SiteURL.bodyPage(slug: detail.body.slug).path
        scope = detail.inquiry.scope
        opened = Day(detail.inquiry.openedOn).map(time.longDate(day:)) ?? detail.inquiry.openedOn
        status = detail.report == nil ? "Taking evidence" : "Reported"
        sessions = detail.sessions.map { session in
            let witnesses = session.witnesses.map { WitnessRow(name: $0.name, role: $0.role) }
            return SessionRow(meeting: MeetingRow(session.meeting, time: time), witnesses: witnesses, hasWitnesses: !witnesses.isEmpty)
        }
        hasSessions = !sessions.isEmpty
        evidence = detail.writtenEvidence.map { DatedPaperLink($0, time: time) }
        files = detail.evidenceFiles.map(AttachmentLink.init)
        submitted = detail.submittedEvidence.map { evidence in
            SubmittedEvidenceLink(url: SiteURL.evidence(evidence.id!).path,
                                  from: evidence.organisation.isEmpty ? evidence.name : "\(evidence.name), \(evidence.organisation)",
                                  sentOn: time.longDate(evidence.confirmedAt ?? evidence.requestedAt))
        }
        hasEvidence = !evidence.isEmpty || !files.isEmpty || !submitted.isEmpty
        // The form refuses anything after the deadline; the page says when that is until the inquiry reports.
        callForEvidence = detail.report != nil ? nil : detail.evidenceWindow.map {
            CallForEvidence(sendURL: SiteURL.submitEvidence(inquiry: detail.inquiry.slug).path, closes: $0.closingPhrase(time: time))
        }
        report = detail.report.map { DatedPaperLink($0, time: time) }
        self.recommendations = recommendations.map { RecommendationRow($0, time: time) }
        hasRecommendations = !self.recommendations.isEmpty
    }
}

/// The register of peer challenges, with follow-ups and safeguarding repeats that are due or overdue.
struct PeerChallengesView: Sendable {
    struct DutyRow: Sendable {
        let subject: String
        let url: String
        let duty: DutyView
    }

    let challenges: [ChallengeSection]
    let hasChallenges: Bool
    let outstanding: [DutyRow]
    let hasOutstanding: Bool
    /// "a follow-up challenge is due within 18 months of the report", from the configured rules.
    let followUpRule: String

    init(challenges: [PeerChallengeSummary], duties: [Duty], rules: PeerChallengeRules, time: LocalTime) {
        followUpRule = rules.followUpSentence
        self.challenges = challenges.map { ChallengeSection($0, time: time) }
        hasChallenges = !self.challenges.isEmpty
        outstanding = duties.filter { $0.source == .peerChallenge && $0.state.isOutstanding }.map {
            DutyRow(subject: $0.subject, url: $0.url, duty: DutyView(label: $0.what, state: $0.state, time: time))
        }
        hasOutstanding = !outstanding.isEmpty
    }
}
