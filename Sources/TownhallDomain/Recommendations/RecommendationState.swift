import Foundation

/// Kinds of organisation that receive recommendations and must respond: what a Local Public Accounts Committee
/// follows the money through, not only the four the boards and panels deal with. "Other" names its type
/// (`Organisation.otherKind`).
public enum OrganisationKind: String, Codable, Sendable, CaseIterable {
    case policeForce = "police-force"
    case nhsTrust = "nhs-trust"
    case integratedCareBoard = "integrated-care-board"
    case ambulanceService = "ambulance-service"
    case fireAndRescue = "fire-and-rescue"
    case council
    case combinedAuthority = "combined-authority"
    case academyTrust = "academy-trust"
    case housingAssociation = "housing-association"
    case other

    public var label: String {
        switch self {
        case .policeForce: "Police force"
        case .nhsTrust: "NHS trust"
        case .integratedCareBoard: "Integrated care board"
        case .ambulanceService: "Ambulance service"
        case .fireAndRescue: "Fire and rescue service"
        case .council: "Council"
        case .combinedAuthority: "Combined authority"
        case .academyTrust: "Academy trust"
        case .housingAssociation: "Housing association"
        case .other: "Other organisation"
        }
    }
}

/// A provider's answer to one recommendation.
public enum ResponseDecision: String, Codable, Sendable, CaseIterable {
    case accepted
    case partiallyAccepted = "partially-accepted"
    case rejected

    public var label: String {
        switch self {
        case .accepted: "Accepted"
        case .partiallyAccepted: "Partially accepted"
        case .rejected: "Rejected"
        }
    }

    /// Accepted work (in whole or part) is then tracked to completion.
    public var tracksImplementation: Bool { self != .rejected }
}

/// Progress on an accepted recommendation.
public enum ImplementationStatus: String, Codable, Sendable, CaseIterable {
    case planned
    case inProgress = "in-progress"
    case implemented
    case notImplemented = "not-implemented"

    public var label: String {
        switch self {
        case .planned: "Planned"
        case .inProgress: "In progress"
        case .implemented: "Implemented"
        case .notImplemented: "Not implemented"
        }
    }
}

/// Where a recommendation stands. The waiting states (`awaitingResponse` to `longOverdue`) follow from the
/// calendar; the others from what the provider and the clerk have done.
public enum RecommendationState: String, Codable, Sendable, CaseIterable {
    case awaitingResponse = "awaiting-response"
    case dueSoon = "due-soon"
    case overdue
    case longOverdue = "long-overdue"
    /// The organisation has asked for more time and the clerk has not yet decided (`ExtensionRequest`).
    case extensionRequested = "extension-requested"
    case accepted
    case partiallyAccepted = "partially-accepted"
    case rejected
    case referred
    case closed

    public var label: String {
        switch self {
        case .awaitingResponse: "Awaiting response"
        case .dueSoon: "Response due soon"
        case .overdue: "Overdue"
        case .longOverdue: "Long overdue"
        case .extensionRequested: "Extension requested"
        case .accepted: "Responded: accepted"
        case .partiallyAccepted: "Responded: partially accepted"
        case .rejected: "Responded: rejected"
        case .referred: "Referred"
        case .closed: "Closed"
        }
    }

    public var isWaiting: Bool { [.awaitingResponse, .dueSoon, .overdue, .longOverdue, .extensionRequested].contains(self) }
    public var isLate: Bool { self == .overdue || self == .longOverdue }

    init(_ decision: ResponseDecision) {
        switch decision {
        case .accepted: self = .accepted
        case .partiallyAccepted: self = .partiallyAccepted
        case .rejected: self = .rejected
        }
    }
}

/// What can be done to a recommendation; `RecommendationState.allows` is the state machine.
public enum RecommendationAction: String, Sendable, CaseIterable {
    case respond, correctResponse, extendDeadline, refer, close, updateImplementation, requestExtension, decideExtension, recordReferralOutcome
    /// Put on a later meeting's agenda for the body to ask what became of it (`CallBack`).
    case callBack
}

extension RecommendationState {
    /// Whether `action` is allowed in this state. Waiting recommendations can be answered, or given more time by
    /// the clerk or at the organisation's request (one request at a time, and the clerk decides it rather than
    /// extending around it); answered ones corrected; a rejection (whole or partial) referred onward; answered or
    /// referred ones closed; accepted work tracked; any but a closed one called back to a later meeting. Nothing
    /// changes a closed recommendation.
    public func allows(_ action: RecommendationAction) -> Bool {
        switch action {
        case .respond: isWaiting
        case .extendDeadline, .requestExtension: isWaiting && self != .extensionRequested
        case .decideExtension: self == .extensionRequested
        case .recordReferralOutcome: self == .referred
        case .correctResponse: self == .accepted || self == .partiallyAccepted || self == .rejected
        case .refer: self == .rejected || self == .partiallyAccepted
        case .close: self == .accepted || self == .partiallyAccepted || self == .rejected || self == .referred
        case .updateImplementation: self == .accepted || self == .partiallyAccepted
        case .callBack: self != .closed
        }
    }
}

