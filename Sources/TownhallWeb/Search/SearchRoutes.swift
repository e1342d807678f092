import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// `/search`: full-text search over everything public, with body and date filters and paging.
struct SearchRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let versions: StoreVersion
    /// The body filter's options as last rendered; a search with no body chosen (nearly all) reuses them.
    let bodyOptions = RenderedFragment()

    func register(on routes: RouteTable) {
        routes.get(.search, use: search)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.queryForm
        var errors = FormErrors()
        func day(_ field: FormField, _ label: String) -> String? {
            guard let text = query.optional(field)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard Day(text) != nil else {
                errors.add(field, "\(label) must be a real date, for example 2026-11-25")
                return nil
            }
            return text
        }
        let from = day(.from, "The from date"), to = day(.to, "The to date")
        if let from, let to, from > to { errors.add(.to, "The to date must be on or after the from date") }
        // A body is looked up only when one is asked for; an unknown one is simply no filter.
        let asked = query.optional(.body).flatMap { $0.isEmpty ? nil : $0 }
        let bodies = asked == nil ? nil : try await database.bodyNames()
        let bodySlug = asked.flatMap { slug in bodies?.contains { $0.slug == slug } == true ? slug : nil }
        var page = 1
        do { page = try RequestNumber.page(query.optional(.page)) } catch { errors.add(.q, "The results \(error.message)") }
        let search = SearchRequest(text: String(query[.q].prefix(200)), bodySlug: bodySlug, from: from, to: to, page: page)
        let results = errors.isEmpty ? try await database.search(search) : SearchResults(hits: [], total: 0)
        let options: String
        if let bodySlug, let bodies {
            options = pages.fragment("_body-options", SearchView.BodyChoices(bodies, selected: bodySlug))
        } else {
            options = try await bodyOptions.html(version: try await versions.current().0) {
                pages.fragment("_body-options", SearchView.BodyChoices(try await database.bodyNames(), selected: nil))
            }
        }
        let view = SearchView(request: search, raw: query, bodyOptionsHTML: options, results: results, errors: errors)
        return pages.render(
            "search", title: (errors.isEmpty ? "" : "Error: ") + (search.text.isEmpty ? "Search" : "Search: \(search.text)"),
            breadcrumbs: [Breadcrumb(title: "Home", url: SiteURL.home.path)], page: view, status: errors.isEmpty ? .ok : .badRequest)
    }
}
