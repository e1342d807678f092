import Foundation

/// Whether a measure improves as it rises (victims satisfied, pupils reaching the expected standard) or as it falls
/// (response times, exclusions). Every judgement of better or worse comes from here.
public enum MeasureDirection: String, Codable, Sendable, CaseIterable {
    case higher
    case lower

    public var label: String {
        switch self {
        case .higher: "Higher is better"
        case .lower: "Lower is better"
        }
    }

    /// Whether `value` is better than `other`, equal counting as neither.
    public func isBetter(_ value: Double, than other: Double) -> Bool {
        self == .higher ? value > other : value < other
    }

    /// Whether `value` meets `target` (reaching it exactly counts).
    public func meets(_ value: Double, target: Double) -> Bool {
        self == .higher ? value >= target : value <= target
    }
}

/// The direction of travel of a measure: its latest value against its baseline, in words that do not depend on
/// colour or an arrow to be understood.
public enum Trend: String, Sendable {
    case improving, worsening, unchanged, noData = "no-data"

    public static func of(latest: Double?, baseline: Double, direction: MeasureDirection) -> Trend {
        guard let latest else { return .noData }
        if direction.isBetter(latest, than: baseline) { return .improving }
        if direction.isBetter(baseline, than: latest) { return .worsening }
        return .unchanged
    }

    public var label: String {
        switch self {
        case .improving: "Improving since the baseline"
        case .worsening: "Worse than the baseline"
        case .unchanged: "No change from the baseline"
        case .noData: "No results yet"
        }
    }
}
