import GRDB

/// The full-text index and what keeps it in step. `searchEntry` holds one row per findable thing (indexed by
/// meeting, so re-indexing a meeting touches only its rows); `searchText` is an FTS5 index over it (external
/// content, kept in step by triggers on `searchEntry`). `searchSource` is the one definition of what the public may
/// find (published papers on non-exempt items of published agendas, those items and their decisions, issued
/// recommendations and submitted responses on public papers, a board's reserved decisions); SQL triggers on
/// every table it reads re-index the affected meeting, so no write path can forget the index, and drafts or
/// exempt material never reach it.
enum SearchSchema {
    static let source = """
        CREATE VIEW searchSource AS
        SELECT p.title AS title, p.markdown AS content, 'paper' AS kind, p.id AS refId, m.id AS meetingId, m.bodyId AS bodyId,
               date(p.publishedAt) AS day
        FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId JOIN meeting m ON m.id = i.meetingId
        WHERE p.status = 'published' AND i.isExempt = 0 AND m.agendaPublishedAt IS NOT NULL
        UNION ALL
        SELECT i.title, COALESCE(i.decision, ''), CASE WHEN i.decision IS NULL OR i.decision = '' THEN 'item' ELSE 'decision' END,
               i.id, m.id, m.bodyId, date(m.startsAt)
        FROM agendaItem i JOIN meeting m ON m.id = i.meetingId
        WHERE i.isExempt = 0 AND m.agendaPublishedAt IS NOT NULL AND i.itemType <> 'procedural'
        UNION ALL
        SELECT 'Recommendation ' || r.number || ' of ' || p.title, r.text, 'recommendation', r.id, m.id, m.bodyId, date(r.issuedAt)
        FROM recommendation r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
        JOIN meeting m ON m.id = i.meetingId
        WHERE r.status <> 'draft' AND p.status IN ('published', 'superseded') AND i.isExempt = 0 AND m.agendaPublishedAt IS NOT NULL
        UNION ALL
        SELECT 'Response of ' || o.name || ' to recommendation ' || r.number || ' of ' || p.title,
               TRIM(COALESCE(ri.decision, '') || ' ' || ri.reasons || ' ' || ri.action), 'response', r.id, m.id, m.bodyId,
               date(resp.submittedAt)
        FROM responseItem ri JOIN response resp ON resp.id = ri.responseId JOIN recommendation r ON r.id = ri.recommendationId
        JOIN organisation o ON o.id = resp.organisationId JOIN paper p ON p.id = r.paperId
        JOIN agendaItem i ON i.id = p.agendaItemId JOIN meeting m ON m.id = i.meetingId
        WHERE resp.status = 'submitted' AND r.status <> 'draft' AND p.status IN ('published', 'superseded') AND i.isExempt = 0
          AND m.agendaPublishedAt IS NOT NULL
          AND resp.version = (SELECT MAX(version) FROM response x
                              WHERE x.paperId = resp.paperId AND x.organisationId = resp.organisationId AND x.status = 'submitted')
        UNION ALL
        SELECT CASE d.function WHEN 'budget-precept' THEN 'Force budget and precept'
                               WHEN 'appoint-chief-constable' THEN 'Appointment of the Chief Constable'
                               WHEN 'dismiss-chief-constable' THEN 'Dismissal of the Chief Constable'
                               ELSE 'Policing plan' END,
               d.summary || ' ' || COALESCE(d.chiefConstable, '') || ' ' || COALESCE(d.priorities, ''), 'board-decision', d.id,
               d.meetingId, d.bodyId, d.decidedOn
        FROM boardDecision d
        """

    /// Tables whose rows change what a meeting shows, with the SQL that finds the meeting from NEW or OLD.
    static let meetingOf: [(table: String, meeting: @Sendable (String) -> String)] = [
        ("meeting", { "\($0).id" }),
        ("agendaItem", { "\($0).meetingId" }),
        ("paper", { "(SELECT meetingId FROM agendaItem WHERE id = \($0).agendaItemId)" }),
        ("recommendation", { "(SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = \($0).paperId)" }),
        ("response", { "(SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = \($0).paperId)" }),
        ("responseItem", { """
            (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
             WHERE r.id = \($0).responseId)
            """ }),
    ]

