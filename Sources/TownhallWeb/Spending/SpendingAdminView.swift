import Foundation
import TownhallDomain
import TownhallStore

extension SpendingCitation.Citer {
    /// The value of the clerk's choice: `inquiry:SLUG`, `recommendation:ID` or `paper:ID`.
    var formValue: String {
        switch self {
        case .inquiry(let slug): "inquiry:\(slug)"
        case .recommendation(let id): "recommendation:\(id)"
        case .paper(let id): "paper:\(id)"
        }
    }
}

/// The clerk's spending page: import a year's lines (uploaded or pasted, kept on a mistake) and cite a line from
/// an inquiry, a recommendation or written evidence.
struct SpendingAdminView: Sendable {
    let bodyName: String
    let publicURL: String
    let importAction: String
    let citeAction: String
    let csrf: String
    let saved: Bool
    let columns = SpendingImport.columns.joined(separator: ", ")
    let csv: String
    let csvError: String?
    let csvFileError: String?
    let lineChoices: [Choice]
    let citerChoices: [Choice]
    let hasLines: Bool
    let spendingLineError: String?
    let citerError: String?
    let maxLines = SpendingImport.maxLinesPerYear.formatted()
    let year: String
    let yearLinks: [SpendingView.YearLink]
    let hasOtherYears: Bool
    let hasErrors: Bool
    let errors: [FormErrors.Entry]

    /// `entries` are the lines of `year`, one of `years` (newest first).
    init(body: Body, years: [String], year: String?, entries: [SpendingEntry], citers: [SpendingCiterChoice], form: FormData, errors: FormErrors,
         csrf: String, saved: Bool) {
        self.year = year ?? ""
        yearLinks = years.map { shown in
            let page = SiteURL.adminSpending(body: body.slug)
            return SpendingView.YearLink(label: shown, url: page.path(query: [(.year, shown)]), isShown: shown == year)
        }
        hasOtherYears = years.count > 1
        bodyName = body.name
        publicURL = SiteURL.bodySpending(slug: body.slug).path
        importAction = SiteURL.adminSpending(body: body.slug).path
        citeAction = SiteURL.adminSpendingCitation(body: body.slug).path
        self.csrf = csrf
        self.saved = saved
        csv = form[.csv]
        csvError = errors.message(for: .csv)
        csvFileError = errors.message(for: .csvFile)
        lineChoices = entries.map { entry in
            let id = String(entry.line.id!)
            return Choice(value: id, label: "\(entry.line.year), \(entry.organisation.name), \(entry.line.service): \(entry.line.amount)",
                          selected: form[.spendingLine] == id)
        }
        citerChoices = citers.map { Choice(value: $0.citer.formValue, label: $0.label, selected: form[.citer] == $0.citer.formValue) }
        hasLines = !entries.isEmpty
        spendingLineError = errors.message(for: .spendingLine)
        citerError = errors.message(for: .citer)
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
    }
}
