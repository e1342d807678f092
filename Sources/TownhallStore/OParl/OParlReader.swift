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

    /// An item of a published agenda, with its meeting; an exempt item is returned too (OParl shows it as not public).
    public func agendaItem(_ id: Int64) throws -> (item: AgendaItem, meeting: Meeting)? {
        guard let item = try record(AgendaItem.self, id), let meeting = try record(Meeting.self, item.meetingId),
              meeting.agendaPublishedAt != nil else { return nil }
        return (item, meeting)
    }

    /// A published agenda's items in order, for a meeting already read; none before publication. One query for the
    /// lot: a meeting embeds its items, and a list page embeds a hundred meetings.
    public func agendaItems(meeting: Meeting) throws -> [AgendaItem] {
        guard meeting.agendaPublishedAt != nil, let id = meeting.id else { return [] }
        return try db.cachedRecords(AgendaItem.self, "SELECT * FROM agendaItem WHERE meetingId = ? ORDER BY position", [id])
    }

    /// What the OParl objects of a meeting's agenda items need besides the items, for every item at once: its
    /// first public paper (its consultation), its public files and, when `entries`, its ledger entry. Three
    /// queries a meeting rather than three an item: a page of 100 meetings with their items ran about 1,700
    /// queries and was the slowest page of an OParl harvest (issue 15, `perf`).
    public func agendaExtras(meetingId: Int64, entries: Bool) throws -> AgendaExtras {
        let firstPapers = try db.cachedMap("""
            SELECT p.agendaItemId, MIN(p.id) AS paperId FROM \(PublicSQL.paperJoins) WHERE i.meetingId = ? AND \(PublicSQL.anyRevision)
            GROUP BY p.agendaItemId
            """, [meetingId]) { row in (row["agendaItemId"] as Int64, row["paperId"] as Int64) }
        let files = try db.cachedRecords(
            Attachment.self, "SELECT a.* FROM \(PublicSQL.attachmentJoins) WHERE i.meetingId = ? AND \(PublicSQL.attachment) ORDER BY a.id", [meetingId])
        let ledger = entries ? try db.cachedRecords(OParlEntry.self, """
            SELECT e.* FROM agendaItem i JOIN oparlEntry e ON e.kind = ? AND e.key = CAST(i.id AS TEXT) WHERE i.meetingId = ?
            """, [OParlKind.agendaitems.rawValue, meetingId]) : []
        return AgendaExtras(
            firstPaper: Dictionary(firstPapers, uniquingKeysWith: min), files: Dictionary(grouping: files, by: \.agendaItemId),
            entries: Dictionary(ledger.compactMap { entry in Int64(entry.key.key).map { ($0, entry) } }, uniquingKeysWith: { first, _ in first }))
    }

    /// The files on an item the public may download (`PublicSQL.attachment`), optionally only those of one paper or
    /// of none, in one query.
    public func publicFiles(itemId: Int64, paperId: Int64? = nil) throws -> [Attachment] {
        let base = "SELECT a.* FROM \(PublicSQL.attachmentJoins) WHERE a.agendaItemId = ? AND \(PublicSQL.attachment)"
        guard let paperId else { return try db.cachedRecords(Attachment.self, base + " ORDER BY a.id", [itemId]) }
        return try db.cachedRecords(Attachment.self, base + " AND (a.paperId IS NULL OR a.paperId = ?) ORDER BY a.id", [itemId, paperId])
    }

    /// The papers on an item the public may read.
    public func publicPaperIds(itemId: Int64) throws -> [Int64] {
        try ids("""
            SELECT p.id FROM \(PublicSQL.paperJoins) WHERE p.agendaItemId = ? AND \(PublicSQL.anyRevision)
            ORDER BY p.id
            """, [itemId])
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

    /// When the first and last meetings of any body start; nil for a store with none.
    public func meetingSpan() throws -> (first: Date, last: Date)? {
        guard let span = try row("SELECT MIN(startsAt) AS first, MAX(startsAt) AS last FROM meeting"),
              let first: Date = span["first"], let last: Date = span["last"] else { return nil }
        return (first, last)
    }

    /// The ledger's entry for an object; nil for one never public.
    public func entry(_ key: OParlKey) throws -> OParlEntry? {
        try OParlEntry.fetchOne(db.cachedStatement(sql: "SELECT * FROM oparlEntry WHERE kind = ? AND key = ?"), arguments: [key.kind.rawValue, key.key])
    }

    /// One page of the ledger's objects of a kind, in the order they were first published, with how many match in
    /// all. Deleted objects only when the filter asks for changes (`modified_since`).
    public func listPage(_ kind: OParlKind, filter: OParlFilter) throws -> (entries: [OParlEntry], total: Int) {
        var conditions = ["kind = ?"]
        var arguments: StatementArguments = [kind.rawValue]
        if !filter.includesDeleted { conditions.append("deleted = 0") }
        for (column, op, date) in [
            ("created", ">=", filter.createdSince), ("created", "<=", filter.createdUntil),
            ("modified", ">=", filter.modifiedSince), ("modified", "<=", filter.modifiedUntil),
        ] {
            guard let date else { continue }
            conditions.append("\(column) \(op) ?")
            arguments += [date]
        }
        let condition = conditions.joined(separator: " AND ")
        let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM oparlEntry WHERE \(condition)"), arguments: arguments) ?? 0
        let entries = try OParlEntry.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM oparlEntry WHERE \(condition) ORDER BY seq LIMIT ? OFFSET ?"),
            arguments: arguments + [filter.limit, filter.offset])
        return (entries, total)
    }

    /// The last audit line the ledger has taken in, and the last in the store; nil first when it was never built.
    public func ledgerPosition() throws -> (ledger: Int64?, store: Int64) {
        let ledger = try Int64.fetchOne(db.cachedStatement(sql: "SELECT auditId FROM oparlLedgerState WHERE id = 1"))
        let store = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM auditLog")) ?? 0
        return (ledger, store)
    }

    // A page of 100 objects runs about a thousand of these small queries, so each is a cached statement.
    private func ids(_ sql: String, _ arguments: StatementArguments = []) throws -> [Int64] { try db.cachedIds(sql, arguments) }

    private func row(_ sql: String, _ arguments: StatementArguments = []) throws -> Row? { try db.cachedRow(sql, arguments) }

    private func record<T: FetchableRecord & TableRecord>(_ type: T.Type, _ id: Int64) throws -> T? { try db.cachedRecord(type, id: id) }
}

extension AppDatabase {
    /// Runs `body` with an OParl reader inside one read transaction.
    public func oparlRead<T: Sendable>(_ body: @escaping @Sendable (OParlReader) throws -> T) async throws -> T {
        try await writer.read { db in try body(OParlReader(db: db)) }
    }
}

/// A meeting's agenda items' papers, files and ledger entries, by item id (`OParlReader.agendaExtras`).
public struct AgendaExtras: Sendable {
    public let firstPaper: [Int64: Int64]
    public let files: [Int64: [Attachment]]
    public let entries: [Int64: OParlEntry]
}
