import Foundation
import TownhallDomain
import TownhallStore

/// One council's peer challenges on one page (issue 20): each challenge with its report, recommendations and the
/// council's action plan (its responses), its report back, the follow-up and, for safeguarding, the three-yearly
/// cycle; plus the same as a plain HTML snippet and JSON for the council's own website.
struct CouncilChallengesView: Sendable {
    struct Section: Sendable {
        let challenge: ChallengeSection
        let recommendations: [RecommendationRow]
        let hasRecommendations: Bool
    }

    let council: String
    let sections: [Section]
    let snippetURL: String
    let jsonURL: String
    let snippetCode: String

    init(council: Authority, challenges: [(PeerChallengeSummary, [TrackedRecommendation])], time: LocalTime, baseURL: String) {
        self.council = council.name
        sections = challenges.map { summary, tracked in
            let rows = tracked.map { RecommendationRow($0, time: time) }
            return Section(challenge: ChallengeSection(summary, time: time), recommendations: rows, hasRecommendations: !rows.isEmpty)
        }
        snippetURL = SiteURL.councilChallengesSnippet(slug: council.slug).path
        jsonURL = SiteURL.councilChallengesRecord(slug: council.slug).path
        snippetCode = "Copy the HTML at \(baseURL)\(snippetURL) into a page of the council's site; it has no script and links back here."
    }
}

/// The snippet: plain HTML with absolute links, no script and no styles of its own, for the council's website.
struct CouncilChallengesSnippet: Sendable {
    struct Item: Sendable {
        let heading: String
        let onSite: String
        let reportTitle: String?
        let reportURL: String?
        let reportBack: String
        let recommendations: [Recommendation]
        let hasRecommendations: Bool
        let followUp: String?
        let nextSafeguarding: String?
    }

    struct Recommendation: Sendable {
        let number: Int
        let text: String
        let state: String
        let url: String
    }

    let council: String
    let pageURL: String
    let items: [Item]

    init(_ view: CouncilChallengesView, council: Authority, baseURL: String) {
        self.council = view.council
        pageURL = baseURL + SiteURL.councilChallenges(slug: council.slug).path
        items = view.sections.map { section in
            let challenge = section.challenge
            let recommendations = section.recommendations.map { Recommendation(number: $0.number, text: $0.text, state: $0.stateLabel, url: baseURL + $0.publicURL) }
            return Item(
                heading: "\(challenge.kind) of \(challenge.council)", onSite: challenge.onSite, reportTitle: challenge.report?.title,
                reportURL: challenge.report.map { baseURL + $0.url },
                reportBack: challenge.reportBackOn.map { "\($0): \(challenge.reportBack ?? "")" } ?? "Not yet received",
                recommendations: recommendations, hasRecommendations: !recommendations.isEmpty,
                followUp: challenge.followUp.map { "\($0.label): \($0.stateLabel). \($0.text)" },
                nextSafeguarding: challenge.recurrence.map { "\($0.label): \($0.stateLabel). \($0.text)" })
        }
    }
}

/// The same as JSON, by stable names.
struct CouncilChallengesJSON: Encodable {
    struct Challenge: Encodable {
        let slug: String
        let kind: String
        let scope: String
        let onSiteFrom: String
        let onSiteTo: String
        let reportURL: String?
        let reportPublishedOn: String?
        let reportBackOn: String?
        let reportBack: String?
        let followUpOfSlug: String?
        let followUp: Duty?
        let nextSafeguardingChallenge: Duty?
        let recommendations: [Recommendation]
    }

    struct Duty: Encodable {
        let dueOn: String
        let state: String
        let doneOn: String?

        init(_ state: DutyState) {
            dueOn = state.dueDay.description
            self.state = state.code
            doneOn = state.plannedDay.map(\.description)
        }
    }

    struct Recommendation: Encodable {
        let id: Int64
        let number: Int
        let text: String
        let addressedTo: String
        let dueOn: String?
        let state: String
        let url: String
    }

    let council: String
    let councilSlug: String
    let url: String
    let challenges: [Challenge]

    init(council: Authority, challenges: [(PeerChallengeSummary, [TrackedRecommendation])], baseURL: String) {
        self.council = council.name
        councilSlug = council.slug
        url = baseURL + SiteURL.councilChallenges(slug: council.slug).path
        self.challenges = challenges.map { summary, tracked in
            let challenge = summary.challenge
            return Challenge(
                slug: challenge.slug, kind: challenge.kind.rawValue, scope: challenge.scope, onSiteFrom: challenge.onSiteFrom, onSiteTo: challenge.onSiteTo,
                reportURL: summary.report.map { baseURL + SiteURL.paper($0.id).path }, reportPublishedOn: challenge.reportPublishedOn,
                reportBackOn: challenge.reportBackOn, reportBack: challenge.reportBackSummary, followUpOfSlug: summary.followUpOf?.slug,
                followUp: summary.followUp.map(Duty.init), nextSafeguardingChallenge: summary.recurrence.map(Duty.init),
                recommendations: tracked.map { entry in
                    Recommendation(
                        id: entry.recommendation.id!, number: entry.recommendation.number, text: entry.recommendation.text,
                        addressedTo: entry.organisation.name, dueOn: entry.recommendation.dueOn, state: entry.state.rawValue,
                        url: baseURL + SiteURL.recommendation(entry.recommendation.id!).path)
                })
        }
    }
}
