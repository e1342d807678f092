/// The kinds of peer challenge; only safeguarding challenges recur on a fixed cycle.
public enum PeerChallengeKind: String, Codable, Sendable, CaseIterable {
    case corporate
    case safeguarding
    case thematic

    public var label: String {
        switch self {
        case .corporate: "Corporate peer challenge"
        case .safeguarding: "Safeguarding peer challenge"
        case .thematic: "Thematic peer challenge"
        }
    }
}
