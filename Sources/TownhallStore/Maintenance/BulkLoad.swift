import Foundation
import GRDB
import TownhallDomain

/// Bulk loading for the benchmark seed, the one writer that bypasses the domain's write methods: rows are inserted
/// as given, one transaction per batch, with the full-text index built once at the end instead of row by row.
extension AppDatabase {
    public func bulkLoad(actor: Actor, details: String, at now: Date, _ fill: (BulkWriter) throws -> Void) throws {
        // A large page cache for the writer while seeding, so the growing FTS index is not re-read from disk.
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -262144") }
        let searchTriggers = try writer.write { db in try SearchSchema.suspend(db) }
        try fill(BulkWriter(writer: pool))
        try writer.write { db in
            try SearchSchema.rebuild(db, restoring: searchTriggers)
            try db.audit(actor, .benchSeed, .store, nil, details, at: now)
        }
    }
}

/// Runs batches of inserts, each in its own transaction.
public struct BulkWriter {
    let writer: any DatabaseWriter

    public func batch(_ body: (BulkBatch) throws -> Void) throws {
        try writer.write { db in try body(BulkBatch(db: db)) }
    }
}

/// The rows one batch may insert.
public struct BulkBatch {
    let db: Database

    public func insert(_ body: inout Body) throws { try body.insert(db) }
    public func insert(_ meeting: inout Meeting) throws { try meeting.insert(db) }
    public func insert(_ item: inout AgendaItem) throws { try item.insert(db) }
    public func insert(_ paper: inout Paper) throws { try paper.insert(db) }
    public func update(_ meeting: Meeting) throws { try meeting.update(db) }
}
