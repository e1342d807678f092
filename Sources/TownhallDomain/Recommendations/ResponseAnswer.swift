import Foundation

/// The fields of one recommendation's answer on the provider's response form. The route reads them, the domain
/// reports problems against them, and the view model gives the template the same names, so an error always links
/// to the field it is about.
public enum ResponseField: String, Sendable, CaseIterable {
    case decision, reasons, action, target

    /// The form field's name (and element id) for this recommendation.
    public func name(_ recommendationId: Int64) -> String { "\(rawValue)-\(recommendationId)" }

    /// Where the error summary links to: the field itself, or for the decision its first radio button.
    public func anchor(_ recommendationId: Int64) -> String {
        self == .decision ? "\(name(recommendationId))-\(ResponseDecision.allCases[0].rawValue)" : name(recommendationId)
    }
}

/// A provider's answer to one recommendation as typed into the response form.
public struct ResponseAnswer: Sendable, Equatable {
    /// The most one written answer (reasons or action) may hold.
    public static let maxCharacters = 20_000

    public var decision: ResponseDecision?
    public var reasons: String
    public var action: String
    public var targetDate: String

    public init(decision: ResponseDecision?, reasons: String = "", action: String = "", targetDate: String = "") {
        self.decision = decision
        self.reasons = reasons.trimmingCharacters(in: .whitespacesAndNewlines)
        self.action = action.trimmingCharacters(in: .whitespacesAndNewlines)
        self.targetDate = targetDate.trimmingCharacters(in: .whitespaces)
    }

    /// What stops this answer being saved at all: a written answer over the length limit.
    public func lengthProblems(number: Int) -> [(field: ResponseField, message: String)] {
        [(ResponseField.reasons, reasons), (.action, action)].compactMap { field, text in
            text.count > Self.maxCharacters
                ? (field, "Keep each answer to recommendation \(number) under \(Self.maxCharacters.formatted()) characters") : nil
        }
    }

    /// What stops this answer being submitted: a decision; reasons for a partial acceptance or rejection; the
    /// action planned and a real target date for an acceptance (whole or partial); and the length limit.
    public func problems(number: Int) -> [(field: ResponseField, message: String)] {
        var problems = lengthProblems(number: number)
        guard let decision else { return [(.decision, "Say whether you accept recommendation \(number)")] + problems }
        if decision != .accepted, reasons.isEmpty {
            problems.append((.reasons, "Give your reasons for \(decision == .rejected ? "rejecting" : "partially accepting") recommendation \(number)"))
        }
        if decision.tracksImplementation {
            if action.isEmpty { problems.append((.action, "Describe the action you plan for recommendation \(number)")) }
            if targetDate.isEmpty {
                problems.append((.target, "Enter a target date for recommendation \(number)"))
            } else if Day(targetDate) == nil {
                problems.append((.target, "The target date for recommendation \(number) must be a real date, for example 2027-03-31"))
            }
        }
        return problems
    }
}
