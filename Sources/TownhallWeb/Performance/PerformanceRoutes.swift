import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// Plans and their measured performance (issue 20): the public page of a plan, and the clerk's page to record a
/// result or target for one measure and period (imports are the CLI's, `townhall performance import`).
struct PerformanceRoutes: Sendable {
    let clerk: BackOfficeRoutes
    let pages: PageRenderer
    var database: AppDatabase { clerk.database }

    func register(on routes: RouteTable) {
        routes.get(.plan, use: planPage)
        routes.get(.parentInformation, use: parentsPage)
        routes.get(.adminPerformance, use: adminPage)
        routes.post(.adminPerformance, use: record)
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

    private func requirePlan(_ context: AppRequestContext) async throws -> PlanDetail {
        guard let detail = try await database.planDetail(slug: try context.parameters.require("slug")) else { throw HTTPError(.notFound) }
        return detail
    }

    @Sendable func adminPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let detail = try await requirePlan(context)
        _ = try await clerk.clerk(request, context, bodyId: detail.body.id!)
        return page(detail, form: FormData(), errors: FormErrors(), context: context, saved: request.queryForm.has(.saved))
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await clerk.submission(request, context, requirePlan, bodyId: { $0.body.id! })
        var errors = FormErrors()
        let measures = detail.priorities.flatMap(\.measures).map(\.measure)
        let measure = RequestNumber.id(form.text(.measure)).flatMap { id in measures.first { $0.id == id } }
        if measure == nil { errors.add(.measure, "Choose the measure") }
        let kind = MeasurePoint.Kind(rawValue: form.text(.pointKind))
        if kind == nil { errors.add(.pointKind, "Choose whether this is a result or a target") }
        if ReportingPeriod(form.text(.period)) == nil { errors.add(.period, "Enter the period as \(ReportingPeriod.formatHint)") }
        let value = MeasureNumber.parse(form.text(.value))
        if value == nil { errors.add(.value, "Enter the value as a number, for example 62.5") }
        guard errors.isEmpty, let measure, let kind, let value else {
            return page(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        _ = try await database.perform {
            try $0.recordMeasurePoint(measureId: measure.id!, kind: kind, period: form.text(.period), value: value, actor: .user(user))
        }
        return .redirect(to: SiteURL.adminPerformance(plan: detail.plan.slug).path(query: [(.saved, "1")]), type: .normal)
    }

    private func page(_ detail: PlanDetail, form: FormData, errors: FormErrors, context: AppRequestContext, status: HTTPResponse.Status = .ok,
                      saved: Bool = false) -> Response {
        let view = PerformanceFormView(detail, form: form, errors: errors, csrf: context.session?.csrfToken ?? "", saved: saved)
        return clerk.render("admin-performance", (errors.isEmpty ? "" : "Error: ") + "Performance: \(detail.plan.title)", view, context, status: status)
    }
}

/// The clerk's form for one result or target, with the plan's measures to choose from and what was typed kept.
struct PerformanceFormView: Sendable {
    let planTitle: String
    let bodyName: String
    let publicURL: String
    let action: String
    let csrf: String
    let saved: Bool
    let measureChoices: [Choice]
    let kindChoices: [Choice]
    let period: String
    let value: String
    let measureError: String?
    let pointKindError: String?
    let periodError: String?
    let valueError: String?
    let periodHint = ReportingPeriod.formatHint
    let hasErrors: Bool
    let errors: [FormErrors.Entry]

    init(_ detail: PlanDetail, form: FormData, errors: FormErrors, csrf: String, saved: Bool) {
        planTitle = detail.plan.title
        bodyName = detail.body.name
        publicURL = SiteURL.plan(slug: detail.plan.slug).path
        action = SiteURL.adminPerformance(plan: detail.plan.slug).path
        self.csrf = csrf
        self.saved = saved
        measureChoices = detail.priorities.flatMap { priority in
            priority.measures.map { entry in
                Choice(value: String(entry.measure.id!), label: "\(priority.priority.title): \(entry.measure.name)", selected: form[.measure] == String(entry.measure.id!))
            }
        }
        let chosenKind = form[.pointKind].isEmpty ? MeasurePoint.Kind.result.rawValue : form[.pointKind]
        kindChoices = [MeasurePoint.Kind.result, .target].map { Choice(value: $0.rawValue, label: $0 == .result ? "Result" : "Target", selected: $0.rawValue == chosenKind) }
        period = form[.period]
        value = form[.value]
        measureError = errors.message(for: .measure)
        pointKindError = errors.message(for: .pointKind)
        periodError = errors.message(for: .period)
        valueError = errors.message(for: .value)
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
    }
}
