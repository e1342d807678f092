import Foundation
import GRDB
import TownhallDomain

/// A store replicated with Litestream (issue 21). The writer stamps a heartbeat; a read-only server opens the copy
/// Litestream keeps up to date (`litestream restore -f`) and reads its lag from the newest stamp.
///
/// Litestream's follow mode writes each replicated transaction's pages straight into the copy under SQLite's own
/// exclusive lock, and marks page 1 as a rollback-journal database with a new change counter, so a reader opened in
/// that mode sees whole transactions and drops its cache when one lands. A reader opened while the copy is still in
/// WAL mode (as the first restore leaves it) would keep reading its first snapshot, so a replica waits for that mark.
extension AppDatabase {
    /// Stamps the heartbeat; not audited, so it neither fills the audit trail nor empties the page cache.
    public func beat(at now: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: #"INSERT INTO "replicationHeartbeat" ("id", "at") VALUES (1, ?) ON CONFLICT ("id") DO UPDATE SET "at" = excluded."at""#,
                arguments: [now])
        }
    }

    /// The newest heartbeat this copy has; nil when the writer has never stamped one.
    public func lastHeartbeat() async throws -> Date? {
        try await writer.read { db in try Date.fetchOne(db, sql: #"SELECT "at" FROM "replicationHeartbeat" WHERE "id" = 1"#) }
    }

    /// Whether the SQLite file at `path` is in rollback-journal mode (file format bytes 18 and 19 are 1; 2 is WAL).
    /// Nil when there is no such file or it is too short to be a database.
    public static func isRollbackJournal(path: String) -> Bool? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 20), header.count == 20 else { return nil }
        return header[18] == 1 && header[19] == 1
    }

    /// Opens a replica read-only: no migrations, no writes; every read waits out Litestream's lock.
    public static func openReplica(
        path: String, clock: @escaping @Sendable () -> Date, peerChallengeRules: PeerChallengeRules = .mission
    ) throws -> AppDatabase {
        var configuration = Self.configuration
        configuration.readonly = true
        do {
            return try AppDatabase(
                DatabasePool(path: path, configuration: configuration), clock: clock, peerChallengeRules: peerChallengeRules, migrating: false)
        } catch let error as DatabaseError {
            throw TownhallError.io("cannot open the replica \(path): \(error.message ?? error.description)")
        }
    }
}
