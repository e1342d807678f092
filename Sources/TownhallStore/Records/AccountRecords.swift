import Foundation
import GRDB
import TownhallDomain

extension User: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "user"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Session: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session"
}

extension AuditEntry: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "auditLog"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Database {
    /// Writes an audit line in the caller's transaction, so the log and the change stand or fall together.
    /// `date` is the caller's: the store's injected clock, or the time the action says it happened.
    func audit(_ actor: Actor, _ action: AuditAction, _ object: AuditObject, _ objectId: Int64?, _ details: String = "", at date: Date) throws {
        var entry = AuditEntry(
            at: date, actor: actor.label, userId: actor.userId, action: action.rawValue, objectType: object.rawValue, objectId: objectId,
            details: details)
        try entry.insert(self)
    }
}
