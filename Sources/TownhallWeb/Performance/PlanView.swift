import Foundation
import TownhallDomain
import TownhallStore

/// A plan's public page (issue 20): each priority's measures against target, the direction of travel from the
/// baseline in words, a chart and the same numbers as a table, each result linked to the report it came from.
struct PlanView: Sendable {
    struct PriorityRow: Sendable {
        let priorityTitle: String
        let anchor: String
        let measures: [MeasureRow]
        let hasMeasures: Bool
    }

    struct MeasureRow: Sendable {
        let measureName: String
        let directionLabel: String
        let baselineText: String
        let trendLabel: String
        let trendClass: String
        let latest: String?
        let svg: String
        let rows: [PointRow]
        let hasRows: Bool
    }

    struct PointRow: Sendable {
        let period: String
        let result: String
        let target: String
        let met: String
        let sourceTitle: String?
        let sourceURL: String?
    }

    let planTitle: String
    let bodyName: String
    let bodyURL: String
    let summary: String?
    let planPaperTitle: String?
    let planPaperURL: String?
    let priorities: [PriorityRow]
    let hasPriorities: Bool
    let csvURL = SiteURL.dataFile(.performance, .csv).path
    let jsonURL = SiteURL.dataFile(.performance, .json).path

    init(_ detail: PlanDetail) {
        planTitle = detail.plan.title
        bodyName = detail.body.name
        bodyURL = SiteURL.bodyPage(slug: detail.body.slug).path
        summary = detail.plan.summary.isEmpty ? nil : detail.plan.summary
        planPaperTitle = detail.paper?.title
        planPaperURL = detail.paper.map { SiteURL.paper($0.id).path }
        priorities = detail.priorities.enumerated().map { index, entry in
            let measures = entry.measures.map { Self.row($0, sources: detail.sources) }
            return PriorityRow(priorityTitle: entry.priority.title, anchor: "priority-\(index + 1)", measures: measures, hasMeasures: !measures.isEmpty)
        }
        hasPriorities = !priorities.isEmpty
    }

    static func row(_ entry: PlanDetail.Measure, sources: [Int64: PaperSummary]) -> MeasureRow {
        let measure = entry.measure
        let unit = measure.unit
        func show(_ value: Double) -> String { MeasureNumber.format(value) + (unit.isEmpty ? "" : unit == "%" ? "%" : " \(unit)") }
        let latest = entry.results.last
        let trend = Trend.of(latest: latest?.value, baseline: measure.baseline, direction: measure.direction)
        let targets = Dictionary(entry.targets.map { ($0.period, $0.value) }, uniquingKeysWith: { $1 })
        let results = Dictionary(entry.results.map { ($0.period, $0) }, uniquingKeysWith: { $1 })
        let chart = MeasureChart(
            id: "measure-\(measure.id!)", name: measure.name, unit: unit, direction: measure.direction, baseline: measure.baseline,
            baselinePeriod: measure.baselinePeriod, results: entry.results.map { ($0.period, $0.value) }, targets: entry.targets.map { ($0.period, $0.value) })
        let rows = chart.periods.map { period -> PointRow in
            let result = results[period], target = targets[period]
            let met: String
            if let result, let target { met = measure.direction.meets(result.value, target: target) ? "Met" : "Not met" } else { met = "" }
            let source = result?.paperId.flatMap { sources[$0] }
            return PointRow(period: period, result: result.map { show($0.value) } ?? "", target: target.map(show) ?? "", met: met,
                            sourceTitle: source?.title, sourceURL: source.map { SiteURL.paper($0.id).path })
        }
        return MeasureRow(
            measureName: measure.name, directionLabel: measure.direction.label,
            baselineText: "\(show(measure.baseline)) in \(measure.baselinePeriod)", trendLabel: trend.label, trendClass: Self.tagClass(trend),
            latest: latest.map { point in
                "\(show(point.value)) in \(point.period)" + (targets[point.period].map { target in
                    ", against a target of \(show(target)): \(measure.direction.meets(point.value, target: target) ? "met" : "not met")"
                } ?? "")
            },
            svg: chart.svg, rows: rows, hasRows: !rows.isEmpty)
    }

    /// The tag's colour; the label says the same in words.
    static func tagClass(_ trend: Trend) -> String {
        switch trend {
        case .improving: "tag--green"
        case .worsening: "tag--red"
        case .unchanged, .noData: "tag--grey"
        }
    }
}

/// One row of `/data/performance.csv|json`.
struct PerformanceDataLine: Encodable, DataRow {
    let body: String
    let plan: String
    let planURL: String
    let priority: String
    let measure: String
    let unit: String
    let direction: String
    let baseline: Double
    let baselinePeriod: String
    let kind: String
    let period: String
    let value: Double
    let sourcePaperURL: String

    init(_ line: PerformanceLine, baseURL: String) {
        body = line.body.name
        plan = line.plan.title
        planURL = baseURL + SiteURL.plan(slug: line.plan.slug).path
        priority = line.priority.title
        measure = line.measure.name
        unit = line.measure.unit
        direction = line.measure.direction.rawValue
        baseline = line.measure.baseline
        baselinePeriod = line.measure.baselinePeriod
        kind = line.point.kind.rawValue
        period = line.point.period
        value = line.point.value
        sourcePaperURL = line.paperId.map { baseURL + SiteURL.paper($0).path } ?? ""
    }

    static let columns = ["body", "plan", "planURL", "priority", "measure", "unit", "direction", "baseline", "baselinePeriod", "kind", "period", "value",
                          "sourcePaperURL"]
    var cells: [String] {
        [body, plan, planURL, priority, measure, unit, direction, MeasureNumber.format(baseline), baselinePeriod, kind, period, MeasureNumber.format(value),
         sourcePaperURL]
    }
}
