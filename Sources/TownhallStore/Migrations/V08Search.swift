import TownhallDomain

/// `v8-search` as it first shipped (commit 974c796): an FTS5 table `searchIndex` filled from the view `searchSource`
/// by triggers that re-index a whole meeting on every change. Frozen here as the SQL it ran, since the code it once
/// called has changed since; `v11-schema-catch-up` replaces all of it.
enum V08Search {
    static let identifier = "v8-search"

    static let sql = """
        CREATE VIRTUAL TABLE searchIndex USING fts5(
            title, content, kind UNINDEXED, refId UNINDEXED, meetingId UNINDEXED, bodyId UNINDEXED, day UNINDEXED,
            tokenize = 'porter unicode61 remove_diacritics 2');
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
        CREATE TRIGGER search_meeting_insert AFTER INSERT ON meeting BEGIN DELETE FROM searchIndex WHERE meetingId = NEW.id AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = NEW.id AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_meeting_update AFTER UPDATE ON meeting BEGIN DELETE FROM searchIndex WHERE meetingId = OLD.id AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = OLD.id AND kind <> 'board-decision';
        DELETE FROM searchIndex WHERE meetingId = NEW.id AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = NEW.id AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_meeting_delete AFTER DELETE ON meeting BEGIN DELETE FROM searchIndex WHERE meetingId = OLD.id AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = OLD.id AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_agendaItem_insert AFTER INSERT ON agendaItem BEGIN DELETE FROM searchIndex WHERE meetingId = NEW.meetingId AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = NEW.meetingId AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_agendaItem_update AFTER UPDATE ON agendaItem BEGIN DELETE FROM searchIndex WHERE meetingId = OLD.meetingId AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = OLD.meetingId AND kind <> 'board-decision';
        DELETE FROM searchIndex WHERE meetingId = NEW.meetingId AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = NEW.meetingId AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_agendaItem_delete AFTER DELETE ON agendaItem BEGIN DELETE FROM searchIndex WHERE meetingId = OLD.meetingId AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = OLD.meetingId AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_paper_insert AFTER INSERT ON paper BEGIN DELETE FROM searchIndex WHERE meetingId = (SELECT meetingId FROM agendaItem WHERE id = NEW.agendaItemId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT meetingId FROM agendaItem WHERE id = NEW.agendaItemId) AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_paper_update AFTER UPDATE ON paper BEGIN DELETE FROM searchIndex WHERE meetingId = (SELECT meetingId FROM agendaItem WHERE id = OLD.agendaItemId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT meetingId FROM agendaItem WHERE id = OLD.agendaItemId) AND kind <> 'board-decision';
        DELETE FROM searchIndex WHERE meetingId = (SELECT meetingId FROM agendaItem WHERE id = NEW.agendaItemId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT meetingId FROM agendaItem WHERE id = NEW.agendaItemId) AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_paper_delete AFTER DELETE ON paper BEGIN DELETE FROM searchIndex WHERE meetingId = (SELECT meetingId FROM agendaItem WHERE id = OLD.agendaItemId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT meetingId FROM agendaItem WHERE id = OLD.agendaItemId) AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_recommendation_insert AFTER INSERT ON recommendation BEGIN DELETE FROM searchIndex WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_recommendation_update AFTER UPDATE ON recommendation BEGIN DELETE FROM searchIndex WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) AND kind <> 'board-decision';
        DELETE FROM searchIndex WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_recommendation_delete AFTER DELETE ON recommendation BEGIN DELETE FROM searchIndex WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_response_insert AFTER INSERT ON response BEGIN DELETE FROM searchIndex WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_response_update AFTER UPDATE ON response BEGIN DELETE FROM searchIndex WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) AND kind <> 'board-decision';
        DELETE FROM searchIndex WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = NEW.paperId) AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_response_delete AFTER DELETE ON response BEGIN DELETE FROM searchIndex WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT i.meetingId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId WHERE p.id = OLD.paperId) AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_responseItem_insert AFTER INSERT ON responseItem BEGIN DELETE FROM searchIndex WHERE meetingId = (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = NEW.responseId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = NEW.responseId) AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_responseItem_update AFTER UPDATE ON responseItem BEGIN DELETE FROM searchIndex WHERE meetingId = (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = OLD.responseId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = OLD.responseId) AND kind <> 'board-decision';
        DELETE FROM searchIndex WHERE meetingId = (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = NEW.responseId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = NEW.responseId) AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_responseItem_delete AFTER DELETE ON responseItem BEGIN DELETE FROM searchIndex WHERE meetingId = (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = OLD.responseId) AND kind <> 'board-decision';
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
            SELECT * FROM searchSource WHERE meetingId = (SELECT i.meetingId FROM response r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
         WHERE r.id = OLD.responseId) AND kind <> 'board-decision'; END;
        CREATE TRIGGER search_boardDecision_insert AFTER INSERT ON boardDecision BEGIN
            INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
                SELECT * FROM searchSource WHERE kind = 'board-decision' AND refId = NEW.id;
        END;
        CREATE TRIGGER search_boardDecision_delete AFTER DELETE ON boardDecision BEGIN
            DELETE FROM searchIndex WHERE kind = 'board-decision' AND refId = OLD.id;
        END;
        CREATE TRIGGER search_boardDecision_update AFTER UPDATE ON boardDecision BEGIN
            DELETE FROM searchIndex WHERE kind = 'board-decision' AND refId = OLD.id;
            INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day)
                SELECT * FROM searchSource WHERE kind = 'board-decision' AND refId = NEW.id;
        END;
        DELETE FROM searchIndex;
        INSERT INTO searchIndex(title, content, kind, refId, meetingId, bodyId, day) SELECT * FROM searchSource;
        """
}
