import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// Plans and their measured performance (issue 20): the public page of a plan and an education panel's
/// information for parents. The clerk's screens are `PerformanceAdminRoutes`.
struct PerformanceRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer

    func register(on routes: RouteTable) {
        routes.get(.plan, use: planPage)
        routes.get(.parentInformation, use: parentsPage)
    }

    @Sendable func planPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let detail = try await database.planDetail(slug: try context.parameters.require("slug")) else { throw HTTPError(.notFound) }
        let view = PlanView(detail)
        return pages.render("plan", title: "\(detail.plan.title): \(detail.body.name)", breadcrumbs: [
            Breadcrumb(title: "Home", url: SiteURL.home.path), Breadcrumb(title: detail.body.name, url: SiteURL.bodyPage(slug: detail.body.slug).path),
        ], page: view)
    }

    /// An education panel's information for parents: its plans' targets and progress in sentences, and the latest
    /// annual report. Any other kind of body has no such page.
    @Sendable func parentsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let body = try await database.body(slug: try context.parameters.require("slug")), body.kind == .educationPanel else {
            throw HTTPError(.notFound)
        }
        var details: [PlanDetail] = []
        for plan in try await database.performancePlans(bodyId: body.id!) {
            if let detail = try await database.planDetail(slug: plan.slug) { details.append(detail) }
        }
        let reports = try await database.publicPapers(bodyId: body.id!, kind: .annualReport)
        let view = ParentsView(body: body, plans: details, annualReport: reports.first)
        return pages.render("parents", title: "Information for parents: \(body.name)", breadcrumbs: [
            Breadcrumb(title: "Home", url: SiteURL.home.path), Breadcrumb(title: body.name, url: SiteURL.bodyPage(slug: body.slug).path),
        ], page: view)
    }
}
