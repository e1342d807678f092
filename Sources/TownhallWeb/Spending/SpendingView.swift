import Foundation
import TownhallDomain
import TownhallMarkdown
import TownhallStore

/// Following the money (issue 20): an LPAC's place, year by year, as totals by organisation and by service across
/// every public body in it, a bar chart of the organisations' totals, and every line with what cites it.
struct SpendingView: Sendable {
    struct Total: Sendable {
        let label: String
        let url: String?
        let amount: String
    }

    struct LineRow: Sendable {
        let anchor: String
        let organisation: String
        let service: String
        let amount: String
        let citedBy: [Citer]
        let hasCiters: Bool
    }

    struct Citer: Sendable {
        let citerTitle: String
        let citerURL: String
    }

    struct Year: Sendable {
        let year: String
        let anchor: String
        let total: String
        let byOrganisation: [Total]
        let byService: [Total]
        let svg: String
        let lines: [LineRow]
    }

    /// A link to another year of the place's spending; the year shown is not a link.
    struct YearLink: Sendable {
        let label: String
        let url: String
        let isShown: Bool
    }

    let bodyName: String
    let bodyURL: String
    /// The year shown: one at a time, so a page holds at most `SpendingImport.maxLinesPerYear` lines.
    let shown: Year?
    let yearLinks: [YearLink]
    let hasOtherYears: Bool
    let csvURL = SiteURL.dataFile(.spending, .csv).path
    let jsonURL = SiteURL.dataFile(.spending, .json).path

    /// `entries` are the lines of `year`, one of `years` (newest first).
    init(body: Body, years: [String], year: String?, entries: [SpendingEntry]) {
        bodyName = body.name
        bodyURL = SiteURL.bodyPage(slug: body.slug).path
        yearLinks = years.map { YearLink(label: $0, url: Self.url(body: body, year: $0, years: years), isShown: $0 == year) }
        hasOtherYears = years.count > 1
        shown = year.map { year in
            let lines = entries
            func totals(_ key: (SpendingEntry) -> String, url: (SpendingEntry) -> String?) -> [Total] {
                Dictionary(grouping: lines, by: key).map { label, group in
                    (label, url(group[0]), group.reduce(Int64(0)) { $0 + $1.line.amountPence })
                }.sorted { ($1.2, $0.0) < ($0.2, $1.0) }.map { Total(label: $0.0, url: $0.1, amount: Money(pence: $0.2).description) }
            }
            let organisations = Dictionary(grouping: lines, by: \.organisation.name).map { ($0.key, $0.value.reduce(Int64(0)) { $0 + $1.line.amountPence }) }
                .sorted { ($1.1, $0.0) < ($0.1, $1.0) }
            return Year(
                year: year, anchor: "year-\(year.replacingOccurrences(of: "/", with: "-"))",
                total: Money(pence: lines.reduce(Int64(0)) { $0 + $1.line.amountPence }).description,
                byOrganisation: totals({ $0.organisation.name }, url: { SiteURL.organisation(slug: $0.organisation.slug).path }),
                byService: totals({ $0.line.service }, url: { _ in nil }),
                svg: SpendingChart(id: "spending-\(year.replacingOccurrences(of: "/", with: "-"))", year: year, bars: organisations).svg,
                lines: lines.sorted { ($0.organisation.name, $0.line.service) < ($1.organisation.name, $1.line.service) }.map { entry in
                    let citers = entry.citedBy.map { Citer(citerTitle: $0.title, citerURL: $0.path) }
                    return LineRow(anchor: "line-\(entry.line.id!)", organisation: entry.organisation.name, service: entry.line.service,
                                   amount: entry.line.amount.description, citedBy: citers, hasCiters: !citers.isEmpty)
                })
        }
    }

    /// A year's page: the newest year is the page itself, any other carries `?year=`.
    static func url(body: Body, year: String, years: [String]) -> String {
        let page = SiteURL.bodySpending(slug: body.slug)
        return year == years.first ? page.path : page.path(query: [(.year, year)])
    }
}

extension SpendingEntry.Citer {
    /// The page of what cites the line.
    var path: String {
        if let inquirySlug { return SiteURL.inquiry(slug: inquirySlug).path }
        if let recommendationId { return SiteURL.recommendation(recommendationId).path }
        return SiteURL.paper(paperId ?? 0).path
    }
}

/// The organisations' totals for one year as horizontal bars, drawn on the server: each bar labelled with its
/// organisation and amount in text, so nothing depends on colour or on reading the axis.
struct SpendingChart {
    let id: String
    let year: String
    let bars: [(String, Int64)]

    var svg: String {
        let e = HTMLEscape.text
        let rowHeight = 36.0, labelWidth = 260.0, barArea = 300.0, width = 680.0
        let height = Double(bars.count) * rowHeight + 16
        let largest = Double(bars.map(\.1).max() ?? 1)
        let summary = bars.map { "\($0.0) \(Money(pence: $0.1))" }.joined(separator: "; ")
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" focusable="false">
            <title id="\(id)-title">Spending by organisation, \(e(year))</title>
            <desc id="\(id)-desc">\(e(summary)).</desc>

            """
        for (index, bar) in bars.enumerated() {
            let y = 8 + Double(index) * rowHeight
            let length = largest > 0 ? max(2, barArea * Double(bar.1) / largest) : 2
            out += "<text class=\"chart__label\" x=\"\(Int(labelWidth - 8))\" y=\"\(String(format: "%.1f", y + 22))\" text-anchor=\"end\">\(e(bar.0))</text>"
            out += "<rect class=\"chart__bar\" data-value=\"\(bar.1)\" x=\"\(Int(labelWidth))\" y=\"\(String(format: "%.1f", y + 6))\" width=\"\(String(format: "%.1f", length))\" height=\"22\"/>"
            out += "<text class=\"chart__label\" x=\"\(String(format: "%.1f", labelWidth + length + 8))\" y=\"\(String(format: "%.1f", y + 22))\">\(e(Money(pence: bar.1).description))</text>\n"
        }
        return out + "</svg>"
    }
}

/// One row of `/data/spending.csv|json`.
struct SpendingDataLine: Encodable, DataRow {
    let body: String
    let organisation: String
    let organisationSlug: String
    let service: String
    let year: String
    let amount: String
    let amountPence: Int64
    let citedBy: String

    init(_ entry: SpendingEntry, bodyName: String, baseURL: String) {
        body = bodyName
        organisation = entry.organisation.name
        organisationSlug = entry.organisation.slug
        service = entry.line.service
        year = entry.line.year
        amount = entry.line.amount.description
        amountPence = entry.line.amountPence
        citedBy = entry.citedBy.map { baseURL + $0.path }.joined(separator: " ")
    }

    static let columns = ["body", "organisation", "organisationSlug", "service", "year", "amount", "amountPence", "citedBy"]
    var cells: [String] { [body, organisation, organisationSlug, service, year, amount, String(amountPence), citedBy] }
}
