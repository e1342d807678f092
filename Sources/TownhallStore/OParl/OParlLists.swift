import Foundation
import GRDB
import TownhallDomain

/// The kinds of OParl 1.1 object, by the path segment that names them (`/oparl/v1.1/papers/12`) and, except
/// `bodies`, the name of the installation Body's external list of them (`/oparl/v1.1/bodies/1/papers`).
public enum OParlKind: String, CaseIterable, Sendable {
    case bodies, organizations, persons, memberships, meetings, agendaitems, papers, consultations, files, locations, legislativeterms

    /// The external lists of a Body.
    public static let lists: [OParlKind] = allCases.filter { $0 != .bodies }

    /// Kinds whose objects are embedded in others (a meeting's items, a person's memberships, a paper's files and
    /// consultation, a meeting's location), so a change to one is a change to the objects that embed it.
    public var isEmbedded: Bool {
        switch self {
        case .memberships, .agendaitems, .files, .consultations, .locations, .legislativeterms: true
        case .bodies, .organizations, .persons, .meetings, .papers: false
        }
    }
}

/// One OParl object's identity: its kind and the id segment of its URL (`12`, `paper-12`, `2026`).
public struct OParlKey: Hashable, Sendable, CustomStringConvertible {
    public let kind: OParlKind
    public let key: String

    public init(_ kind: OParlKind, _ key: some CustomStringConvertible) {
        self.kind = kind
        self.key = key.description
    }

    public var description: String { "\(kind.rawValue)/\(key)" }

    /// A paper's text as a File (its `mainFile`): `files/paper-12`, beside the attachments' numeric ids.
    public static func paperFile(_ paperId: Int64) -> OParlKey { OParlKey(.files, "\(paperFilePrefix)\(paperId)") }

    /// The paper whose text this File is; nil for any other key.
    public var paperFileId: Int64? {
        guard kind == .files, key.hasPrefix(Self.paperFilePrefix) else { return nil }
        return Int64(key.dropFirst(Self.paperFilePrefix.count))
    }

    static let paperFilePrefix = "paper-"
}

/// The created/modified window and page asked for.
public struct OParlFilter: Sendable, Equatable {
    public var createdSince: Date?
    public var createdUntil: Date?
    public var modifiedSince: Date?
    public var modifiedUntil: Date?
    public var page = 1
    public var limit = 100

    /// Rows to skip, bounded so no page or limit a caller passes can overflow (a page past the end is empty).
    public var offset: Int { (min(max(page, 1), 10_000) - 1) * min(max(limit, 1), 1000) }

    /// OParl 1.1, section 2.5.5: deleted objects are listed when, and only when, `modified_since` is given.
    public var includesDeleted: Bool { modifiedSince != nil }

    public init(
        createdSince: Date? = nil, createdUntil: Date? = nil, modifiedSince: Date? = nil, modifiedUntil: Date? = nil
    ) {
        self.createdSince = createdSince
        self.createdUntil = createdUntil
        self.modifiedSince = modifiedSince
        self.modifiedUntil = modifiedUntil
    }
}
