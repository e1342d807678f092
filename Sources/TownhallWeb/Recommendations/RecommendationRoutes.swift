import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// The public recommendations tracker: who must respond to what, by when, and what they said.
struct RecommendationRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let deadlines: Deadlines
    let now: @Sendable () -> Date

    var time: LocalTime { deadlines.time }

    func register(on routes: RouteTable) {
        routes.get(.recommendations, use: tracker)
        routes.get(.recommendation, use: recommendation)
        routes.get(.organisation, use: organisation)
    }

    @Sendable func tracker(_ request: Request, context: AppRequestContext) async throws -> Response {
        let filter = RecommendationFilter(query: request.queryForm)
        let tracked = try await database.trackedRecommendations(RecommendationScope(), deadlines: deadlines, now: now())
        let view = try await trackerView(
            tracked, filter: filter, base: SiteURL.recommendations.path, heading: "Recommendations tracker",
            intro: "Recommendations made by Policing Boards, local education panels, Local Public Accounts Committees and peer challenges, "
                + "and how the organisations they are addressed to have responded. Each organisation must respond by the deadline.")
        return pages.render(
            "recommendations", title: (filter.errors.isEmpty ? "" : "Error: ") + "Recommendations tracker",
            breadcrumbs: [Breadcrumb(title: "Home", url: SiteURL.home.path)], page: view, status: filter.errors.isEmpty ? .ok : .badRequest)
    }

    /// The tracker page for a set of recommendations, shared with the clerk's dashboard.
    func trackerView(_ tracked: [TrackedRecommendation], filter: RecommendationFilter, base: String, heading: String, intro: String,
                     inBackOffice: Bool = false) async throws -> TrackerView {
        let rows = tracked.filter(filter.matches).map { RecommendationRow($0, time: time, inBackOffice: inBackOffice) }
        let organisations = try await database.organisations()
        let bodies = Dictionary(grouping: tracked.map(\.body), by: \.id).compactMap(\.value.first).sorted { $0.name < $1.name }
        let counts = TrackerView.counts(tracked)
        return TrackerView(
            heading: heading, intro: intro, filter: filter.view(action: base, organisations: organisations, bodies: bodies),
            results: RowPage(rows, filter: filter, base: base), hasErrors: !filter.errors.isEmpty, errors: filter.errors.entries,
            counts: counts, hasCounts: !counts.isEmpty)
    }

    @Sendable func recommendation(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let detail = try await database.recommendationDetail(id: try PublicRoutes.id(context), deadlines: deadlines, now: now())
        else { throw HTTPError(.notFound) }
        let view = RecommendationPageView(detail, time: time)
        return pages.render(
            "recommendation", title: "Recommendation \(view.row.number): \(view.row.reportTitle)",
            breadcrumbs: [Breadcrumb(title: "Home", url: SiteURL.home.path), Breadcrumb(title: "Recommendations tracker", url: SiteURL.recommendations.path)],
            page: view)
    }

    @Sendable func organisation(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let organisation = try await database.organisation(slug: try context.parameters.require("slug")) else {
            throw HTTPError(.notFound)
        }
        let tracked = try await database.trackedRecommendations(
            RecommendationScope(organisationId: organisation.id), deadlines: deadlines, now: now())
        let view = OrganisationView(organisation, tracked: tracked, time: time)
        return pages.render(
            "organisation", title: organisation.name,
            breadcrumbs: [Breadcrumb(title: "Home", url: SiteURL.home.path), Breadcrumb(title: "Recommendations tracker", url: SiteURL.recommendations.path)],
            page: view)
    }
}
