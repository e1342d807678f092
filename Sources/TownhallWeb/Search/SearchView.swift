import Foundation
import TownhallDomain
import TownhallMarkdown
import TownhallStore

/// The search page: the form as typed, and the hits with their snippets already escaped and marked.
struct SearchView: Sendable {
    struct HitRow: Sendable {
        let title: String
        let url: String
        let kindLabel: String
        let bodyName: String
        let day: String
        /// Escaped text with `<mark>` around matched words; the only HTML the template does not escape.
        let snippetHTML: String
    }

    let text: String
    let from: String
    let to: String
    /// The body filter's options, rendered from `_body-options` (see `SearchRoutes.bodyOptions`).
    let bodyOptionsHTML: String
    let hasQuery: Bool
    /// Alerts and a feed of new papers matching the words searched for.
    let follow: FollowLink?
    let summary: String
    let hits: [HitRow]
    let hasHits: Bool
    let previousURL: String?
    let nextURL: String?
    let hasErrors: Bool
    let errors: [FormErrors.Entry]
    let fromError: String?
    let toError: String?

    /// What `_body-options` shows: every body, and "All bodies" first.
    struct BodyChoices: Sendable {
        let choices: [Choice]

        init(_ bodies: [BodyName], selected: String?) {
            choices = [Choice(value: "", label: "All bodies", selected: selected == nil)]
                + bodies.map { Choice(value: $0.slug, label: $0.name, selected: $0.slug == selected) }
        }
    }

    init(request: SearchRequest, raw: FormData, bodyOptionsHTML: String, results: SearchResults, errors: FormErrors) {
        text = request.text
        from = raw[.from]
        to = raw[.to]
        self.bodyOptionsHTML = bodyOptionsHTML
        hasQuery = request.ftsQuery != nil
        follow = FollowTarget(kind: FollowTarget.Kind.search.rawValue, key: request.text).map(FollowLink.init)
        let first = (request.page - 1) * SearchRequest.pageSize
        let count = results.total > SearchRequest.countLimit ? "more than \(SearchRequest.countLimit.formatted())" : String(results.total)
        summary = results.total == 0
            ? "No results"
            : "Showing \(first + 1) to \(first + results.hits.count) of \(count) result\(results.total == 1 ? "" : "s")"
                + (results.ranked ? "" : ", newest first: add words to narrow the search")
        hits = results.hits.map { hit in
            HitRow(
                title: hit.title, url: Self.url(hit), kindLabel: Self.kindLabels[hit.kind] ?? hit.kind, bodyName: hit.bodyName,
                day: Day(hit.day).map { LocalTime().longDate(day: $0) } ?? hit.day,
                snippetHTML: HTMLEscape.text(hit.snippet)
                    .replacingOccurrences(of: AppDatabase.markStart, with: "<mark>")
                    .replacingOccurrences(of: AppDatabase.markEnd, with: "</mark>"))
        }
        hasHits = !hits.isEmpty
        func link(_ page: Int) -> String {
            let fields: [(FormField, String?)] = [(.q, request.text), (.body, request.bodySlug), (.from, request.from), (.to, request.to), (.page, String(page))]
            return SiteURL.search.path(query: fields.compactMap { field, value in value.map { (field, $0) } })
        }
        previousURL = request.page > 1 ? link(request.page - 1) : nil
        nextURL = results.hits.count == SearchRequest.pageSize && first + results.hits.count < results.total && request.page < SearchRequest.lastPage
            ? link(request.page + 1) : nil
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
        fromError = errors.message(for: .from)
        toError = errors.message(for: .to)
    }

    static let kindLabels = [
        "paper": "Paper", "item": "Agenda item", "decision": "Decision", "recommendation": "Recommendation",
        "response": "Response", "board-decision": "Reserved decision",
    ]

    static func url(_ hit: SearchHit) -> String {
        switch hit.kind {
        case "paper": SiteURL.paper(hit.refId).path
        case "recommendation", "response": SiteURL.recommendation(hit.refId).path
        case "board-decision": SiteURL.bodyPage(slug: hit.bodySlug).path
        default: hit.meetingId.map { SiteURL.meeting($0).path } ?? SiteURL.bodyPage(slug: hit.bodySlug).path
        }
    }
}