    /// Keep the external-content FTS index in step with `searchEntry`.
    static let entryTriggers = """
        CREATE TRIGGER searchEntry_insert AFTER INSERT ON searchEntry BEGIN
            INSERT INTO searchText(rowid, title, content) VALUES (NEW.id, NEW.title, NEW.content);
        END;
        CREATE TRIGGER searchEntry_delete AFTER DELETE ON searchEntry BEGIN
            INSERT INTO searchText(searchText, rowid, title, content) VALUES ('delete', OLD.id, OLD.title, OLD.content);
        END;
        """

    static func reindexMeeting(_ meeting: String) -> String {
        """
        DELETE FROM searchEntry WHERE meetingId = \(meeting) AND kind <> 'board-decision';
        INSERT INTO searchEntry(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = \(meeting) AND kind <> 'board-decision';
        """
    }

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE searchEntry (
                id INTEGER PRIMARY KEY, title TEXT NOT NULL, content TEXT NOT NULL, kind TEXT NOT NULL, refId INTEGER NOT NULL,
                meetingId INTEGER, bodyId INTEGER NOT NULL, day TEXT);
            CREATE INDEX searchEntry_meeting ON searchEntry(meetingId);
            CREATE INDEX searchEntry_ref ON searchEntry(kind, refId);
            CREATE VIRTUAL TABLE searchText USING fts5(
                title, content, content = 'searchEntry', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
            \(entryTriggers)
            """)
        try db.execute(sql: source)
        // Table triggers only note which meeting changed; the trigger on `searchDirty` re-indexes it with the meeting
        // id as a plain value, so SQLite can push it into every branch of `searchSource` (a subquery there would
        // make it read the whole view on every write).
        try db.execute(sql: """
            CREATE TABLE searchDirty (meetingId INTEGER NOT NULL);
            CREATE TRIGGER searchDirty_reindex AFTER INSERT ON searchDirty BEGIN
                \(reindexMeeting("NEW.meetingId"))
                DELETE FROM searchDirty WHERE rowid = NEW.rowid;
            END;
            """)
        for (table, meeting) in meetingOf {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                let rows = event == "INSERT" ? ["NEW"] : event == "DELETE" ? ["OLD"] : ["OLD", "NEW"]
                let body = rows.map { "INSERT INTO searchDirty(meetingId) SELECT \(meeting($0)) WHERE \(meeting($0)) IS NOT NULL;" }
                    .joined(separator: "\n")
                try db.execute(sql: "CREATE TRIGGER search_\(table)_\(event.lowercased()) AFTER \(event) ON \(table) BEGIN \(body) END;")
            }
        }
        try db.execute(sql: """
            CREATE TRIGGER search_boardDecision_insert AFTER INSERT ON boardDecision BEGIN
                INSERT INTO searchEntry(title, content, kind, refId, meetingId, bodyId, day)
                    SELECT * FROM searchSource WHERE kind = 'board-decision' AND refId = NEW.id;
            END;
            CREATE TRIGGER search_boardDecision_delete AFTER DELETE ON boardDecision BEGIN
                DELETE FROM searchEntry WHERE kind = 'board-decision' AND refId = OLD.id;
            END;
            CREATE TRIGGER search_boardDecision_update AFTER UPDATE ON boardDecision BEGIN
                DELETE FROM searchEntry WHERE kind = 'board-decision' AND refId = OLD.id;
                INSERT INTO searchEntry(title, content, kind, refId, meetingId, bodyId, day)
                    SELECT * FROM searchSource WHERE kind = 'board-decision' AND refId = NEW.id;
            END;
            """)
        try rebuild(db)
    }

    /// Stops feeding the FTS index row by row, for a bulk load that ends with `rebuild`.
    static func suspend(_ db: Database) throws {
        try db.execute(sql: "DROP TRIGGER IF EXISTS searchEntry_insert; DROP TRIGGER IF EXISTS searchEntry_delete;")
    }

    /// Refills the entries from `searchSource`, then rebuilds the FTS index from them in one pass.
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER IF EXISTS searchEntry_insert;
            DROP TRIGGER IF EXISTS searchEntry_delete;
            DELETE FROM searchEntry;
            INSERT INTO searchEntry(title, content, kind, refId, meetingId, bodyId, day) SELECT * FROM searchSource;
            INSERT INTO searchText(searchText) VALUES ('rebuild');
            \(entryTriggers)
            """)
    }
}
