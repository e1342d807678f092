import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// The clerk's screens for plans (issue 20), so a board or panel needs no shell: a body's plans and a form to add
/// one; a plan's page to add priorities and measures, record one result or target, and import a table (a CSV file,
/// pasted text, or the csv tables of a published report). Each form checks its fields by the same domain rules the
/// store applies, so a message sits beside its field; what only the store can know (a name already used, a row
/// naming no measure) comes back beside the form's main field. Nothing is stored unless all of it is right.
struct PerformanceAdminRoutes: Sendable {
    let clerk: BackOfficeRoutes
    var database: AppDatabase { clerk.database }

    func register(on routes: RouteTable) {
        routes.get(.adminPerformancePlans, use: plansPage)
        routes.post(.adminPerformancePlans, use: addPlan)
        routes.get(.adminPerformance, use: planPage)
        routes.post(.adminPerformance, use: record)
        routes.post(.adminPlanPriority, use: addPriority)
        routes.post(.adminPlanMeasure, use: addMeasure)
        routes.post(.adminPlanImport, use: importTable)
    }

    // MARK: A body's plans

    @Sendable func plansPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await clerk.requireBody(context)
        _ = try await clerk.clerk(request, context, bodyId: body.id!)
        return try await plansPage(body, form: FormData([:]), errors: FormErrors(), context: context)
    }

    @Sendable func addPlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (body, user, form) = try await clerk.submission(request, context, clerk.requireBody, bodyId: { $0.id! })
        var errors = FormErrors()
        if let problem = TextLimits.lineProblem(form.text(.title), what: "the plan's title") { errors.add(.title, problem.asSentence) }
        do { _ = try Slug.validate(form.text(.slug), what: "the plan's") } catch let error as TownhallError { errors.add(.slug, error.message.asSentence) }
        if let problem = TextLimits.noteProblem(form.text(.summary), what: "the summary") { errors.add(.summary, problem.asSentence) }
        let papers = try await database.publicPapers(bodyId: body.id!, kind: .strategicPlan)
        let paper = form.text(.paper).isEmpty ? nil : RequestNumber.id(form.text(.paper)).flatMap { id in papers.first { $0.id == id } }
        if !form.text(.paper).isEmpty, paper == nil { errors.add(.paper, "Choose one of the body's published strategic plans, or none") }
        if errors.isEmpty {
            do {
                let plan = try await database.perform {
                    try $0.addPerformancePlan(body: body.slug, slug: form.text(.slug), title: form.text(.title), summary: form.text(.summary),
                                              paperId: paper?.id, actor: .user(user))
                }
                return .redirect(to: SiteURL.adminPerformance(plan: plan.slug).path(query: [(.saved, "1")]), type: .normal)
            } catch let error as TownhallError {
                errors.add(.slug, error.message.asSentence)
            }
        }
        return try await plansPage(body, form: form, errors: errors, context: context, status: .unprocessableContent)
    }

    private func plansPage(_ body: Body, form: FormData, errors: FormErrors, context: AppRequestContext,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        let view = PlansAdminView(
            body: body, plans: try await database.performancePlans(bodyId: body.id!),
            strategicPlans: try await database.publicPapers(bodyId: body.id!, kind: .strategicPlan), form: form, errors: errors,
            csrf: context.session?.csrfToken ?? "")
        return clerk.render("admin-plans", (errors.isEmpty ? "" : "Error: ") + "Plans: \(body.name)", view, context, status: status)
    }

    // MARK: One plan

    private func requirePlan(_ context: AppRequestContext) async throws -> PlanDetail {
        guard let detail = try await database.planDetail(slug: try context.parameters.require("slug")) else { throw HTTPError(.notFound) }
        return detail
    }

    private func submission(_ request: Request, _ context: AppRequestContext, limit: Int = FormData.defaultLimit) async throws -> (PlanDetail, User, FormData) {
        try await clerk.submission(request, context, requirePlan, bodyId: { $0.body.id! }, limit: limit)
    }

    @Sendable func planPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let detail = try await requirePlan(context)
        _ = try await clerk.clerk(request, context, bodyId: detail.body.id!)
        return try await planPage(detail, form: FormData(), errors: FormErrors(), context: context, saved: request.queryForm.has(.saved))
    }

    /// One result or target of one measure.
    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context)
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
            return try await planPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        _ = try await database.perform {
            try $0.recordMeasurePoint(measureId: measure.id!, kind: kind, period: form.text(.period), value: value, actor: .user(user))
        }
        return saved(detail)
    }

    @Sendable func addPriority(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context)
        var errors = FormErrors()
        if let problem = TextLimits.lineProblem(form.text(.priorityTitle), what: "the priority") { errors.add(.priorityTitle, problem.asSentence) }
        if errors.isEmpty {
            do {
                _ = try await database.perform { try $0.addPlanPriority(plan: detail.plan.slug, title: form.text(.priorityTitle), actor: .user(user)) }
                return saved(detail)
            } catch let error as TownhallError {
                errors.add(.priorityTitle, error.message.asSentence)
            }
        }
        return try await planPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
    }

    @Sendable func addMeasure(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context)
        var errors = FormErrors()
        let priority = RequestNumber.id(form.text(.measurePriority)).flatMap { id in detail.priorities.first { $0.priority.id == id } }
        if priority == nil { errors.add(.measurePriority, "Choose the priority it measures") }
        if let problem = TextLimits.lineProblem(form.text(.measureName), what: "the measure") { errors.add(.measureName, problem.asSentence) }
        if let problem = TextLimits.unitProblem(form.text(.unit)) { errors.add(.unit, problem.asSentence) }
        let direction = MeasureDirection(rawValue: form.text(.measureDirection))
        if direction == nil { errors.add(.measureDirection, "Choose whether higher or lower is better") }
        let baseline = MeasureNumber.parse(form.text(.baseline))
        if baseline == nil { errors.add(.baseline, "Enter the baseline as a number, for example 47") }
        if ReportingPeriod(form.text(.baselinePeriod)) == nil { errors.add(.baselinePeriod, "Enter the baseline's period as \(ReportingPeriod.formatHint)") }
        if errors.isEmpty, let priority, let direction, let baseline {
            do {
                _ = try await database.perform {
                    try $0.addPlanMeasure(
                        plan: detail.plan.slug, priority: priority.priority.title, name: form.text(.measureName), unit: form.text(.unit),
                        direction: direction, baseline: baseline, baselinePeriod: form.text(.baselinePeriod), actor: .user(user))
                }
                return saved(detail)
            } catch let error as TownhallError {
                errors.add(.measureName, error.message.asSentence)
            }
        }
        return try await planPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
    }

    /// A whole table: from a published report when one is chosen, otherwise an uploaded or pasted CSV.
    @Sendable func importTable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context, limit: clerk.maxUploadBytes)
        var errors = FormErrors()
        var kept = form
        let reports = try await database.publicPapers(bodyId: detail.body.id!, kind: .report)
        if !form.text(.paper).isEmpty {
            guard let report = RequestNumber.id(form.text(.paper)).flatMap({ id in reports.first { $0.id == id } }) else {
                errors.add(.paper, "Choose one of the body's published reports")
                return try await planPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
            }
            do {
                _ = try await database.perform { try $0.importPerformance(plan: detail.plan.slug, fromPaper: report.id, actor: .user(user)) }
                return saved(detail)
            } catch let error as TownhallError {
                errors.add(.paper, error.message.asSentence)
            }
        } else {
            let (text, withText) = CSVUpload.text(form, errors: &errors)
            kept = withText
            if errors.isEmpty {
                do {
                    _ = try await database.perform { try $0.importPerformance(plan: detail.plan.slug, csv: text, actor: .user(user)) }
                    return saved(detail)
                } catch let error as TownhallError {
                    errors.add(.csv, error.message.asSentence)
                }
            }
        }
        return try await planPage(detail, form: kept, errors: errors, context: context, status: .unprocessableContent)
    }

    private func saved(_ detail: PlanDetail) -> Response {
        .redirect(to: SiteURL.adminPerformance(plan: detail.plan.slug).path(query: [(.saved, "1")]), type: .normal)
    }

    private func planPage(_ detail: PlanDetail, form: FormData, errors: FormErrors, context: AppRequestContext, status: HTTPResponse.Status = .ok,
                          saved: Bool = false) async throws -> Response {
        let reports = try await database.publicPapers(bodyId: detail.body.id!, kind: .report)
        let view = PerformanceFormView(detail, reports: reports, form: form, errors: errors, csrf: context.session?.csrfToken ?? "", saved: saved)
        return clerk.render("admin-performance", (errors.isEmpty ? "" : "Error: ") + "Performance: \(detail.plan.title)", view, context, status: status)
    }
}
