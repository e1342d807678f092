import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// Public pages for duties particular to a kind of body: LPAC inquiries, the register of peer challenges, and each
/// challenged council's page with its snippet and JSON for the council's own site.
struct BodyKindRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let deadlines: Deadlines
    let baseURL: String
    let now: @Sendable () -> Date
    var time: LocalTime { deadlines.time }

    func register(on routes: RouteTable) {
        routes.get(.inquiry, use: inquiry)
        routes.get(.peerChallenges, use: peerChallenges)
        routes.get(.councilChallenges, use: councilPage)
        routes.get(.councilChallengesSnippet, use: councilSnippet)
        routes.get(.councilChallengesRecord, use: councilJSON)
    }

    /// A council's challenges, newest first, each with its report's recommendations; a 404 when it has none.
    func councilChallenges(_ context: AppRequestContext) async throws -> (Authority, [(PeerChallengeSummary, [TrackedRecommendation])]) {
        let slug = try context.parameters.require("slug")
        let today = time.calendarDay(of: now())
        let found = try await database.peerChallenges(today: today).filter { $0.council.slug == slug }
        guard let council = found.first?.council else { throw HTTPError(.notFound) }
        var challenges: [(PeerChallengeSummary, [TrackedRecommendation])] = []
        for summary in found {
            var tracked: [TrackedRecommendation] = []
            if let report = summary.report {
                tracked = try await database.trackedRecommendations(RecommendationScope(paperId: report.id), deadlines: deadlines, now: now())
            }
            challenges.append((summary, tracked))
        }
        return (council, challenges)
    }

    @Sendable func councilPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (council, challenges) = try await councilChallenges(context)
        let view = CouncilChallengesView(council: council, challenges: challenges, time: time, baseURL: baseURL)
        return pages.render("council-challenges", title: "Peer challenges of \(council.name)", breadcrumbs: [
            Breadcrumb(title: "Home", url: SiteURL.home.path), Breadcrumb(title: "Peer challenges", url: SiteURL.peerChallenges.path),
        ], page: view)
    }

    @Sendable func councilSnippet(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (council, challenges) = try await councilChallenges(context)
        let view = CouncilChallengesView(council: council, challenges: challenges, time: time, baseURL: baseURL)
        return FeedRoutes.response(pages.fragment("_council-challenges-snippet", CouncilChallengesSnippet(view, council: council, baseURL: baseURL)),
                                   type: "text/html; charset=utf-8")
    }

    @Sendable func councilJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (council, challenges) = try await councilChallenges(context)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(CouncilChallengesJSON(council: council, challenges: challenges, baseURL: baseURL))
        return FeedRoutes.response(String(decoding: json, as: UTF8.self), type: "application/json")
    }

    @Sendable func inquiry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        guard let detail = try await database.inquiryDetail(slug: slug) else { throw HTTPError(.notFound) }
        var recommendations: [TrackedRecommendation] = []
        if let report = detail.report {
            recommendations = try await database.trackedRecommendations(
                RecommendationScope(paperId: report.id), deadlines: deadlines, now: now())
        }
        let spending = try await database.spendingCited(by: .inquiry(slug: detail.inquiry.slug))
        let view = InquiryView(detail, recommendations: recommendations, spending: spending, time: time)
        let crumbs = [Breadcrumb(title: "Home", url: SiteURL.home.path), Breadcrumb(title: detail.body.name, url: SiteURL.bodyPage(slug: detail.body.slug).path)]
        return pages.render("inquiry", title: view.title, breadcrumbs: crumbs, page: view)
    }

    @Sendable func peerChallenges(_ request: Request, context: AppRequestContext) async throws -> Response {
        let today = time.calendarDay(of: now())
        let challenges = try await database.peerChallenges(today: today)
        let duties = try await database.duties(today: today, time: time)
        let view = PeerChallengesView(challenges: challenges, duties: duties, rules: database.peerChallengeRules, time: time)
        return pages.render("peer-challenges", title: "Peer challenges", breadcrumbs: [Breadcrumb(title: "Home", url: SiteURL.home.path)], page: view)
    }
}
