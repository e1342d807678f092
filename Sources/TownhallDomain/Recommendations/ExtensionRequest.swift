import Foundation

/// A provider's request for more time to respond to one recommendation, and the clerk's decision on it. Both are
/// public: a resident can see that more time was asked for, why, and whether it was given. While a request waits
/// for its decision the recommendation is "extension requested", not overdue (`RecommendationState`), because the
/// organisation has done what it can short of answering.
public struct ExtensionRequest: Codable, Sendable, Equatable {
    public enum Decision: String, Codable, Sendable, CaseIterable {
        case pending, granted, refused

        public var label: String {
            switch self {
            case .pending: "Waiting for a decision"
            case .granted: "Granted"
            case .refused: "Refused"
            }
        }
    }

    public var id: Int64?
    public var recommendationId: Int64
    /// The due day when the request was made, and the day asked for (`yyyy-MM-dd`).
    public var dueOnWhenAsked: String
    public var requestedDueOn: String
    public var reason: String
    public var requestedAt: Date
    public var requestedBy: String
    public var decision: Decision
    public var decidedAt: Date?
    public var decidedBy: String?
    /// The clerk's reasons; required for a refusal.
    public var decisionNote: String?
    /// The day granted, which the clerk may set earlier than the day asked for (never later).
    public var grantedDueOn: String?

    public init(
        id: Int64? = nil, recommendationId: Int64, dueOnWhenAsked: String, requestedDueOn: String, reason: String, requestedAt: Date,
        requestedBy: String, decision: Decision = .pending, decidedAt: Date? = nil, decidedBy: String? = nil, decisionNote: String? = nil,
        grantedDueOn: String? = nil
    ) {
        self.id = id
        self.recommendationId = recommendationId
        self.dueOnWhenAsked = dueOnWhenAsked
        self.requestedDueOn = requestedDueOn
        self.reason = reason
        self.requestedAt = requestedAt
        self.requestedBy = requestedBy
        self.decision = decision
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.decisionNote = decisionNote
        self.grantedDueOn = grantedDueOn
    }

    /// How far past the current deadline a request may reach: a year is more than any response period.
    public static let maxDaysPastDue = 366

    /// The parts of a request and a decision a problem can be about, so a form marks the right field.
    public enum Field: Sendable {
        case requestedDue, reason, grantedDue, note
    }

    public struct Problem: Sendable, Equatable {
        public let field: Field
        public let message: String
    }

    /// What is wrong with a request for `requested` (as typed) against the current due day. The same checks for
    /// the provider's form, the store and the command line.
    public static func requestProblems(requested: String, reason: String, currentDue: Day) -> [Problem] {
        var problems: [Problem] = []
        let text = requested.trimmingCharacters(in: .whitespaces)
        let example = currentDue.adding(days: 28)
        if text.isEmpty {
            problems.append(Problem(field: .requestedDue, message: "enter the day you are asking to respond by"))
        } else if let day = Day(text) {
            if day <= currentDue {
                problems.append(Problem(field: .requestedDue, message: "the day asked for must be after the current deadline, \(currentDue)"))
            } else if currentDue.adding(days: maxDaysPastDue) < day {
                problems.append(Problem(
                    field: .requestedDue, message: "the day asked for must be within a year of the current deadline (by \(currentDue.adding(days: maxDaysPastDue)))"))
            }
        } else {
            problems.append(Problem(field: .requestedDue, message: "the day asked for must be a real date, for example \(example)"))
        }
        if let message = textProblem(reason, what: "the reason for asking for more time", required: true) {
            problems.append(Problem(field: .reason, message: message))
        }
        return problems
    }

    /// What is wrong with the clerk's decision: a refusal gives reasons; a grant's day, when given, is after the
    /// deadline the request was made against and no later than the day asked for.
    public static func decisionProblems(grant: Bool, grantedDue: String, note: String, request: ExtensionRequest) -> [Problem] {
        var problems: [Problem] = []
        let text = grantedDue.trimmingCharacters(in: .whitespaces)
        if grant, !text.isEmpty {
            if let day = Day(text) {
                if let current = Day(request.dueOnWhenAsked), day <= current {
                    problems.append(Problem(field: .grantedDue, message: "the day granted must be after the current deadline, \(current)"))
                } else if let asked = Day(request.requestedDueOn), day > asked {
                    problems.append(Problem(field: .grantedDue, message: "the day granted cannot be later than the day asked for, \(asked)"))
                }
            } else {
                problems.append(Problem(field: .grantedDue, message: "the day granted must be a real date, for example \(request.requestedDueOn)"))
            }
        }
        if let message = textProblem(note, what: "the reasons for refusing", required: !grant) {
            problems.append(Problem(field: .note, message: message))
        }
        return problems
    }

    static func textProblem(_ text: String, what: String, required: Bool) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if required, trimmed.isEmpty { return "give \(what)" }
        return TextLimits.noteProblem(trimmed, what: what)
    }
}
