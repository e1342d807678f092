import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// Public pages for duties particular to a kind of body: LPAC inquiries and the register of peer challenges.
struct BodyKindRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let deadlines: Deadlines
    let now: @Sendable () -> Date
    var time: LocalTime { deadlines.time }

    func register(on routes: RouteTable) {
        routes.get(.inquiry, use: inquiry)
        routes.get(.peerChallenges, use: peerChallenges)
    }

    @Sendable func inquiry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        guard let detail = try await database.inquiryDetail(slug: slug) else { throw HTTPError(.notFound) }
        var recommendations: [TrackedRecommendation] = []
        if let report = detail.report {
            recommendations = try await database.trackedRecommendations(
                RecommendationScope(paperId: report.id), deadlines: deadlines, now: now())
        }
        let spending = try await database.spendingCited(inquiryId: detail.inquiry.id!)
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
