import TownhallDomain

/// `v12-paper-text`: search indexes the words of the rendered paper, not its Markdown source (issue 14.2), so what
/// the renderer drops (HTML comments, raw HTML, link-definition titles) cannot be found or shown in a snippet.
/// `paper.text` is written by the store with every paper (its record derives it from `html`); papers published
/// before this migration get theirs when the store opens (`PaperText.fill`), which re-indexes their meetings.
enum V12PaperText {
    static let identifier = "v12-paper-text"

    static let sql = """
        ALTER TABLE paper ADD COLUMN "text" TEXT;
        -- The papers `PaperText.fill` must still give their words: empty once filled, so the check every time the
        -- store opens reads this index, not the whole paper table.
        CREATE INDEX paper_textMissing ON paper(id) WHERE html IS NOT NULL AND text IS NULL;

        -- What the public may find: as in v11, with the paper's rendered words in place of its Markdown.
        DROP VIEW searchSource;
        CREATE VIEW searchSource AS
        SELECT p.title AS title, COALESCE(p.text, '') AS content, 'paper' AS kind, p.id AS refId, m.id AS meetingId, m.bodyId AS bodyId,
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
        """
}
