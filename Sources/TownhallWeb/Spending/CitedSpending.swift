import TownhallStore

/// A spending line as an inquiry, recommendation or paper of evidence that cites it lists it: what, whose, which
/// year and how much, linked to its line on the place's spending page (`_cited-spending` renders a list of them).
struct CitedSpending: Sendable, Encodable {
    let spendingText: String
    let spendingURL: String

    init(_ entry: SpendingEntry) {
        spendingText = "\(entry.organisation.name), \(entry.line.service), \(entry.line.year): \(entry.line.amount)"
        spendingURL = SiteURL.bodySpending(slug: entry.bodySlug).path(query: [(.year, entry.line.year)]) + "#line-\(entry.line.id!)"
    }
}
