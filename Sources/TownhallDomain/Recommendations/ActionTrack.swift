import Foundation

/// The work an organisation promised on a recommendation it accepted in whole or in part, followed to its target
/// (issue 18). The target is the latest one a progress update set, else the response's; the action is overdue once
/// that day has passed and it is neither implemented nor declared not implemented (which is public, and final).
public struct ActionTrack: Sendable, Equatable {
    public let target: Day?
    public let status: ImplementationStatus?
    public let percentComplete: Int?
    public let isOverdue: Bool

    /// Nil unless the recommendation's state tracks implementation (accepted or partially accepted, not closed).
    public init?(
        state: RecommendationState, responseTarget: String?, latestStatus: ImplementationStatus?, latestTarget: String?, percentComplete: Int?,
        today: Day
    ) {
        guard state.allows(.updateImplementation) else { return nil }
        target = latestTarget.flatMap(Day.init) ?? responseTarget.flatMap(Day.init)
        status = latestStatus
        self.percentComplete = percentComplete
        let finished = latestStatus == .implemented || latestStatus == .notImplemented
        isOverdue = !finished && target.map { today > $0 } == true
    }

    public static let overdueLabel = "Action overdue"
}

extension ImplementationUpdate {
    static let percentProblem = "the per cent complete must be a whole number from 0 to 100"

    /// Whether a stored per cent is one the form could have given.
    public static func percentProblem(_ value: Int?) -> String? {
        value.map { (0...100).contains($0) } == false ? percentProblem : nil
    }

    /// Reads "per cent complete" as typed ("40" or "40%"): empty is none; otherwise a whole number from 0 to 100.
    public static func percent(_ text: String) -> Result<Int?, TownhallError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.hasSuffix("%") ? String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces) : trimmed
        if digits.isEmpty { return .success(nil) }
        guard let value = Int(digits), percentProblem(value) == nil else { return .failure(.invalid(percentProblem)) }
        return .success(value)
    }
}
