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

    /// What stops this answer being saved at all, even as a draft: a written answer over the length limit, or a
    /// target date that is not a real day or falls before the recommendation was issued (a target already past
    /// when it was set would stand in the public record as if it were a commitment).
    public func savingProblems(number: Int, issuedOn: Day?) -> [(field: ResponseField, message: String)] {
        var problems: [(field: ResponseField, message: String)] = [(ResponseField.reasons, reasons), (.action, action)].compactMap { field, text in
            text.count > Self.maxCharacters
                ? (field, "Keep each answer to recommendation \(number) under \(Self.maxCharacters.formatted()) characters") : nil
        }
        if !targetDate.isEmpty, let message = Self.targetProblem(targetDate, number: number, issuedOn: issuedOn) {
            problems.append((.target, message))
        }
        return problems
    }

    /// Whether anything was typed or chosen for the recommendation.
    public var isBlank: Bool { decision == nil && reasons.isEmpty && action.isEmpty && targetDate.isEmpty }

    /// What stops this answer going into a submission. A report's recommendations can be answered one at a time
    /// (issue 18): a blank answer is left for later and is not part of what is submitted, but one with words and
    /// no decision is stopped, so what was typed is never dropped. Otherwise the answer must be complete (`problems`).
    public func submissionProblems(number: Int, issuedOn: Day?) -> [(field: ResponseField, message: String)] {
        if isBlank { return [] }
        guard decision != nil else {
            return [(.decision, "Say whether you accept recommendation \(number), or clear its answer to leave it for later")]
                + savingProblems(number: number, issuedOn: issuedOn)
        }
        return problems(number: number, issuedOn: issuedOn)
    }

    /// The message when a submission answers nothing.
    public static let nothingAnswered = "Answer at least one recommendation before you submit; the others can be answered later"

    /// What stops this answer being submitted: a decision; reasons for a partial acceptance or rejection; the
    /// action planned and a target date for an acceptance (whole or partial); and what stops it being saved.
    public func problems(number: Int, issuedOn: Day?) -> [(field: ResponseField, message: String)] {
        var problems = savingProblems(number: number, issuedOn: issuedOn)
        guard let decision else { return [(.decision, "Say whether you accept recommendation \(number)")] + problems }
        if decision != .accepted, reasons.isEmpty {
            problems.append((.reasons, "Give your reasons for \(decision == .rejected ? "rejecting" : "partially accepting") recommendation \(number)"))
        }
        if decision.tracksImplementation {
            if action.isEmpty { problems.append((.action, "Describe the action you plan for recommendation \(number)")) }
            if targetDate.isEmpty { problems.append((.target, "Enter a target date for recommendation \(number)")) }
        }
        return problems
    }

    /// The one rule for a target date, in a response or an implementation update: a real day, on or after the day
    /// the recommendation was issued. Nil when the date is fine.
    public static func targetProblem(_ text: String, number: Int?, issuedOn: Day?) -> String? {
        let which = number.map { " for recommendation \($0)" } ?? ""
        guard let day = Day(text) else { return "The target date\(which) must be a real date, for example 2027-03-31" }
        if let issuedOn, day < issuedOn {
            return "The target date\(which) must not be before the recommendation was issued, on \(issuedOn)"
        }
        return nil
    }
}
