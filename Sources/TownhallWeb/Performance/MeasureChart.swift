import Foundation
import TownhallDomain
import TownhallMarkdown

/// One measure's results against its targets and baseline, drawn on the server as SVG (issue 20): no script, a
/// title and description that say in words what the chart shows, and every series told apart by line style and
/// marker shape as well as colour (results: solid line, filled circles; targets: dashed line, hollow squares;
/// baseline: dotted line). The page puts the same numbers in a table beside it.
struct MeasureChart {
    let id: String
    let name: String
    let unit: String
    let direction: MeasureDirection
    let baseline: Double
    let baselinePeriod: String
    /// Results and targets by period, each in time order.
    let results: [(period: String, value: Double)]
    let targets: [(period: String, value: Double)]

    static let width = 640.0, height = 280.0
    static let left = 64.0, right = 64.0, top = 24.0, bottom = 56.0

    /// The periods along the axis: every period with a result or target, in time order.
    var periods: [String] {
        Array(Set(results.map(\.period) + targets.map(\.period))).sorted(by: ReportingPeriod.isBefore)
    }

    /// The chart's description: the same facts as the table, in a sentence a screen reader reads out.
    var summary: String {
        func list(_ points: [(period: String, value: Double)]) -> String {
            points.map { "\($0.period) \(MeasureNumber.format($0.value))\(unit.isEmpty ? "" : " \(unit)")" }.joined(separator: "; ")
        }
        var parts = ["\(direction.label).", "Baseline \(MeasureNumber.format(baseline))\(unit.isEmpty ? "" : " \(unit)") in \(baselinePeriod)."]
        parts.append(results.isEmpty ? "No results yet." : "Results: \(list(results)).")
        if !targets.isEmpty { parts.append("Targets: \(list(targets)).") }
        return parts.joined(separator: " ")
    }

    var svg: String {
        let periods = periods
        let values = results.map(\.value) + targets.map(\.value) + [baseline]
        let (low, high, step) = Self.scale(min: values.min() ?? 0, max: values.max() ?? 1)
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        func x(_ period: String) -> Double {
            guard let index = periods.firstIndex(of: period) else { return Self.left }
            return periods.count == 1 ? Self.left + plotWidth / 2 : Self.left + plotWidth * Double(index) / Double(periods.count - 1)
        }
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - (value - low) / (high - low)) }
        func n(_ value: Double) -> String { String(format: "%.1f", value) }
        let e = HTMLEscape.text
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" focusable="false">
            <title id="\(id)-title">\(e(name)): results\(targets.isEmpty ? "" : " and targets") by period</title>
            <desc id="\(id)-desc">\(e(summary))</desc>

            """
        // Grid and axis labels.
        var tick = low
        while tick <= high + step / 2 {
            out += "<line class=\"chart__grid\" x1=\"\(n(Self.left))\" x2=\"\(n(Self.width - Self.right))\" y1=\"\(n(y(tick)))\" y2=\"\(n(y(tick)))\"/>"
            out += "<text class=\"chart__label\" x=\"\(n(Self.left - 8))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">\(e(MeasureNumber.format(tick)))</text>\n"
            tick += step
        }
        for period in periods {
            out += "<text class=\"chart__label\" x=\"\(n(x(period)))\" y=\"\(n(Self.height - Self.bottom + 20))\" text-anchor=\"middle\">\(e(period))</text>\n"
        }
        if !unit.isEmpty {
            out += "<text class=\"chart__label\" x=\"12\" y=\"\(n(Self.top - 8))\">\(e(unit))</text>\n"
        }
        // Baseline: dotted.
        out += "<line class=\"chart__baseline\" x1=\"\(n(Self.left))\" x2=\"\(n(Self.width - Self.right))\" y1=\"\(n(y(baseline)))\" y2=\"\(n(y(baseline)))\"/>\n"
        // Targets: dashed line, hollow squares.
        if targets.count > 1 {
            out += "<polyline class=\"chart__target\" points=\"\(targets.map { "\(n(x($0.period))),\(n(y($0.value)))" }.joined(separator: " "))\"/>\n"
        }
        for point in targets {
            out += "<rect class=\"chart__target-point\" data-period=\"\(e(point.period))\" data-value=\"\(MeasureNumber.format(point.value))\" "
                + "x=\"\(n(x(point.period) - 5))\" y=\"\(n(y(point.value) - 5))\" width=\"10\" height=\"10\"/>\n"
        }
        // Results: solid line, filled circles.
        if results.count > 1 {
            out += "<polyline class=\"chart__result\" points=\"\(results.map { "\(n(x($0.period))),\(n(y($0.value)))" }.joined(separator: " "))\"/>\n"
        }
        for point in results {
            out += "<circle class=\"chart__result-point\" data-period=\"\(e(point.period))\" data-value=\"\(MeasureNumber.format(point.value))\" "
                + "cx=\"\(n(x(point.period)))\" cy=\"\(n(y(point.value)))\" r=\"5\"/>\n"
        }
        // Legend, in words.
        let legendY = Self.height - 12
        out += """
            <g class="chart__legend" aria-hidden="true">\
            <line class="chart__result" x1="\(n(Self.left))" x2="\(n(Self.left + 24))" y1="\(n(legendY - 4))" y2="\(n(legendY - 4))"/>\
            <text class="chart__label" x="\(n(Self.left + 30))" y="\(n(legendY))">Result</text>\
            <line class="chart__target" x1="\(n(Self.left + 100))" x2="\(n(Self.left + 124))" y1="\(n(legendY - 4))" y2="\(n(legendY - 4))"/>\
            <text class="chart__label" x="\(n(Self.left + 130))" y="\(n(legendY))">Target</text>\
            <line class="chart__baseline" x1="\(n(Self.left + 200))" x2="\(n(Self.left + 224))" y1="\(n(legendY - 4))" y2="\(n(legendY - 4))"/>\
            <text class="chart__label" x="\(n(Self.left + 230))" y="\(n(legendY))">Baseline (\(e(baselinePeriod)))</text></g>
            </svg>
            """
        return out
    }

    /// Axis bounds and a step of 1, 2 or 5 times a power of ten, giving about five gridlines.
    static func scale(min: Double, max: Double) -> (low: Double, high: Double, step: Double) {
        var (low, high) = (min, max)
        if low == high { (low, high) = (low - 1, high + 1) }
        let raw = (high - low) / 5
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? raw
        return (floor(low / step) * step, ceil(high / step) * step, step)
    }
}
