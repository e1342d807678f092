import GRDB
import TownhallDomain

/// Bulk maintenance of the full-text index whose schema `v11-schema-catch-up` creates: `searchEntry` holds one row
/// per findable thing (the rows of the view `searchSource`, the one definition of what the public may find), and
/// the FTS5 table `searchText` indexes it through two triggers on `searchEntry`. Triggers on every table the view
/// reads re-index the affected meeting, so no write path can forget the index. Nothing here defines schema: the
/// triggers are taken from the store as its migrations left them and put back unchanged.
enum SearchSchema {
    /// Stops feeding the FTS index row by row, for a bulk load that ends with `rebuild(_:restoring:)`; returns the
    /// triggers it took away.
    static func suspend(_ db: Database) throws -> [String] {
        let triggers = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'searchEntry' ORDER BY name
            """)
        for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'searchEntry'") {
            try db.execute(sql: "DROP TRIGGER \(name.quotedDatabaseIdentifier)")
        }
        return triggers
    }

    /// Refills the entries from `searchSource`, then rebuilds the FTS index from them in one pass.
    static func rebuild(_ db: Database) throws {
        try rebuild(db, restoring: try suspend(db))
    }

    /// As `rebuild(_:)`, after a `suspend` whose triggers are put back.
    static func rebuild(_ db: Database, restoring triggers: [String]) throws {
        try db.execute(sql: """
            DELETE FROM searchEntry;
            INSERT INTO searchEntry(title, content, kind, refId, meetingId, bodyId, day) SELECT * FROM searchSource;
            INSERT INTO searchText(searchText) VALUES ('rebuild');
            """)
        for trigger in triggers { try db.execute(sql: trigger) }
    }
}
