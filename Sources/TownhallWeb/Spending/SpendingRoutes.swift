import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// An LPAC's spending page, and the clerk's page to import spending and cite a line; a body that does not follow
/// the money (`BodyKind.followsTheMoney`) has neither (a 404).
struct SpendingRoutes: Sendable {
    let clerk: BackOfficeRoutes
    let pages: PageRenderer
    var database: AppDatabase { clerk.database }

    func register(on routes: RouteTable) {
        routes.get(.bodySpending, use: spendingPage)
        routes.get(.adminSpending, use: adminPage)
        routes.post(.adminSpending, use: importSpending)
        routes.post(.adminSpendingCitation, use: cite)
    }

    private func requirePlace(_ context: AppRequestContext) async throws -> Body {
        guard let body = try await database.body(slug: try context.parameters.require("slug")), body.kind.followsTheMoney else {
            throw HTTPError(.notFound)
        }
        return body
    }

    /// The year a page shows: the one `asked` (`?year=`) if the place has it (another is a 404), else the newest.
    private static func year(_ asked: String, of years: [String]) throws -> String? {
        if asked.isEmpty { return years.first }
        guard years.contains(asked) else { throw HTTPError(.notFound) }
        return asked
    }

    private func entries(_ body: Body, _ year: String?) async throws -> [SpendingEntry] {
        guard let year else { return [] }
        return try await database.spendingEntries(bodyId: body.id!, year: year)
    }

    @Sendable func spendingPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await requirePlace(context)
        let years = try await database.spendingYears(bodyId: body.id!)
        let year = try Self.year(request.queryForm.text(.year), of: years)
        let view = SpendingView(body: body, years: years, year: year, entries: try await entries(body, year))
        return pages.render("spending", title: "Following the money: \(body.name)", breadcrumbs: [
            Breadcrumb(title: "Home", url: SiteURL.home.path), Breadcrumb(title: body.name, url: SiteURL.bodyPage(slug: body.slug).path),
        ], page: view)
    }

    @Sendable func adminPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await requirePlace(context)
        _ = try await clerk.clerk(request, context, bodyId: body.id!)
        return try await page(body, form: FormData([:]), errors: FormErrors(), context: context, year: request.queryForm.text(.year),
                              saved: request.queryForm.has(.saved))
    }

    /// A spending file, uploaded or pasted; all or nothing, and on a mistake the file's text is put in the box so
    /// the clerk can mend it there.
    @Sendable func importSpending(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (body, user, form) = try await clerk.submission(request, context, requirePlace, bodyId: { $0.id! }, limit: clerk.maxUploadBytes)
        var errors = FormErrors()
        let (text, kept) = CSVUpload.text(form, errors: &errors)
        if errors.isEmpty {
            do {
                _ = try await database.perform { try $0.importSpending(body: body.slug, csv: text, actor: .user(user)) }
                return .redirect(to: SiteURL.adminSpending(body: body.slug).path(query: [(.saved, "1")]), type: .normal)
            } catch let error as TownhallError {
                errors.add(.csv, error.message.asSentence)
            }
        }
        return try await page(body, form: kept, errors: errors, context: context, status: .unprocessableContent)
    }

    @Sendable func cite(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (body, user, form) = try await clerk.submission(request, context, requirePlace, bodyId: { $0.id! })
        var errors = FormErrors()
        var line: SpendingLine?
        if let id = RequestNumber.id(form.text(.spendingLine)) { line = try await database.spendingLine(id: id, bodyId: body.id!) }
        if line == nil { errors.add(.spendingLine, "Choose the spending line") }
        let citer = try await database.spendingCiterChoices(bodyId: body.id!).first { $0.citer.formValue == form.text(.citer) }
        if citer == nil { errors.add(.citer, "Choose the inquiry, recommendation or written evidence that cites it") }
        if errors.isEmpty, let line, let citer {
            do {
                _ = try await database.perform { try $0.citeSpending(lineId: line.id!, by: citer.citer, actor: .user(user)) }
                return .redirect(to: SiteURL.adminSpending(body: body.slug).path(query: [(.saved, "1"), (.year, line.year)]), type: .normal)
            } catch let error as TownhallError {
                errors.add(.citer, error.message.asSentence)
            }
        }
        return try await page(body, form: form, errors: errors, context: context, year: line?.year ?? "", status: .unprocessableContent)
    }

    /// The clerk's page, its choice of lines being one year's (`year`, or the newest when empty).
    private func page(_ body: Body, form: FormData, errors: FormErrors, context: AppRequestContext, year: String = "",
                      status: HTTPResponse.Status = .ok, saved: Bool = false) async throws -> Response {
        let years = try await database.spendingYears(bodyId: body.id!)
        let shown = try Self.year(year, of: years)
        let view = SpendingAdminView(
            body: body, years: years, year: shown, entries: try await entries(body, shown),
            citers: try await database.spendingCiterChoices(bodyId: body.id!), form: form, errors: errors, csrf: context.session?.csrfToken ?? "",
            saved: saved)
        return clerk.render("admin-spending", (errors.isEmpty ? "" : "Error: ") + "Spending: \(body.name)", view, context, status: status)
    }
}
