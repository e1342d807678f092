import Foundation
import GRDB
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// Shipped migrations never change, so a store made by an earlier release reaches the schema a fresh store gets.
@Suite("Migrations")
struct MigrationUpgradeTests {
    /// The schema as SQLite holds it, minus GRDB's own table and SQLite's internal ones.
    static func schema(_ database: AppDatabase) throws -> [String] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT type, name, tbl_name, sql FROM sqlite_master
                WHERE name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY type, name
                """).map { "\($0["type"] as String) \($0["name"] as String) on \($0["tbl_name"] as String): \($0["sql"] as String? ?? "")" }
        }
    }

    /// Stores made by `townhall db migrate` and `townhall demo seed` built at earlier commits (see Fixtures/README.md):
    /// 28e9e8e ran `v8-search` and `v9-last-change` as first shipped, e7f71ec ran them as later rewritten in place.
    /// Upgraded, each has a fresh store's schema, keeps its data, and its search index is whole.
    @Test(arguments: ["28e9e8e", "e7f71ec"])
    func anEarlierStoreUpgradesToTheFreshSchema(commit: String) async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("old.sqlite")
        let fixture = packageRoot.appendingPathComponent("Tests/TownhallKitTests/Fixtures/store-\(commit).sqlite")
        try FileManager.default.copyItem(at: fixture, to: URL(fileURLWithPath: path))
        let papersBefore = try await DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper")! }
        let upgraded = try AppDatabase.open(path: path, clock: { Date() })
        let fresh = try AppDatabase.open(path: directory.path("fresh.sqlite"), clock: { Date() })
        let (old, new) = (try Self.schema(upgraded), try Self.schema(fresh))
        #expect(old == new, "differs: \(Set(old).symmetricDifference(Set(new)).sorted())")
        #expect(try upgraded.pendingMigrations().isEmpty)
        try await upgraded.writer.write { db in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper") == papersBefore && papersBefore > 0)
            let findable = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchSource")!
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchEntry") == findable && findable > 0)
            try db.execute(sql: "INSERT INTO searchText(searchText, rank) VALUES ('integrity-check', 1)")
            // v14-v15 fill in what the older store lacked, as their comments say: each meeting's convening time from
            // the audit line that scheduled it, the basis of a decision taken at a meeting, and the year an annual
            // report covers (the one ended before it was published, December 2025: 2024/25).
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meeting WHERE convenedAt IS NULL") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM boardDecision WHERE meetingId IS NOT NULL AND basis IS NOT 'meeting'") == 0)
            #expect(try Int.fetchAll(db, sql: "SELECT reportYear FROM paper WHERE kind = 'annual-report'") == [2025])
        }
        #expect(try await upgraded.search(SearchRequest(text: "policing")).total > 0)
    }

    /// Every migration is written out as SQL in its own file: none calls application code.
    @Test func migrationFilesHoldOnlyLiteralSQL() throws {
        let folder = packageRoot.appendingPathComponent("Sources/TownhallStore/Migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("V") }
        #expect(files.count == Migrations.migrator.migrations.count)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("\\("), "\(file) interpolates code into its SQL")
            #expect(!text.contains("db.create") && !text.contains("db.alter"), "\(file) uses the schema DSL instead of frozen SQL")
        }
    }
}