/// How long an organisation has to respond, set per body. A deadline that falls on a weekend or bank holiday moves
/// to the next working day, so nobody is made to answer on a day offices are shut, except under the statutory
/// "months beginning with" formula, which is not moved unless the body asks.
public struct ResponseRule: Codable, Sendable, Equatable, CustomStringConvertible {
    public enum Unit: String, Codable, Sendable, CaseIterable {
        case calendarDays = "calendar-days"
        case workingDays = "working-days"
        case calendarMonths = "calendar-months"
        /// The statutory formula "within N months beginning with the date on which the report is received": the
        /// period ends the day before the corresponding date N months later (the last day of that month when it
        /// has no such date), and is not moved off a weekend or holiday.
        case monthsBeginningWith = "months-beginning-with"
    }

    public var count: Int
    public var unit: Unit
    /// Whether a deadline that falls on a weekend or bank holiday moves to the next working day. Townhall's rules
    /// always did; the statutory formula does not, unless the body chooses to.
    public var movesToWorkingDay: Bool

    public init(count: Int, unit: Unit, movesToWorkingDay: Bool? = nil) {
        self.count = count
        self.unit = unit
        self.movesToWorkingDay = movesToWorkingDay ?? (unit != .monthsBeginningWith)
    }

    /// The default for a kind of body: two calendar months for LPACs and Policing Boards (and panels), eight
    /// weeks for a peer challenge action plan.
    public static func standard(for kind: BodyKind) -> ResponseRule {
        kind == .peerChallengeTeam ? ResponseRule(count: 56, unit: .calendarDays) : ResponseRule(count: 2, unit: .calendarMonths)
    }

    /// The words that ask for the move or its absence where the unit's default is the other.
    static let moved = "next-working-day", notMoved = "not-moved"

    /// Parses "2 calendar-months", "8 weeks", "20 working-days", "2 months-beginning-with", optionally followed by
    /// "next-working-day" or "not-moved".
    public init(parsing text: String) throws {
        let parts = text.split(separator: " ").map(String.init)
        guard (2...3).contains(parts.count), let count = Int(parts[0]), (1...400).contains(count) else {
            throw TownhallError.invalid(
                "response rule \"\(text)\" must be a number from 1 to 400 and a unit, for example \"2 calendar-months\" or \"2 months-beginning-with\"")
        }
        var moves: Bool? = nil
        if parts.count == 3 {
            switch parts[2] {
            case Self.moved: moves = true
            case Self.notMoved: moves = false
            default:
                throw TownhallError.invalid("response rule option \"\(parts[2])\" must be \(Self.moved) or \(Self.notMoved)")
            }
        }
        if parts[1] == "weeks" {
            self.init(count: count * 7, unit: .calendarDays, movesToWorkingDay: moves)
            return
        }
        guard let unit = Unit(rawValue: parts[1]) else {
            throw TownhallError.invalid(
                "response rule unit \"\(parts[1])\" must be calendar-days, working-days, calendar-months, months-beginning-with or weeks")
        }
        if unit == .workingDays, moves == false {
            throw TownhallError.invalid("a period of working days always ends on a working day; leave out \(Self.notMoved)")
        }
        self.init(count: count, unit: unit, movesToWorkingDay: moves)
    }

    /// The text `init(parsing:)` reads back; the option is written only where it differs from the unit's default.
    public var description: String {
        let option = movesToWorkingDay == (unit != .monthsBeginningWith) ? "" : " " + (movesToWorkingDay ? Self.moved : Self.notMoved)
        return "\(count) \(unit.rawValue)\(option)"
    }

    /// "2 calendar months", "2 months beginning with the day of issue".
    public var label: String { phrase(fromIssue: false) }

    /// "2 calendar months from issue": the period as a deadline's explanation gives it.
    public var fromIssueLabel: String { phrase(fromIssue: true) }

    private func phrase(fromIssue: Bool) -> String {
        var period = switch unit {
        case .calendarDays: count % 7 == 0 ? "\(count / 7) weeks" : "\(count) calendar days"
        case .workingDays: "\(count) working days"
        case .calendarMonths: count == 1 ? "1 calendar month" : "\(count) calendar months"
        case .monthsBeginningWith: count == 1 ? "1 month beginning with the day of issue" : "\(count) months beginning with the day of issue"
        }
        if fromIssue, unit != .monthsBeginningWith { period += " from issue" }
        guard unit != .workingDays, movesToWorkingDay != (unit != .monthsBeginningWith) else { return period }
        return period + (movesToWorkingDay ? ", moved to the next working day" : ", not moved off a weekend or holiday")
    }

    /// The day the response is due for a recommendation issued on `issued`.
    public func due(issued: Day, workingDays: WorkingDays) -> Day {
        let end: Day
        switch unit {
        case .workingDays:
            return workingDays.adding(workingDays: count, to: issued)
        case .calendarDays:
            end = issued.adding(days: count)
        case .calendarMonths:
            end = issued.adding(months: count)
        case .monthsBeginningWith:
            // The corresponding date, or the month's last day where it has none (29-31 in a shorter month).
            let corresponding = issued.adding(months: count)
            end = corresponding.components.day == issued.components.day ? corresponding.adding(days: -1) : corresponding
        }
        return movesToWorkingDay ? workingDays.onOrAfter(end) : end
    }
}
