import Foundation
import GRDB
import TownhallDomain

/// Helpers every write path uses.
extension AppDatabase {
    func required(_ value: String, _ field: String) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw TownhallError.invalid("\(field) must not be empty") }
        return trimmed
    }

    /// Inserts and audits in one transaction; `then` adds dependent rows in the same transaction.
    func insert<Record: MutablePersistableRecord & Identifiable>(
        _ record: inout Record, _ object: AuditObject, duplicate: String, actor: Actor, details: String,
        then: (Database, Record) throws -> Void = { _, _ in }
    ) throws where Record.ID == Int64? {
        do {
            try writer.write { db in
                try record.insert(db)
                try then(db, record)
                try db.audit(actor, .add, object, record.id, details, at: clock())
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw TownhallError.conflict(duplicate)
        }
    }

    static func find<Record: FetchableRecord & TableRecord>(
        _ type: Record.Type, slug: String, what: String, _ db: Database
    ) throws -> Record {
        guard let record = try Record.filter(Column("slug") == slug).fetchOne(db) else {
            throw TownhallError.notFound("no \(what) with slug \"\(slug)\"")
        }
        return record
    }
}
