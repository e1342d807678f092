import Foundation
import GRDB
import TownhallDomain

/// The external lists of OParl 1.1: which objects of a body each holds (only public ones), with the
/// created/modified filters of the specification and page-by-page reading.
public enum OParlList: String, CaseIterable, Sendable {
    case organizations, persons, meetings, papers, agendaitems, consultations, files, locations, legislativeterms, memberships

    /// The id, created and modified of each member of the list for body `?`; columns id, created, modified.
    var source: String? {
        func stamped(_ type: String, _ alias: String, fallback: String) -> String {
            """
            COALESCE((SELECT MIN(at) FROM auditLog log WHERE log.objectType = '\(type)' AND log.objectId = \(alias).id), \(fallback)) AS created,
            COALESCE((SELECT MAX(at) FROM auditLog log WHERE log.objectType = '\(type)' AND log.objectId = \(alias).id), \(fallback)) AS modified
            """
        }
        let publicPaper = """
            FROM \(PublicSQL.paperJoins) WHERE m.bodyId = ? AND \(PublicSQL.anyRevision)
            """
        switch self {
        case .organizations: return "SELECT b.id, \(stamped("body", "b", fallback: "'1970-01-01'")) FROM body b WHERE b.id = ?"
        case .persons:
            return """
                SELECT p.id, \(stamped("person", "p", fallback: "'1970-01-01'")) FROM person p
                WHERE p.id IN (SELECT personId FROM membership WHERE bodyId = ?)
                """
        case .memberships: return "SELECT ms.id, \(stamped("membership", "ms", fallback: "'1970-01-01'")) FROM membership ms WHERE ms.bodyId = ?"
        case .meetings: return "SELECT m.id, \(stamped("meeting", "m", fallback: "m.startsAt")) FROM meeting m WHERE m.bodyId = ?"
        case .agendaitems:
            return """
                SELECT i.id, \(stamped("agendaItem", "i", fallback: "m.agendaPublishedAt")) FROM agendaItem i JOIN meeting m ON m.id = i.meetingId
                WHERE m.bodyId = ? AND \(PublicSQL.agenda)
                """
        case .papers, .consultations: return "SELECT p.id, \(stamped("paper", "p", fallback: "p.createdAt")) \(publicPaper)"
        case .files:
            return """
                SELECT a.id, \(stamped("attachment", "a", fallback: "a.createdAt")) FROM \(PublicSQL.attachmentJoins)
                WHERE m.bodyId = ? AND \(PublicSQL.attachment)
                """
        case .locations:
            return """
                SELECT l.id, '1970-01-01' AS created, '1970-01-01' AS modified FROM location l
                WHERE l.id IN (SELECT locationId FROM meeting WHERE bodyId = ?)
                """
        case .legislativeterms: return nil
        }
    }
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

    public init(
        createdSince: Date? = nil, createdUntil: Date? = nil, modifiedSince: Date? = nil, modifiedUntil: Date? = nil
    ) {
        self.createdSince = createdSince
        self.createdUntil = createdUntil
        self.modifiedSince = modifiedSince
        self.modifiedUntil = modifiedUntil
    }
}
