import Foundation
import TownhallDomain
import TownhallStore

/// An education panel's information for parents (issue 20): each measure of its plans as a few plain sentences
/// (where it started, where it is now and whether that is better, the targets still to come), with the annual report.
struct ParentsView: Sendable {
    struct Goal: Sendable {
        let goal: String
        let sentences: [String]
    }

    let bodyName: String
    let goals: [Goal]
    let hasGoals: Bool
    let reportTitle: String?
    let reportURL: String?
    let planLinks: [Choice]

    init(body: Body, plans: [PlanDetail], annualReport: PaperSummary?) {
        bodyName = body.name
        goals = plans.flatMap { plan in
            plan.priorities.flatMap { priority in priority.measures.map { Goal(goal: priority.priority.title, sentences: Self.sentences($0)) } }
        }
        hasGoals = !goals.isEmpty
        reportTitle = annualReport?.title
        reportURL = annualReport.map { SiteURL.paper($0.id).path }
        planLinks = plans.map { Choice(value: SiteURL.plan(slug: $0.plan.slug).path, label: $0.plan.title, selected: false) }
    }

    /// "We measure …. A higher number is better. In 2023/24 it was 58%. In 2024/25 it was 61%, better than when we
    /// started. Targets for the years not yet reported: 64% in 2025/26, …"
    static func sentences(_ entry: PlanDetail.Measure) -> [String] {
        let measure = entry.measure
        func show(_ value: Double) -> String { MeasureNumber.format(value) + (measure.unit == "%" ? "%" : measure.unit.isEmpty ? "" : " \(measure.unit)") }
        var lines = ["We measure: \(measure.name). \(measure.direction == .higher ? "A higher number is better." : "A lower number is better.")",
                     "When the plan started (\(measure.baselinePeriod)) it was \(show(measure.baseline))."]
        if let latest = entry.results.last {
            let comparison: String
            switch Trend.of(latest: latest.value, baseline: measure.baseline, direction: measure.direction) {
            case .improving: comparison = "better than when the plan started"
            case .worsening: comparison = "worse than when the plan started"
            default: comparison = "the same as when the plan started"
            }
            var sentence = "The latest figure, for \(latest.period), is \(show(latest.value)): \(comparison)."
            if let target = entry.targets.first(where: { $0.period == latest.period }) {
                sentence += measure.direction.meets(latest.value, target: target.value)
                    ? " That met the target of \(show(target.value))." : " The target was \(show(target.value)), so it was not met."
            }
            lines.append(sentence)
        } else {
            lines.append("There are no results yet.")
        }
        let latestPeriod = entry.results.last.flatMap { ReportingPeriod($0.period) }
        let ahead = entry.targets.filter { target in latestPeriod.map { (ReportingPeriod(target.period) ?? $0) > $0 } ?? true }
        if !ahead.isEmpty {
            lines.append("Targets for the years not yet reported: " + ahead.map { "\(show($0.value)) in \($0.period)" }.joined(separator: ", ") + ".")
        }
        return lines
    }
}
