import Foundation

/// A body a refused recommendation can be referred on to, from a list the administrators maintain (issue 18): the
/// national Public Accounts Committee, a Secretary of State's department, a regulator, an inspectorate, an
/// ombudsman, or a local body such as a Health and Wellbeing Board. Named from the list, so a referral to "the
/// PAC" and one to "Public Accounts Committee" are the same body in the record and the open data.
public struct ReferralBody: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case parliament, government, regulator, inspectorate, ombudsman, local, other

        public var label: String {
            switch self {
            case .parliament: "Parliament"
            case .government: "Government department"
            case .regulator: "Regulator"
            case .inspectorate: "Inspectorate"
            case .ombudsman: "Ombudsman"
            case .local: "Local body"
            case .other: "Other"
            }
        }
    }

    public var id: Int64?
    public var slug: String
    public var name: String
    public var kind: Kind
    /// A retired body stays on the referrals already made to it but is no longer offered.
    public var isActive: Bool

    public init(id: Int64? = nil, slug: String, name: String, kind: Kind, isActive: Bool = true) {
        self.id = id
        self.slug = slug
        self.name = name
        self.kind = kind
        self.isActive = isActive
    }
}
