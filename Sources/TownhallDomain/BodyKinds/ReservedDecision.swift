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
