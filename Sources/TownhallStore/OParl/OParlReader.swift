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
        (try Date.fetchOne(db.cachedStatement(sql: "SELECT MIN(at) FROM auditLog")), try Date.fetchOne(db.cachedStatement(sql: "SELECT MAX(at) FROM auditLog")))
    }

    /// The first and last audited change of one object; nil for an object written before auditing.
    public func changes(_ object: AuditObject, _ id: Int64) throws -> (first: Date?, last: Date?) {
        let stamps = try row("SELECT MIN(at) AS created, MAX(at) AS modified FROM auditLog WHERE objectType = ? AND objectId = ?",
                             [object.rawValue, id])
        return (stamps?["created"], stamps?["modified"])
    }

    public func body(_ id: Int64) throws -> Body? { try record(Body.self, id) }

    public func person(_ id: Int64) throws -> Person? { try record(Person.self, id) }

    public func membership(_ id: Int64) throws -> Membership? { try record(Membership.self, id) }

    public func membershipIds(bodyId: Int64) throws -> [Int64] {
        try ids("SELECT id FROM membership WHERE bodyId = ? ORDER BY id", [bodyId])
    }

    public func membershipIds(personId: Int64) throws -> [Int64] {
        try ids("SELECT id FROM membership WHERE personId = ? ORDER BY id", [personId])
    }

    /// Every meeting is public; its agenda items only once the agenda is published.
    public func meeting(_ id: Int64) throws -> Meeting? { try record(Meeting.self, id) }

    /// The items of a meeting's published agenda in order; none before publication.
    public func agendaItemIds(meeting: Meeting) throws -> [Int64] {
        guard meeting.agendaPublishedAt != nil else { return [] }
        return try ids("SELECT id FROM agendaItem WHERE meetingId = ? ORDER BY position", [meeting.id!])
    }

    /// An item of a published agenda, with its meeting; an exempt item is returned too (OParl shows it as not public).
    public func agendaItem(_ id: Int64) throws -> (item: AgendaItem, meeting: Meeting)? {
        guard let item = try record(AgendaItem.self, id), let meeting = try record(Meeting.self, item.meetingId),
              meeting.agendaPublishedAt != nil else { return nil }
        return (item, meeting)
    }

    /// The papers on an item the public may read.
    public func publicPaperIds(itemId: Int64) throws -> [Int64] {
        try ids("""
            SELECT p.id FROM \(PublicSQL.paperJoins) WHERE p.agendaItemId = ? AND \(PublicSQL.anyRevision)
            ORDER BY p.id
            """, [itemId])
    }

    /// The files on an item, optionally only those of one paper or of none; `file(_:)` decides which are public.
    public func attachmentIds(itemId: Int64, paperId: Int64? = nil) throws -> [Int64] {
        guard let paperId else {
            return try ids("SELECT id FROM attachment WHERE agendaItemId = ? ORDER BY id", [itemId])
        }
        return try ids("SELECT id FROM attachment WHERE agendaItemId = ? AND (paperId IS NULL OR paperId = ?) ORDER BY id",
            [itemId, paperId])
    }

    public func location(_ id: Int64) throws -> Location? { try record(Location.self, id) }

    public func meetingIds(locationId: Int64) throws -> [Int64] {
        try ids("SELECT id FROM meeting WHERE locationId = ? ORDER BY startsAt", [locationId])
    }

    /// The paper, its item and its meeting, when the public may read it.
    public func publicPaper(_ id: Int64) throws -> (paper: Paper, item: AgendaItem, meeting: Meeting)? {
        guard let paper = try record(Paper.self, id), let item = try record(AgendaItem.self, paper.agendaItemId),
              let meeting = try record(Meeting.self, item.meetingId), Visibility.paperIsPublic(paper, item: item, meeting: meeting)
        else { return nil }
        return (paper, item, meeting)
    }

    /// An attachment the public may download, with its item and meeting.
    public func publicFile(_ id: Int64) throws -> (file: Attachment, item: AgendaItem, meeting: Meeting)? {
        guard let file = try record(Attachment.self, id), let item = try record(AgendaItem.self, file.agendaItemId),
              let meeting = try record(Meeting.self, item.meetingId),
              Visibility.attachmentIsPublic(file, paper: try file.paperId.flatMap { try record(Paper.self, $0) }, item: item, meeting: meeting)
        else { return nil }
        return (file, item, meeting)
    }

    /// When a body's first and last meetings start; nil for a body with none.
    public func meetingSpan(bodyId: Int64) throws -> (first: Date, last: Date)? {
        guard let span = try row("SELECT MIN(startsAt) AS first, MAX(startsAt) AS last FROM meeting WHERE bodyId = ?", [bodyId]),
              let first: Date = span["first"], let last: Date = span["last"] else { return nil }
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

    // A page of 100 objects runs about a thousand of these small queries, so each is a cached statement.
    private func ids(_ sql: String, _ arguments: StatementArguments = []) throws -> [Int64] { try db.cachedIds(sql, arguments) }

    private func row(_ sql: String, _ arguments: StatementArguments = []) throws -> Row? { try db.cachedRow(sql, arguments) }

    private func record<T: FetchableRecord & TableRecord>(_ type: T.Type, _ id: Int64) throws -> T? { try db.cachedRecord(type, id: id) }

    private func page(_ source: String, filter: OParlFilter, bodyId: Int64?) throws -> (ids: [Int64], total: Int) {
        let (condition, arguments) = Self.window(filter, bodyId: bodyId)
        let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM (\(source)) WHERE \(condition)"), arguments: arguments) ?? 0
        let page = try ids("SELECT id FROM (\(source)) WHERE \(condition) ORDER BY id LIMIT ? OFFSET ?", arguments + [filter.limit, filter.offset])
        return (page, total)
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
