import Foundation
import GRDB
import TownhallDomain

/// Counts this process's committed writes (every write adds an audit entry; public events follow them), so the page cache can tell that the
/// store changed without asking SQLite on every request. Writes by another process (the CLI) are not seen here;
/// the cache asks the store itself at least every quarter of a second for those.
public final class ChangeCounter: TransactionObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var count: Int64 = 0

    public var generation: Int64 { lock.withLock { count } }

    public func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { ["auditLog", "publicEvent", "agendaPack"].contains(eventKind.tableName) }
    public func databaseDidChange(with event: DatabaseEvent) { lock.withLock { pending = true } }
    public func databaseDidCommit(_ db: Database) {
        lock.withLock {
            if pending { count += 1 }
            pending = false
        }
    }
    public func databaseDidRollback(_ db: Database) { lock.withLock { pending = false } }
}
