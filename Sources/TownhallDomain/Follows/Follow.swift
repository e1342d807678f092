import Foundation

/// One address following one target. Nothing is sent to it, and it is not counted anywhere, until the address
/// confirms it from the link sent there (double opt-in); its token is in every message, for the page that manages
/// the address's follows and for the one-click unsubscribe.
public struct Follow: Codable, Sendable, Equatable {
    public var id: Int64?
    public var email: String
    public var targetKind: FollowTarget.Kind
    public var targetKey: String
    /// The target's name when it was followed ("Harford Policing Board"), for messages and the manage page.
    public var targetTitle: String
    public var frequency: FollowFrequency
    public var token: String
    public var requestedAt: Date
    /// The network address the request came from, for the per-client limit; never shown.
    public var requestedFrom: String
    public var confirmedAt: Date?
    /// When the last weekly digest went (or, before the first, when it was confirmed).
    public var lastDigestAt: Date?

    public init(
        id: Int64? = nil, email: String, target: FollowTarget, targetTitle: String, frequency: FollowFrequency, token: String,
        requestedAt: Date, requestedFrom: String, confirmedAt: Date? = nil, lastDigestAt: Date? = nil
    ) {
        self.id = id
        self.email = email
        targetKind = target.kind
        targetKey = target.key
        self.targetTitle = targetTitle
        self.frequency = frequency
        self.token = token
        self.requestedAt = requestedAt
        self.requestedFrom = requestedFrom
        self.confirmedAt = confirmedAt
        self.lastDigestAt = lastDigestAt
    }

    public var target: FollowTarget { FollowTarget(kind: targetKind.rawValue, key: targetKey)! }
    public var isConfirmed: Bool { confirmedAt != nil }

    /// What is wrong with an e-mail address typed to follow something, or nil. Deliberately loose (one `@`, a dot
    /// after it, no spaces or line breaks, 254 characters at most): the confirmation message is the real check.
    public static func emailProblem(_ email: String) -> String? {
        if email.isEmpty { return "Enter your email address" }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" })
        else { return "Enter an email address in the correct format, like name@example.com" }
        return nil
    }
}
