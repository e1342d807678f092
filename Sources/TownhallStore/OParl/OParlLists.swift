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
    var offset: Int { (min(max(page, 1), 10_000) - 1) * min(max(limit, 1), 1000) }

    public init(
        createdSince: Date? = nil, createdUntil: Date? = nil, modifiedSince: Date? = nil, modifiedUntil: Date? = nil
    ) {
        self.createdSince = createdSince
        self.createdUntil = createdUntil
        self.modifiedSince = modifiedSince
        self.modifiedUntil = modifiedUntil
    }
}

extension AppDatabase {
    /// One page of a list as full objects, and how many match in all; nil when the body does not exist.
    public func oparlList(
        _ list: OParlList, bodyId: Int64, filter: OParlFilter, base: String, time: LocalTime
    ) async throws -> (objects: [JSONValue], total: Int)? {
        try await writer.read { db in
            guard try Body.exists(db, key: bodyId) else { return nil }
            let objects = OParlObjects(db: db, base: base, time: time)
            guard let source = list.source else {
                let ids = try objects.legislativeTermIds(body: bodyId)
                let page = ids.dropFirst(filter.offset).prefix(filter.limit)
                return (try page.compactMap { try objects.legislativeTerm($0) }, ids.count)
            }
            let (condition, arguments) = Self.window(filter, bodyId: bodyId)
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(source)) WHERE \(condition)", arguments: arguments) ?? 0
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM (\(source)) WHERE \(condition) ORDER BY id LIMIT ? OFFSET ?",
                arguments: arguments + [filter.limit, filter.offset])
            let build: (Int64) throws -> JSONValue? = switch list {
            case .organizations: objects.organization
            case .persons: objects.person
            case .memberships: objects.membership
            case .meetings: objects.meeting
            case .agendaitems: objects.agendaItem
            case .papers: objects.paper
            case .consultations: objects.consultation
            case .files: objects.file
            case .locations: objects.location
            case .legislativeterms: { _ in nil }
            }
            return (try ids.compactMap(build), total)
        }
    }

    public func oparlBodies(filter: OParlFilter, base: String, time: LocalTime) async throws -> (objects: [JSONValue], total: Int) {
        try await writer.read { db in
            let objects = OParlObjects(db: db, base: base, time: time)
            let source = """
                SELECT b.id, COALESCE((SELECT MIN(at) FROM auditLog a WHERE a.objectType = 'body' AND a.objectId = b.id), '1970-01-01') AS created,
                       COALESCE((SELECT MAX(at) FROM auditLog a WHERE a.objectType = 'body' AND a.objectId = b.id), '1970-01-01') AS modified
                FROM body b
                """
            let (condition, arguments) = Self.window(filter, bodyId: nil)
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(source)) WHERE \(condition)", arguments: arguments) ?? 0
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM (\(source)) WHERE \(condition) ORDER BY id LIMIT ? OFFSET ?",
                arguments: arguments + [filter.limit, filter.offset])
            return (try ids.compactMap { try objects.body($0) }, total)
        }
    }

    /// One object by its path below /oparl/v1.1/ (`papers/12`, `legislativeterms/3-2026`); nil when not public.
    public func oparlObject(_ kind: String, id: String, base: String, time: LocalTime, systemName: String) async throws -> JSONValue? {
        try await writer.read { db in
            let objects = OParlObjects(db: db, base: base, time: time)
            if kind == "legislativeterms" { return try objects.legislativeTerm(id) }
            if kind == "files", id.hasPrefix("paper-") { return try Int64(id.dropFirst(6)).flatMap { try objects.paperFile($0) } }
            guard let number = Int64(id) else { return nil }
            switch kind {
            case "bodies": return try objects.body(number)
            case "organizations": return try objects.organization(number)
            case "persons": return try objects.person(number)
            case "memberships": return try objects.membership(number)
            case "meetings": return try objects.meeting(number)
            case "agendaitems": return try objects.agendaItem(number)
            case "papers": return try objects.paper(number)
            case "consultations": return try objects.consultation(number)
            case "files": return try objects.file(number)
            case "locations": return try objects.location(number)
            default: return nil
            }
        }
    }

    public func oparlSystem(base: String, time: LocalTime, name: String) async throws -> JSONValue {
        try await writer.read { db in try OParlObjects(db: db, base: base, time: time).system(name: name) }
    }

    /// SQL for the created/modified window over a list source; `bodyId` fills the source's own placeholder.
    static func window(_ filter: OParlFilter, bodyId: Int64?) -> (String, StatementArguments) {
        var conditions = ["1"]
        var arguments: StatementArguments = bodyId.map { [$0] } ?? []
        for (column, op, date) in [
            ("created", ">=", filter.createdSince), ("created", "<=", filter.createdUntil),
            ("modified", ">=", filter.modifiedSince), ("modified", "<=", filter.modifiedUntil),
        ] {
            guard let date else { continue }
            conditions.append("\(column) \(op) ?")
            arguments += [date]
        }
        return (conditions.joined(separator: " AND "), arguments)
    }
}
