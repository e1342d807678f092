import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// An LPAC's spending page; any other kind of body has none (a 404). Imports and citations are the CLI's
/// (`townhall spending`).
struct SpendingRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer

    func register(on routes: RouteTable) {
        routes.get(.bodySpending, use: spendingPage)
    }

    @Sendable func spendingPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let body = try await database.body(slug: try context.parameters.require("slug")), body.kind == .lpac else { throw HTTPError(.notFound) }
        let view = SpendingView(body: body, entries: try await database.spendingEntries(bodyId: body.id!))
        return pages.render("spending", title: "Following the money: \(body.name)", breadcrumbs: [
            Breadcrumb(title: "Home", url: SiteURL.home.path), Breadcrumb(title: body.name, url: SiteURL.bodyPage(slug: body.slug).path),
        ], page: view)
    }
}
