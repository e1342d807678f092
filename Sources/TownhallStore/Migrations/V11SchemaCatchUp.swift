import TownhallDomain

/// `v11-schema-catch-up`: brings every store to the schema of commit e7f71ec, whichever build first migrated it.
/// `v8-search` and `v9-last-change` were changed in place after they shipped (the search index was rebuilt twice and an
/// audit index added), so a store migrated by an earlier build never got what a fresh store had. This replaces the
/// search index and adds the index as they stood at e7f71ec, as literal SQL.
enum V11SchemaCatchUp {
    static let identifier = "v11-schema-catch-up"

    static let sql = """
        -- Every earlier form of the search index goes: the FTS5 table of v8 as first shipped, or the entry table with or
        -- without the dirty-meeting queue of later builds.
        DROP TRIGGER IF EXISTS "search_agendaItem_delete";
        DROP TRIGGER IF EXISTS "search_agendaItem_insert";
        DROP TRIGGER IF EXISTS "search_agendaItem_update";
        DROP TRIGGER IF EXISTS "search_boardDecision_delete";
        DROP TRIGGER IF EXISTS "search_boardDecision_insert";
        DROP TRIGGER IF EXISTS "search_boardDecision_update";
        DROP TRIGGER IF EXISTS "search_meeting_delete";
        DROP TRIGGER IF EXISTS "search_meeting_insert";
        DROP TRIGGER IF EXISTS "search_meeting_update";
        DROP TRIGGER IF EXISTS "search_paper_delete";
        DROP TRIGGER IF EXISTS "search_paper_insert";
        DROP TRIGGER IF EXISTS "search_paper_update";
        DROP TRIGGER IF EXISTS "search_recommendation_delete";
        DROP TRIGGER IF EXISTS "search_recommendation_insert";
        DROP TRIGGER IF EXISTS "search_recommendation_update";
        DROP TRIGGER IF EXISTS "search_responseItem_delete";
        DROP TRIGGER IF EXISTS "search_responseItem_insert";
        DROP TRIGGER IF EXISTS "search_responseItem_update";
        DROP TRIGGER IF EXISTS "search_response_delete";
        DROP TRIGGER IF EXISTS "search_response_insert";
        DROP TRIGGER IF EXISTS "search_response_update";
        DROP TRIGGER IF EXISTS "searchEntry_insert";
        DROP TRIGGER IF EXISTS "searchEntry_delete";
        DROP TRIGGER IF EXISTS "searchDirty_reindex";
        DROP VIEW IF EXISTS searchSource;
        DROP TABLE IF EXISTS searchIndex;
        DROP TABLE IF EXISTS searchText;
        DROP TABLE IF EXISTS searchDirty;
        DROP TABLE IF EXISTS searchEntry;
        DROP INDEX IF EXISTS "auditLog_object";

        -- OParl's created and modified come from the audit trail of each object.
        CREATE INDEX "auditLog_object" ON "auditLog"("objectType", "objectId", "at");

        -- One row per findable thing, indexed by meeting, so re-indexing a meeting touches only its rows; an FTS5 index
        -- over it with external content.
        CREATE TABLE searchEntry (
            id INTEGER PRIMARY KEY, title TEXT NOT NULL, content TEXT NOT NULL, kind TEXT NOT NULL, refId INTEGER NOT NULL,
            meetingId INTEGER, bodyId INTEGER NOT NULL, day TEXT);
        CREATE INDEX searchEntry_meeting ON searchEntry(meetingId);
        CREATE INDEX searchEntry_ref ON searchEntry(kind, refId);
        CREATE VIRTUAL TABLE searchText USING fts5(
            title, content, content = 'searchEntry', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');

        -- What the public may find.
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
        FROM boardDecision d;

        -- Table triggers only note which meeting changed; the trigger on searchDirty re-indexes it with the meeting id as a
        -- plain value, so SQLite can push it into every branch of searchSource.
        CREATE TABLE searchDirty (meetingId INTEGER NOT NULL);
        CREATE TRIGGER searchDirty_reindex AFTER INSERT ON searchDirty BEGIN
            DELETE FROM searchEntry WHERE meetingId = NEW.meetingId AND kind <> 'board-decision';
        INSERT INTO searchEntry(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = NEW.meetingId AND kind <> 'board-decision';
            DELETE FROM searchDirty WHERE rowid = NEW.rowid;
        END;
        CREATE TRIGGER search_agendaItem_delete AFTER DELETE ON agendaItem BEGIN INSERT INTO searchDirty(meetingId) SELECT OLD.meetingId WHERE OLD.meetingId IS NOT NULL; END;
        CREATE TRIGGER search_agendaItem_insert AFTER INSERT ON agendaItem BEGIN INSERT INTO searchDirty(meetingId) SELECT NEW.meetingId WHERE NEW.meetingId IS NOT NULL; END;
        CREATE TRIGGER search_agendaItem_update AFTER UPDATE ON agendaItem BEGIN INSERT INTO searchDirty(meetingId) SELECT OLD.meetingId WHERE OLD.meetingId IS NOT NULL;
        INSERT INTO searchDirty(meetingId) SELECT NEW.meetingId WHERE NEW.meetingId IS NOT NULL; END;
        CREATE TRIGGER search_boardDecision_delete AFTER DELETE ON boardDecision BEGIN
            DELETE FROM searchEntry WHERE kind = 'board-decision' AND refId = OLD.id;
        END;
        CREATE TRIGGER search_boardDecision_insert AFTER INSERT ON boardDecision BEGIN
            INSERT INTO searchEntry(title, content, kind, refId, meetingId, bodyId, day)
                SELECT * FROM searchSource WHERE kind = 'board-decision' AND refId = NEW.id;
        END;
        CREATE TRIGGER search_boardDecision_update AFTER UPDATE ON boardDecision BEGIN
            DELETE FROM searchEntry WHERE kind = 'board-decision' AND refId = OLD.id;
            INSERT INTO searchEntry(title, content, kind, refId, meetingId, bodyId, day)
                SELECT * FROM searchSource WHERE kind = 'board-decision' AND refId = NEW.id;
        END;
        CREATE TRIGGER search_meeting_delete AFTER DELETE ON meeting BEGIN INSERT INTO searchDirty(meetingId) SELECT OLD.id WHERE OLD.id IS NOT NULL; END;
        CREATE TRIGGER search_meeting_insert AFTER INSERT ON meeting BEGIN INSERT INTO searchDirty(meetingId) SELECT NEW.id WHERE NEW.id IS NOT NULL; END;
        CREATE TRIGGER search_meeting_update AFTER UPDATE ON meeting BEGIN INSERT INTO searchDirty(meetingId) SELECT OLD.id WHERE OLD.id IS NOT NULL;
        INSERT INTO searchDirty(meetingId) SELECT NEW.id WHERE NEW.id IS NOT NULL; END;
        CREATE TRIGGER search_paper_delete AFTER DELETE ON paper BEGIN INSERT INTO searchDirty(meetingId) SELECT (SELECT meetingId FROM agendaItem WHERE id = OLD.agendaItemId) WHERE (SELECT meetingId FROM agendaItem WHERE id = OLD.agendaItemId) IS NOT NULL; END;
        CREATE TRIGGER search_paper_insert AFTER INSERT ON paper BEGIN INSERT INTO searchDirty(meetingId) SELECT (SELECT meetingId FROM agendaItem WHERE id = NEW.agendaItemId) WHERE (SELECT meetingId FROM agendaItem WHERE id = NEW.agendaItemId) IS NOT NULL; END;
        CREATE TRIGGER search_paper_update AFTER UPDATE ON paper BEGIN INSERT INTO searchDirty(meetingId) SELECT (SELECT meetingId FROM agendaItem WHERE id = OLD.agendaItemId) WHERE (SELECT meetingId FROM agendaItem WHERE id = OLD.agendaItemId) IS NOT NULL;
        INSERT INTO searchDirty(meetingId) SELECT (SELECT meetingId FROM agendaItem WHERE id = NEW.agendaItemId) WHERE (SELECT meetingId FROM agendaItem WHERE id = NEW.agendaItemId) IS NOT NULL; END;
        CREATE TRIGGER search_recommendation_delete AFTER DELETE ON recommendation BEGIN INSERT INTO searchDirty(meetingId) SELECT (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) WHERE (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) IS NOT NULL; END;
        CREATE TRIGGER search_recommendation_insert AFTER INSERT ON recommendation BEGIN INSERT INTO searchDirty(meetingId) SELECT (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) WHERE (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) IS NOT NULL; END;
        CREATE TRIGGER search_recommendation_update AFTER UPDATE ON recommendation BEGIN INSERT INTO searchDirty(meetingId) SELECT (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) WHERE (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) IS NOT NULL;
        INSERT INTO searchDirty(meetingId) SELECT (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) WHERE (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) IS NOT NULL; END;
        CREATE TRIGGER search_responseItem_delete AFTER DELETE ON responseItem BEGIN INSERT INTO searchDirty(meetingId) SELECT (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = OLD.responseId) WHERE (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = OLD.responseId) IS NOT NULL; END;
        CREATE TRIGGER search_responseItem_insert AFTER INSERT ON responseItem BEGIN INSERT INTO searchDirty(meetingId) SELECT (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = NEW.responseId) WHERE (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = NEW.responseId) IS NOT NULL; END;
        CREATE TRIGGER search_responseItem_update AFTER UPDATE ON responseItem BEGIN INSERT INTO searchDirty(meetingId) SELECT (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = OLD.responseId) WHERE (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = OLD.responseId) IS NOT NULL;
        INSERT INTO searchDirty(meetingId) SELECT (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = NEW.responseId) WHERE (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = NEW.responseId) IS NOT NULL; END;
        CREATE TRIGGER search_response_delete AFTER DELETE ON response BEGIN INSERT INTO searchDirty(meetingId) SELECT (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) WHERE (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) IS NOT NULL; END;
        CREATE TRIGGER search_response_insert AFTER INSERT ON response BEGIN INSERT INTO searchDirty(meetingId) SELECT (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) WHERE (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) IS NOT NULL; END;
        CREATE TRIGGER search_response_update AFTER UPDATE ON response BEGIN INSERT INTO searchDirty(meetingId) SELECT (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) WHERE (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) IS NOT NULL;
        INSERT INTO searchDirty(meetingId) SELECT (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) WHERE (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) IS NOT NULL; END;

        -- Fill the index once, then keep the FTS table in step with every entry.
        INSERT INTO searchEntry(title, content, kind, refId, meetingId, bodyId, day) SELECT * FROM searchSource;
        INSERT INTO searchText(searchText) VALUES ('rebuild');
        CREATE TRIGGER searchEntry_insert AFTER INSERT ON searchEntry BEGIN
            INSERT INTO searchText(rowid, title, content) VALUES (NEW.id, NEW.title, NEW.content);
        END;
        CREATE TRIGGER searchEntry_delete AFTER DELETE ON searchEntry BEGIN
            INSERT INTO searchText(searchText, rowid, title, content) VALUES ('delete', OLD.id, OLD.title, OLD.content);
        END;
        """
}
