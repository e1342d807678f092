import Foundation
import GRDB
import TownhallDomain

/// Backup, restore and integrity checks, safe while the server runs: SQLite's online backup copies a consistent
/// snapshot page by page, and a restore refuses any file that is not a sound Townhall store.
extension AppDatabase {
    /// `PRAGMA integrity_check` of the live store: ["ok"] when sound, otherwise the problems SQLite found.
    public func integrityCheck() throws -> [String] { try Self.integrityProblems(pool) }

    /// `PRAGMA integrity_check` of any SQLite file: the live store, a new backup, a file offered for restore.
    static func integrityProblems(_ reader: some DatabaseReader) throws -> [String] {
        try reader.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Copies the live store to a new file `path` (refused if it exists), then checks the copy.
    public func backup(to path: String) throws -> Int {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw TownhallError.conflict("\(path) already exists; choose a new file for the backup")
        }
        do {
            let destination = try DatabaseQueue(path: path)
            try pool.backup(to: destination)
            let problems = try Self.integrityProblems(destination)
            guard problems == ["ok"] else { throw TownhallError.io("the backup failed its integrity check: \(problems.joined(separator: "; "))") }
            try destination.close()
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(atPath: path)
            throw TownhallError.io("backup to \(path) failed: \(error.message ?? error.description)")
        }
        return (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// Replaces the live store's contents with the backup at `path`, after checking that it is a sound Townhall
    /// store; then applies any migrations the backup predates.
    public func restore(from path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw TownhallError.notFound("no such file: \(path)") }
        var configuration = Configuration()
        configuration.readonly = true
        let source: DatabaseQueue
        do {
            source = try DatabaseQueue(path: path, configuration: configuration)
            let problems = try Self.integrityProblems(source)
            guard problems == ["ok"] else {
                throw TownhallError.invalid("\(path) fails its integrity check (\(problems.prefix(3).joined(separator: "; "))); nothing was restored")
            }
            let isStore = try source.read { db in try db.tableExists("grdb_migrations") && db.tableExists("paper") }
            guard isStore else { throw TownhallError.invalid("\(path) is not a Townhall store; nothing was restored") }
        } catch let error as DatabaseError {
            throw TownhallError.invalid("\(path) is not a readable SQLite database (\(error.message ?? error.description)); nothing was restored")
        }
        try source.backup(to: pool)
        try Migrations.migrator.migrate(pool)
    }
}
