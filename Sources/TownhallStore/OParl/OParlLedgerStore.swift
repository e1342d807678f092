import Foundation
import GRDB
import TownhallDomain

/// One row of the OParl ledger (`V20OParlLedger`): an object the API has published, the hash of its public
/// representation (nil once deleted), when it first appeared and last changed, and whether it is deleted.
public struct OParlEntry: FetchableRecord, Sendable, Equatable {
    public let seq: Int64
    public let key: OParlKey
    public let hash: String?
    public let created: Date
    public let modified: Date
    public let deleted: Bool

    public init(row: Row) throws {
        seq = row["seq"]
        key = OParlKey(OParlKind(rawValue: row["kind"]) ?? .bodies, row["key"] as String)
        hash = row["hash"]
        created = row["created"]
        modified = row["modified"]
        deleted = row["deleted"]
    }
}

/// The ledger's writes, inside the one write transaction that brings it up to date with the audit trail. The web
/// target decides what each object's public representation is; this keeps the record of it and knows, from the
/// schema, which objects a changed row can affect.
public struct OParlLedgerWriter {
    let db: Database

    public var reader: OParlReader { OParlReader(db: db) }

    /// The distinct objects of the audit lines after `after` up to `through`.
    public func auditedObjects(after: Int64, through: Int64) throws -> [(type: String, id: Int64?)] {
        try Row.fetchAll(db, sql: """
            SELECT DISTINCT objectType, objectId FROM auditLog WHERE id > ? AND id <= ?
            """, arguments: [after, through]).map { ($0["objectType"], $0["objectId"]) }
    }

    public func setPosition(_ auditId: Int64) throws {
        try db.execute(sql: "INSERT INTO oparlLedgerState (id, auditId) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET auditId = excluded.auditId",
                       arguments: [auditId])
    }

    /// What the ledger has of one object, with the objects its last representation referred to.
    public func entry(_ key: OParlKey) throws -> OParlEntry? { try reader.entry(key) }

