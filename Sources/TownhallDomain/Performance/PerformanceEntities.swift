import Foundation

/// A body's plan with measured priorities (issue 20): a Policing Board's policing plan, an education panel's
/// long-term plan. Public from the moment it is added: its priorities, measures, targets and results are what
/// residents are meant to hold the body to.
public struct PerformancePlan: Codable, Sendable, Equatable {
    public var id: Int64?
    public var bodyId: Int64
    public var slug: String
    public var title: String
    /// The published paper that set the plan, if it is in Townhall.
    public var paperId: Int64?
    public var summary: String

    public init(id: Int64? = nil, bodyId: Int64, slug: String, title: String, paperId: Int64? = nil, summary: String = "") {
        self.id = id
        self.bodyId = bodyId
        self.slug = slug
        self.title = title
        self.paperId = paperId
        self.summary = summary
    }
}

/// One priority of a plan, in the plan's order.
public struct PlanPriority: Codable, Sendable, Equatable {
    public var id: Int64?
    public var planId: Int64
    public var position: Int
    public var title: String

    public init(id: Int64? = nil, planId: Int64, position: Int, title: String) {
        self.id = id
        self.planId = planId
        self.position = position
        self.title = title
    }
}

/// What a priority is measured by: a unit ("%", "minutes", "pupils"), which way is better, and where it started.
public struct PlanMeasure: Codable, Sendable, Equatable {
    public var id: Int64?
    public var priorityId: Int64
    public var position: Int
    public var name: String
    public var unit: String
    public var direction: MeasureDirection
    public var baseline: Double
    public var baselinePeriod: String

    public init(
        id: Int64? = nil, priorityId: Int64, position: Int, name: String, unit: String, direction: MeasureDirection, baseline: Double,
        baselinePeriod: String
    ) {
        self.id = id
        self.priorityId = priorityId
        self.position = position
        self.name = name
        self.unit = unit
        self.direction = direction
        self.baseline = baseline
        self.baselinePeriod = baselinePeriod
    }
}

/// A measure's target or result for one period. A result may name the published paper it was reported in.
public struct MeasurePoint: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case target, result }

    public var id: Int64?
    public var measureId: Int64
    public var kind: Kind
    public var period: String
    public var value: Double
    public var paperId: Int64?

    public init(id: Int64? = nil, measureId: Int64, kind: Kind, period: String, value: Double, paperId: Int64? = nil) {
        self.id = id
        self.measureId = measureId
        self.kind = kind
        self.period = period
        self.value = value
        self.paperId = paperId
    }
}

/// Numbers as a form or import gives them: digits with an optional sign, decimal point, thousands commas or a
/// trailing `%`; never NaN or infinity.
public enum MeasureNumber {
    public static func parse(_ text: String) -> Double? {
        var cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if cleaned.hasSuffix("%") { cleaned.removeLast() }
        guard !cleaned.isEmpty, cleaned.count <= 20, cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let value = Double(cleaned), value.isFinite
        else { return nil }
        return value
    }

    /// A value as a page shows it: whole numbers without a point, others to at most two places.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
