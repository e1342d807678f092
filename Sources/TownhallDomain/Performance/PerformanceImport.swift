import Foundation

/// The agreed shape of a performance table (issue 20), for a CSV file the clerk imports and for a `csv` block of a
/// published performance report: columns `priority`, `measure`, `period`, `value`, and optionally `target`, in any
/// order, named in the first row. Every row is checked before anything is stored, and a problem names its line and
/// column, so an import is all or nothing.
public enum PerformanceImport {
    public static let required = ["priority", "measure", "period", "value"]
    public static let optional = ["target"]

    /// One row that passed: which measure, which period, its result and (if given) its target.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var priority: String
        public var measure: String
        public var period: ReportingPeriod
        public var value: Double?
        public var target: Double?
    }

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: String?
        public var message: String
        public var description: String { "line \(line)\(column.map { ", column \($0)" } ?? ""): \(message)" }
    }

    /// The header of an import file, checked once for every kind of import (this one and `SpendingImport`): every
    /// required column present, no unknown or repeated column, and rows under it. Returns the normalised names.
    public static func checkedColumns(_ header: [String], required: [String], optional: [String] = [], what: String, rowCount: Int) throws(Problem) -> [String] {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let known = required + optional
        for name in required where !names.contains(name) {
            throw Problem(line: 1, column: nil, message: "there is no \(name) column; the first row must name the columns \(known.joined(separator: ", "))")
        }
        for name in names where !known.contains(name) {
            throw Problem(line: 1, column: name, message: "\"\(name)\" is not a column of \(what); use \(known.joined(separator: ", "))")
        }
        if Set(names).count != names.count { throw Problem(line: 1, column: nil, message: "a column is named twice") }
        guard rowCount > 0 else { throw Problem(line: 1, column: nil, message: "there are no rows under the header") }
        return names
    }

    /// The rows of a table already split into a header and cells (with the line each row starts on).
    public static func rows(header: [String], cells: [[String]], lines: [Int]) throws(Problem) -> [Row] {
        let names = try checkedColumns(header, required: required, optional: optional, what: "a performance table", rowCount: cells.count)
        func cell(_ row: [String], _ name: String) -> String {
            names.firstIndex(of: name).map { row[$0].trimmingCharacters(in: .whitespaces) } ?? ""
        }
        var seen: [String: Int] = [:]
        return try cells.enumerated().map { (index, row) throws(Problem) -> Row in
            let line = index < lines.count ? lines[index] : index + 2
            let priority = cell(row, "priority"), measure = cell(row, "measure")
            if priority.isEmpty { throw Problem(line: line, column: "priority", message: "the priority is empty") }
            if measure.isEmpty { throw Problem(line: line, column: "measure", message: "the measure is empty") }
            guard let period = ReportingPeriod(cell(row, "period")) else {
                throw Problem(line: line, column: "period", message: "\"\(cell(row, "period"))\" is not a period: use \(ReportingPeriod.formatHint)")
            }
            let valueText = cell(row, "value"), targetText = cell(row, "target")
            let value = valueText.isEmpty ? nil : MeasureNumber.parse(valueText)
            if !valueText.isEmpty, value == nil { throw Problem(line: line, column: "value", message: "\"\(valueText)\" is not a number") }
            let target = targetText.isEmpty ? nil : MeasureNumber.parse(targetText)
            if !targetText.isEmpty, target == nil { throw Problem(line: line, column: "target", message: "\"\(targetText)\" is not a number") }
            if value == nil, target == nil { throw Problem(line: line, column: "value", message: "give a value, a target, or both") }
            let key = "\(priority.lowercased())|\(measure.lowercased())|\(period)"
            if let earlier = seen[key] { throw Problem(line: line, column: "period", message: "the same measure and period is on line \(earlier) too") }
            seen[key] = line
            return Row(line: line, priority: priority, measure: measure, period: period, value: value, target: target)
        }
    }

    /// The ```` ```csv ```` (or ```` ```table ````) blocks of a paper's Markdown, each with the line of the paper its
    /// first row is on, so a problem names the paper's own line.
    public static func csvBlocks(_ markdown: String) -> [(text: String, firstLine: Int)] {
        var blocks: [(text: String, firstLine: Int)] = []
        var current: [String]? = nil, start = 0, fence = ""
        for (index, raw) in markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if current == nil {
                for marker in ["```", "~~~"] where line.hasPrefix(marker) {
                    let info = line.drop(while: { String($0) == String(marker.first!) }).trimmingCharacters(in: .whitespaces).lowercased()
                    if info == "csv" || info == "table" || info.hasPrefix("csv ") || info.hasPrefix("table ") {
                        current = []
                        start = index + 2
                        fence = String(line.prefix(while: { String($0) == String(marker.first!) }))
                    }
                }
            } else if line.hasPrefix(fence), line.allSatisfy({ String($0) == String(fence.first!) }) {
                blocks.append((current!.joined(separator: "\n"), start))
                current = nil
            } else {
                current!.append(String(raw))
            }
        }
        return blocks
    }
}
