import Foundation

/// What a resident can follow by e-mail (issue 19): a body, a meeting, an LPAC inquiry, a recommendation, an
/// organisation's answers, or a saved search. Stored as its kind and a key (a slug, an id, or the search's words),
/// and written in links as `kind` and `key` query values, so the same two strings name it everywhere.
public struct FollowTarget: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case body, meeting, inquiry, recommendation, organisation, search

        /// How a message or page names a thing of this kind ("the meeting").
        public var noun: String {
            switch self {
            case .body: "body"
            case .meeting: "meeting"
            case .inquiry: "inquiry"
            case .recommendation: "recommendation"
            case .organisation: "organisation"
            case .search: "search"
            }
        }
    }

    public let kind: Kind
    public let key: String

    /// The longest saved search kept: the search box's own 12 words, with room to spare.
    public static let searchKeyCharacters = 200

    /// A target from its two strings, or nil when they cannot name one: an unknown kind, an id that is not a
    /// positive number, a slug that is not one, or a search with no words. A search's key is its words, lower-cased
    /// and joined by single spaces, so "Council  TAX" and "council tax" are one follow.
    public init?(kind: String, key: String) {
        guard let kind = Kind(rawValue: kind) else { return nil }
        switch kind {
        case .meeting, .recommendation:
            guard let id = Int64(key), id > 0, String(id) == key else { return nil }
        case .body, .inquiry, .organisation:
            guard !key.isEmpty, key.count <= 100, key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else { return nil }
        case .search:
            let words = Self.searchWords(key)
            guard !words.isEmpty else { return nil }
            self.init(kind: .search, normalisedKey: String(words.joined(separator: " ").prefix(Self.searchKeyCharacters)))
            return
        }
        self.init(kind: kind, normalisedKey: key)
    }

    private init(kind: Kind, normalisedKey: String) {
        self.kind = kind
        key = normalisedKey
    }

    public static func body(_ slug: String) -> FollowTarget { FollowTarget(kind: .body, normalisedKey: slug) }
    public static func meeting(_ id: Int64) -> FollowTarget { FollowTarget(kind: .meeting, normalisedKey: String(id)) }
    public static func inquiry(_ slug: String) -> FollowTarget { FollowTarget(kind: .inquiry, normalisedKey: slug) }
    public static func recommendation(_ id: Int64) -> FollowTarget { FollowTarget(kind: .recommendation, normalisedKey: String(id)) }
    public static func organisation(_ slug: String) -> FollowTarget { FollowTarget(kind: .organisation, normalisedKey: slug) }

    /// The words a search is made of, as the search box reads them: letters and digits, at most 12, lower-cased.
    public static func searchWords(_ text: String) -> [String] {
        Array(text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init).prefix(12))
    }

    /// The id of a meeting or recommendation target.
    public var id: Int64? { kind == .meeting || kind == .recommendation ? Int64(key) : nil }

    public var description: String { "\(kind.rawValue):\(key)" }
}

/// How often a follow's alerts are sent: each as it happens (checked every few minutes), or gathered into one
/// message a week.
public enum FollowFrequency: String, CaseIterable, Codable, Sendable {
    case instant, weekly

    public var label: String {
        switch self {
        case .instant: "As it happens"
        case .weekly: "Once a week"
        }
    }

    /// How long a weekly follow's alerts wait for the next digest.
    public static let digestInterval: TimeInterval = 7 * 24 * 3600
}
