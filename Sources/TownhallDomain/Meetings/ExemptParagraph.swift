/// The seven descriptions of exempt information in Schedule 12A to the Local Government Act 1972.
/// The public sees only the paragraph number and this short description, never the exempt content.
public enum ExemptParagraph: Int, Codable, Sendable, CaseIterable {
    case individual = 1
    case identity = 2
    case financialAffairs = 3
    case labourRelations = 4
    case legalPrivilege = 5
    case statutoryNotice = 6
    case crimePrevention = 7

    public var summary: String {
        switch self {
        case .individual: "Information relating to any individual"
        case .identity: "Information which is likely to reveal the identity of an individual"
        case .financialAffairs: "Information relating to the financial or business affairs of any particular person"
        case .labourRelations: "Information relating to consultations or negotiations on labour relations matters"
        case .legalPrivilege: "Information in respect of which a claim to legal professional privilege could be maintained"
        case .statutoryNotice: "Information revealing that the authority proposes to give a notice or make an order or direction"
        case .crimePrevention: "Information relating to the prevention, investigation or prosecution of crime"
        }
    }
}
