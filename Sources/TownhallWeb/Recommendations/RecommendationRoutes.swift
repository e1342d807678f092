import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// The public recommendations tracker: who must respond to what, by when, and what they said.
struct RecommendationRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let deadlines: Deadlines
    /// The site's address, for the links of the record snippet other sites show.
    let baseURL: String
    let now: @Sendable () -> Date

    var time: LocalTime { deadlines.time }

    func register(on routes: RouteTable) {
        routes.get(.recommendations, use: tracker)
        routes.get(.recommendation, use: recommendation)
        routes.get(.organisation, use: organisation)
        routes.get(.organisationRecord, use: recordJSON)
        routes.get(.organisationSnippet, use: recordSnippet)
    }

    /// The organisation named in the path, its recommendations and its record as at today; unknown is a 404.
    func record(_ context: AppRequestContext) async throws -> (Organisation, [TrackedRecommendation], ResponseRecord, Day) {
        guard let organisation = try await database.organisation(slug: try context.parameters.require("slug")) else {
            throw HTTPError(.notFound)
        }
        let current = now()
        let tracked = try await database.trackedRecommendations(RecommendationScope(organisationId: organisation.id), deadlines: deadlines, now: current)
        return (organisation, tracked, ResponseRecord(tracked, deadlines: deadlines), time.calendarDay(of: current))
    }

    func snippet(_ organisation: Organisation, _ record: ResponseRecord, today: Day) -> String {
        pages.fragment("_response-record", ResponseRecordView(organisation, record: record, today: today, time: time, base: baseURL))
    }

    @Sendable func recordJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (organisation, _, record, today) = try await self.record(context)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(ResponseRecordJSON(organisation, record: record, today: today, base: baseURL)), as: UTF8.self)
        return FeedRoutes.response(json, type: "application/json")
    }

    @Sendable func recordSnippet(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (organisation, _, record, today) = try await self.record(context)
        return FeedRoutes.response(snippet(organisation, record, today: today), type: "text/html; charset=utf-8")
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
        let spending = try await database.spendingCited(by: .recommendation(id: detail.tracked.recommendation.id!))
        let view = RecommendationPageView(detail, spending: spending, now: now(), time: time)
        return pages.render(
            "recommendation", title: "Recommendation \(view.row.number): \(view.row.reportTitle)",
            breadcrumbs: [Breadcrumb(title: "Home", url: SiteURL.home.path), Breadcrumb(title: "Recommendations tracker", url: SiteURL.recommendations.path)],
            page: view)
    }

    @Sendable func organisation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (organisation, tracked, record, today) = try await self.record(context)
        let view = OrganisationView(
            organisation, tracked: tracked, seats: try await database.councilSeats(of: organisation), record: ResponseRecordView(organisation, record: record, today: today, time: time, base: ""),
            snippet: snippet(organisation, record, today: today),
            responders: try await database.responderNames(organisationId: organisation.id!), time: time)
        return pages.render(
            "organisation", title: organisation.name,
            breadcrumbs: [Breadcrumb(title: "Home", url: SiteURL.home.path), Breadcrumb(title: "Recommendations tracker", url: SiteURL.recommendations.path)],
            page: view)
    }
}