    public func links(from entry: OParlEntry) throws -> [OParlKey] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT toKind, toKey FROM oparlLink WHERE fromSeq = ?"), arguments: [entry.seq])
            .compactMap { row in OParlKind(rawValue: row["toKind"]).map { OParlKey($0, row["toKey"] as String) } }
    }

    /// The objects whose last representation referred to `key`.
    public func links(to key: OParlKey) throws -> [OParlKey] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT e.kind, e.key FROM oparlLink l JOIN oparlEntry e ON e.seq = l.fromSeq WHERE l.toKind = ? AND l.toKey = ?
            """), arguments: [key.kind.rawValue, key.key])
            .compactMap { row in OParlKind(rawValue: row["kind"]).map { OParlKey($0, row["key"] as String) } }
    }

    /// Records an object's current public representation at `now`: a new object is created, a changed or
    /// re-published one gets `modified = now`, an unchanged one is left alone. Says whether anything changed.
    @discardableResult
    public func publish(_ key: OParlKey, hash: String, links: Set<OParlKey>, created: () throws -> Date, now: Date) throws -> Bool {
        if let entry = try entry(key) {
            guard entry.deleted || entry.hash != hash else { return false }
            try db.execute(sql: "UPDATE oparlEntry SET hash = ?, modified = ?, deleted = 0 WHERE seq = ?", arguments: [hash, now, entry.seq])
            try db.execute(sql: "DELETE FROM oparlLink WHERE fromSeq = ?", arguments: [entry.seq])
            try insert(links, from: entry.seq)
        } else {
            try db.execute(sql: "INSERT INTO oparlEntry (kind, key, hash, created, modified) VALUES (?, ?, ?, ?, ?)",
                           arguments: [key.kind.rawValue, key.key, hash, min(try created(), now), now])
            try insert(links, from: db.lastInsertedRowID)
        }
        return true
    }

    /// Marks a published object deleted at `now` (its links are kept, so what embedded it can still be found).
    /// Says whether it was public until now; an object never published stays unknown, so nothing is revealed.
    @discardableResult
    public func delete(_ key: OParlKey, now: Date) throws -> Bool {
        guard let entry = try entry(key), !entry.deleted else { return false }
        try db.execute(sql: "UPDATE oparlEntry SET hash = NULL, modified = ?, deleted = 1 WHERE seq = ?", arguments: [now, entry.seq])
        return true
    }

    private func insert(_ links: Set<OParlKey>, from seq: Int64) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO oparlLink (fromSeq, toKind, toKey) VALUES (?, ?, ?)")
        for link in links { try statement.execute(arguments: [seq, link.kind.rawValue, link.key]) }
    }

    /// Every object that could be public, for building the ledger from nothing (a new or bulk-loaded store), and
    /// every object the ledger already has, so one no longer public is marked deleted.
    public func everyCandidate() throws -> [OParlKey] {
        var keys: [OParlKey] = [OParlKey(.bodies, OParlLedgerWriter.installationBody)]
        func add(_ kind: OParlKind, _ sql: String) throws {
            for id in try Int64.fetchAll(db, sql: sql) { keys.append(OParlKey(kind, id)) }
        }
        try add(.organizations, "SELECT id FROM body ORDER BY id")
        try add(.persons, "SELECT id FROM person ORDER BY id")
        try add(.memberships, "SELECT id FROM membership ORDER BY id")
        try add(.locations, "SELECT id FROM location ORDER BY id")
        try add(.meetings, "SELECT id FROM meeting ORDER BY startsAt, id")
        try add(.agendaitems, "SELECT i.id FROM agendaItem i JOIN meeting m ON m.id = i.meetingId ORDER BY m.startsAt, i.position")
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM paper ORDER BY COALESCE(publishedAt, createdAt), id") {
            paper(id, into: &keys)
        }
        try add(.files, "SELECT id FROM attachment ORDER BY createdAt, id")
        let known = try Row.fetchAll(db, sql: "SELECT kind, key FROM oparlEntry WHERE deleted = 0")
            .compactMap { row in OParlKind(rawValue: row["kind"]).map { OParlKey($0, row["key"] as String) } }
        let candidates = Set(keys)
        return keys + known.filter { !candidates.contains($0) }
    }

    /// The installation's one OParl Body (issue 17): every Townhall body is an Organization of it.
    public static let installationBody: Int64 = 1

    /// The objects a change to the audited row can affect, found through the schema: the row's own object(s),
    /// what embeds or lists it, and what it embeds. Nil for an audit line about the whole store (a bulk load),
    /// which means every object. A row deleted since is found only as its own key; the ledger's links supply the
    /// rest.
    public func affected(type: String, id: Int64?) throws -> [OParlKey]? {
        guard let object = AuditObject(rawValue: type) else { return [] }
        if object == .store { return nil }
        guard let id else { return [] }
        var keys: [OParlKey] = []
        func ids(_ sql: String, _ arguments: StatementArguments) throws -> [Int64] { try db.cachedIds(sql, arguments) }
        func item(_ itemId: Int64) throws {
            keys.append(OParlKey(.agendaitems, itemId))
            for paper in try ids("SELECT id FROM paper WHERE agendaItemId = ?", [itemId]) { self.paper(paper, into: &keys) }
            for file in try ids("SELECT id FROM attachment WHERE agendaItemId = ?", [itemId]) { keys.append(OParlKey(.files, file)) }
        }
        switch object {
        case .body:
            keys += [OParlKey(.organizations, id), OParlKey(.bodies, Self.installationBody)]
        case .person:
            keys.append(OParlKey(.persons, id))
            keys += try ids("SELECT id FROM membership WHERE personId = ?", [id]).map { OParlKey(.memberships, $0) }
        case .membership:
            keys.append(OParlKey(.memberships, id))
            if let row = try db.cachedRow("SELECT personId, bodyId FROM membership WHERE id = ?", [id]) {
                keys += [OParlKey(.persons, row["personId"] as Int64), OParlKey(.organizations, row["bodyId"] as Int64)]
            }
        case .location:
            keys.append(OParlKey(.locations, id))
            keys += try ids("SELECT id FROM meeting WHERE locationId = ?", [id]).map { OParlKey(.meetings, $0) }
        case .meeting:
            keys += [OParlKey(.meetings, id), OParlKey(.bodies, Self.installationBody)]
            if let location = try Int64.fetchOne(db.cachedStatement(sql: "SELECT locationId FROM meeting WHERE id = ?"), arguments: [id]) {
                keys.append(OParlKey(.locations, location))
            }
            for itemId in try ids("SELECT id FROM agendaItem WHERE meetingId = ?", [id]) { try item(itemId) }
        case .agendaItem:
            if let meeting = try Int64.fetchOne(db.cachedStatement(sql: "SELECT meetingId FROM agendaItem WHERE id = ?"), arguments: [id]) {
                keys.append(OParlKey(.meetings, meeting))
            }
            try item(id)
        case .paper:
            paper(id, into: &keys)
            if let row = try db.cachedRow("""
                SELECT p.agendaItemId, i.meetingId, p.previousRevisionId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = ?
                """, [id]) {
                keys += [OParlKey(.agendaitems, row["agendaItemId"] as Int64), OParlKey(.meetings, row["meetingId"] as Int64)]
                if let previous: Int64 = row["previousRevisionId"] { paper(previous, into: &keys) }
            }
            for later in try ids("SELECT id FROM paper WHERE previousRevisionId = ?", [id]) { paper(later, into: &keys) }
            keys += try ids("SELECT id FROM attachment WHERE paperId = ?", [id]).map { OParlKey(.files, $0) }
        case .attachment:
            keys.append(OParlKey(.files, id))
            if let row = try db.cachedRow("""
                SELECT a.agendaItemId, a.paperId, i.meetingId FROM attachment a JOIN agendaItem i ON i.id = a.agendaItemId WHERE a.id = ?
                """, [id]) {
                keys += [OParlKey(.agendaitems, row["agendaItemId"] as Int64), OParlKey(.meetings, row["meetingId"] as Int64)]
                if let paperId: Int64 = row["paperId"] { keys.append(OParlKey(.papers, paperId)) }
            }
        default:
            break
        }
        return keys
    }

    /// A paper is three OParl objects: the Paper, its Consultation and its text as the main File.
    private func paper(_ id: Int64, into keys: inout [OParlKey]) {
        keys += [OParlKey(.papers, id), OParlKey(.consultations, id), .paperFile(id)]
    }
}

extension AppDatabase {
    /// Runs `body` with the ledger inside one write transaction.
    public func oparlLedgerWrite<T: Sendable>(_ body: @escaping @Sendable (OParlLedgerWriter) throws -> T) async throws -> T {
        try await writer.write { db in try body(OParlLedgerWriter(db: db)) }
    }
}
