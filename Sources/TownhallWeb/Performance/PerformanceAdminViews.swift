import Foundation
import TownhallDomain
import TownhallStore

/// A body's plans for its clerk, and the form to add one (title, slug, summary, the strategic plan that set it).
struct PlansAdminView: Sendable {
    struct PlanLink: Sendable {
        let title: String
        let adminURL: String
        let publicURL: String
    }

    let bodyName: String
    let action: String
    let csrf: String
    let plans: [PlanLink]
    let hasPlans: Bool
    let paperChoices: [Choice]
    let hasPaperChoices: Bool
    let title: String
    let slug: String
    let summary: String
    let titleError: String?
    let slugError: String?
    let summaryError: String?
    let paperError: String?
    let hasErrors: Bool
    let errors: [FormErrors.Entry]

    init(body: Body, plans: [PerformancePlan], strategicPlans: [PaperSummary], form: FormData, errors: FormErrors, csrf: String) {
        bodyName = body.name
        action = SiteURL.adminPerformancePlans(body: body.slug).path
        self.csrf = csrf
        self.plans = plans.map {
            PlanLink(title: $0.title, adminURL: SiteURL.adminPerformance(plan: $0.slug).path, publicURL: SiteURL.plan(slug: $0.slug).path)
        }
        hasPlans = !plans.isEmpty
        paperChoices = strategicPlans.map { Choice(value: String($0.id), label: $0.title, selected: form[.paper] == String($0.id)) }
        hasPaperChoices = !strategicPlans.isEmpty
        title = form[.title]
        slug = form[.slug]
        summary = form[.summary]
        titleError = errors.message(for: .title)
        slugError = errors.message(for: .slug)
        summaryError = errors.message(for: .summary)
        paperError = errors.message(for: .paper)
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
    }
}

/// A plan for its clerk: its priorities and measures, and the forms to add a priority, add a measure, record one
/// result or target, and import a table. Every form keeps what was typed when it comes back with a mistake.
struct PerformanceFormView: Sendable {
    struct PriorityRow: Sendable {
        let priorityName: String
        let measureNames: [String]
        let hasMeasures: Bool
    }

    let planTitle: String
    let bodyName: String
    let publicURL: String
    let plansURL: String
    let action: String
    let priorityAction: String
    let measureAction: String
    let importAction: String
    let csrf: String
    let saved: Bool
    let priorityRows: [PriorityRow]
    let hasPriorities: Bool
    let hasMeasures: Bool
    let measureChoices: [Choice]
    let kindChoices: [Choice]
    let period: String
    let value: String
    let measureError: String?
    let pointKindError: String?
    let periodError: String?
    let valueError: String?
    let periodHint = ReportingPeriod.formatHint
    // Adding a priority and a measure
    let priorityTitle: String
    let priorityTitleError: String?
    let priorityChoices: [Choice]
    let measureName: String
    let unit: String
    let directionChoices: [Choice]
    let baseline: String
    let baselinePeriod: String
    let measurePriorityError: String?
    let measureNameError: String?
    let unitError: String?
    let measureDirectionError: String?
    let baselineError: String?
    let baselinePeriodError: String?
    // Importing
    let importColumns = (PerformanceImport.required + PerformanceImport.optional).joined(separator: ", ")
    let csv: String
    let csvError: String?
    let csvFileError: String?
    let reportChoices: [Choice]
    let hasReports: Bool
    let paperError: String?
    let hasErrors: Bool
    let errors: [FormErrors.Entry]

    init(_ detail: PlanDetail, reports: [PaperSummary], form: FormData, errors: FormErrors, csrf: String, saved: Bool) {
        let slug = detail.plan.slug
        planTitle = detail.plan.title
        bodyName = detail.body.name
        publicURL = SiteURL.plan(slug: slug).path
        plansURL = SiteURL.adminPerformancePlans(body: detail.body.slug).path
        action = SiteURL.adminPerformance(plan: slug).path
        priorityAction = SiteURL.adminPlanPriority(plan: slug).path
        measureAction = SiteURL.adminPlanMeasure(plan: slug).path
        importAction = SiteURL.adminPlanImport(plan: slug).path
        self.csrf = csrf
        self.saved = saved
        priorityRows = detail.priorities.map { priority in
            let names = priority.measures.map { "\($0.measure.name) (\($0.measure.direction.label.lowercased()))" }
            return PriorityRow(priorityName: priority.priority.title, measureNames: names, hasMeasures: !names.isEmpty)
        }
        hasPriorities = !detail.priorities.isEmpty
        hasMeasures = detail.priorities.contains { !$0.measures.isEmpty }
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
        priorityTitle = form[.priorityTitle]
        priorityTitleError = errors.message(for: .priorityTitle)
        priorityChoices = detail.priorities.map {
            Choice(value: String($0.priority.id!), label: $0.priority.title, selected: form[.measurePriority] == String($0.priority.id!))
        }
        measureName = form[.measureName]
        unit = form[.unit]
        directionChoices = MeasureDirection.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: form[.measureDirection] == $0.rawValue) }
        baseline = form[.baseline]
        baselinePeriod = form[.baselinePeriod]
        measurePriorityError = errors.message(for: .measurePriority)
        measureNameError = errors.message(for: .measureName)
        unitError = errors.message(for: .unit)
        measureDirectionError = errors.message(for: .measureDirection)
        baselineError = errors.message(for: .baseline)
        baselinePeriodError = errors.message(for: .baselinePeriod)
        csv = form[.csv]
        csvError = errors.message(for: .csv)
        csvFileError = errors.message(for: .csvFile)
        reportChoices = reports.map { Choice(value: String($0.id), label: $0.title, selected: form[.paper] == String($0.id)) }
        hasReports = !reports.isEmpty
        paperError = errors.message(for: .paper)
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
    }
}
