/// The functions only a Policing Board may exercise; each is recorded as its own decision so residents can find
/// the current budget, plan and chief constable without reading every set of minutes.
public enum ReservedFunction: String, Codable, Sendable, CaseIterable {
    case budgetAndPrecept = "budget-precept"
    case appointChiefConstable = "appoint-chief-constable"
    case dismissChiefConstable = "dismiss-chief-constable"
    case policingPlan = "policing-plan"

    public var label: String {
        switch self {
        case .budgetAndPrecept: "Force budget and precept"
        case .appointChiefConstable: "Appointment of the Chief Constable"
        case .dismissChiefConstable: "Dismissal of the Chief Constable"
        case .policingPlan: "Policing plan"
        }
    }
}

/// How a reserved decision was taken: by the board at a meeting that has been held, or outside a meeting under a
/// named authority (a scheme of delegation, or the urgency procedure in the board's standing orders).
public enum DecisionBasis: String, Codable, Sendable, CaseIterable {
    case meeting, delegated, urgent

    public var label: String {
        switch self {
        case .meeting: "At a meeting of the board"
        case .delegated: "Delegated decision"
        case .urgent: "Urgent decision"
        }
    }
}
