import Foundation
import GRDB
import TownhallDomain

/// The store's side of the OParl API: the public objects and the ids that link them, read inside one transaction
/// so a page of nested objects is consistent. It applies the public site's rules (`Visibility`, `PublicSQL`): only
/// papers the public may read, agenda items of published agendas, files whose paper and item are public. The web
/// target maps what it returns to OParl JSON (`TownhallWeb/OpenData/OParlObjects.swift`).
public struct OParlReader {
    let db: Database

    /// The first and last audited change in the store.
    public func storeChanges() throws -> (first: Date?, last: Date?) {
        (try Date.fetchOne(db, sql: "SELECT MIN(at) FROM auditLog"), try Date.fetchOne(db, sql: "SELECT MAX(at) FROM auditLog"))
    }

    /// The first and last audited change of one object; nil for an object written before auditing.
    public func changes(_ object: AuditObject, _ id: Int64) throws -> (first: Date?, last: Date?) {
        let row = try Row.fetchOne(
            db, sql: "SELECT MIN(at) AS created, MAX(at) AS modified FROM auditLog WHERE objectType = ? AND objectId = ?",
            arguments: [object.rawValue, id])
        return (row?["created"], row?["modified"])
    }

    public func body(_ id: Int64) throws -> Body? { try Body.fetchOne(db, key: id) }

    public func person(_ id: Int64) throws -> Person? { try Person.fetchOne(db, key: id) }

    public func membership(_ id: Int64) throws -> Membership? { try Membership.fetchOne(db, key: id) }

    public func membershipIds(bodyId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM membership WHERE bodyId = ? ORDER BY id", arguments: [bodyId])
    }

    public func membershipIds(personId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM membership WHERE personId = ? ORDER BY id", arguments: [personId])
    }

    /// Every meeting is public; its agenda items only once the agenda is published.
    public func meeting(_ id: Int64) throws -> Meeting? { try Meeting.fetchOne(db, key: id) }

    /// The items of a meeting's published agenda in order; none before publication.
    public func agendaItemIds(meeting: Meeting) throws -> [Int64] {
        guard meeting.agendaPublishedAt != nil else { return [] }
        return try Int64.fetchAll(db, sql: "SELECT id FROM agendaItem WHERE meetingId = ? ORDER BY position", arguments: [meeting.id!])
    }

    /// An item of a published agenda, with its meeting; an exempt item is returned too (OParl shows it as not public).
    public func agendaItem(_ id: Int64) throws -> (item: AgendaItem, meeting: Meeting)? {
        guard let item = try AgendaItem.fetchOne(db, key: id), let meeting = try Meeting.fetchOne(db, key: item.meetingId),
              meeting.agendaPublishedAt != nil else { return nil }
        return (item, meeting)
    }

    /// The papers on an item the public may read.
    public func publicPaperIds(itemId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT p.id FROM \(PublicSQL.paperJoins) WHERE p.agendaItemId = ? AND \(PublicSQL.anyRevision)
            ORDER BY p.id
            """, arguments: [itemId])
    }

    /// The files on an item, optionally only those of one paper or of none; `file(_:)` decides which are public.
    public func attachmentIds(itemId: Int64, paperId: Int64? = nil) throws -> [Int64] {
        guard let paperId else {
            return try Int64.fetchAll(db, sql: "SELECT id FROM attachment WHERE agendaItemId = ? ORDER BY id", arguments: [itemId])
        }
        return try Int64.fetchAll(
            db, sql: "SELECT id FROM attachment WHERE agendaItemId = ? AND (paperId IS NULL OR paperId = ?) ORDER BY id",
            arguments: [itemId, paperId])
    }

    public func location(_ id: Int64) throws -> Location? { try Location.fetchOne(db, key: id) }

    public func meetingIds(locationId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM meeting WHERE locationId = ? ORDER BY startsAt", arguments: [locationId])
    }

    /// The paper, its item and its meeting, when the public may read it.
    public func publicPaper(_ id: Int64) throws -> (paper: Paper, item: AgendaItem, meeting: Meeting)? {
        guard let paper = try Paper.fetchOne(db, key: id), let item = try AgendaItem.fetchOne(db, key: paper.agendaItemId),
              let meeting = try Meeting.fetchOne(db, key: item.meetingId), Visibility.paperIsPublic(paper, item: item, meeting: meeting)
        else { return nil }
        return (paper, item, meeting)
    }

    /// An attachment the public may download, with its item and meeting.
    public func publicFile(_ id: Int64) throws -> (file: Attachment, item: AgendaItem, meeting: Meeting)? {
        guard let file = try Attachment.fetchOne(db, key: id), let item = try AgendaItem.fetchOne(db, key: file.agendaItemId),
              let meeting = try Meeting.fetchOne(db, key: item.meetingId),
              Visibility.attachmentIsPublic(file, paper: try file.paperId.flatMap { try Paper.fetchOne(db, key: $0) }, item: item, meeting: meeting)
        else { return nil }
        return (file, item, meeting)
    }

    /// When a body's first and last meetings start; nil for a body with none.
    public func meetingSpan(bodyId: Int64) throws -> (first: Date, last: Date)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT MIN(startsAt) AS first, MAX(startsAt) AS last FROM meeting WHERE bodyId = ?",
                                         arguments: [bodyId]),
              let first: Date = row["first"], let last: Date = row["last"] else { return nil }
        return (first, last)
    }

    /// One page of a body's external list, by id, with how many match in all; nil when the body does not exist.
    /// Legislative terms are not rows: the web target derives them from `meetingSpan`.
    public func listPage(_ list: OParlList, bodyId: Int64, filter: OParlFilter) throws -> (ids: [Int64], total: Int)? {
        guard try Body.exists(db, key: bodyId), let source = list.source else { return nil }
        return try page(source, filter: filter, bodyId: bodyId)
    }

    /// One page of the bodies, by id, with how many match in all.
    public func bodiesPage(filter: OParlFilter) throws -> (ids: [Int64], total: Int) {
        let source = """
            SELECT b.id, COALESCE((SELECT MIN(at) FROM auditLog a WHERE a.objectType = 'body' AND a.objectId = b.id), '1970-01-01') AS created,
                   COALESCE((SELECT MAX(at) FROM auditLog a WHERE a.objectType = 'body' AND a.objectId = b.id), '1970-01-01') AS modified
            FROM body b
            """
        return try page(source, filter: filter, bodyId: nil)
    }

    private func page(_ source: String, filter: OParlFilter, bodyId: Int64?) throws -> (ids: [Int64], total: Int) {
        let (condition, arguments) = Self.window(filter, bodyId: bodyId)
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(source)) WHERE \(condition)", arguments: arguments) ?? 0
        let ids = try Int64.fetchAll(
            db, sql: "SELECT id FROM (\(source)) WHERE \(condition) ORDER BY id LIMIT ? OFFSET ?",
            arguments: arguments + [filter.limit, filter.offset])
        return (ids, total)
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

extension AppDatabase {
    /// Runs `body` with an OParl reader inside one read transaction.
    public func oparlRead<T: Sendable>(_ body: @escaping @Sendable (OParlReader) throws -> T) async throws -> T {
        try await writer.read { db in try body(OParlReader(db: db)) }
    }
}
