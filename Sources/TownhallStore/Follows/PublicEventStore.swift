import Foundation
import GRDB
import TownhallDomain

/// Public events: what became public, read from the audit trail (every write records a line there, so no change
/// can be missed or reported twice), and what each concerns. Each is written only if what it reports is public when
/// it is read, by the same `PublicSQL` rules as every page, so a paper published and withdrawn before the next pass
/// is never told. Followers' feeds and alerts are made from these rows alone.
extension AppDatabase {
    /// Brings the events up to date with the audit trail (at most `batch` lines a pass); with `overdue`, adds each
    /// response that has become overdue (a walk over every tracked recommendation, so not every pass); and gives
    /// every confirmed follow of an event's targets its alert. Returns how many events were written. Run by the
    /// server every few seconds and by `townhall notify run`; two at once are serialised by the store's one writer,
    /// and an event is keyed, so it is never written twice.
    @discardableResult
    public func recordPublicEvents(deadlines: Deadlines, now: Date, overdue: Bool = true, batch: Int = 5_000) throws -> Int {
        // Read before the write transaction, so the walk never holds up a clerk's write; each is checked again inside.
        let late = overdue ? try writer.read { db in
            try Self.tracked(db, RecommendationScope(), deadlines, now).filter { $0.state == .overdue || $0.state == .longOverdue }
        } : []
        return try writer.write { db in
            var writer = PublicEventWriter(db: db, time: deadlines.time)
            let position = try Int64.fetchOne(db, sql: "SELECT auditId FROM publicEventState WHERE id = 1") ?? 0
            let lines = try Row.fetchAll(db, sql: """
                SELECT id, at, action, objectType, objectId, details FROM auditLog WHERE id > ? ORDER BY id LIMIT ?
                """, arguments: [position, batch])
            for line in lines {
                try writer.record(auditLine: line)
            }
            if let last = lines.last?["id"] as Int64? {
                try db.execute(sql: "INSERT INTO publicEventState (id, auditId) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET auditId = excluded.auditId",
                               arguments: [last])
            }
            for tracked in late {
                try writer.overdue(tracked, at: now)
            }
            return writer.written
        }
    }

    /// The events of one target, newest first, for its Atom feed.
    public func publicEvents(for target: FollowTarget, limit: Int = 50) throws -> [PublicEvent] {
        try writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT e.* FROM publicEventTarget t JOIN publicEvent e ON e.id = t.eventId
                WHERE t.targetKind = ? AND t.targetKey = ? ORDER BY e.id DESC LIMIT ?
                """), arguments: [target.kind.rawValue, target.key, limit]).compactMap(PublicEvent.init(row:))
        }
    }
}

extension PublicEvent {
    init?(row: Row) {
        guard let kind = AlertKind(rawValue: row["kind"]), let link = EventLink(kind: row["linkKind"], key: row["linkKey"]) else { return nil }
        self.init(id: row["id"], kind: kind, title: row["title"], detail: row["detail"], link: link, at: row["at"])
    }
}

/// Writes events inside the pass's transaction and fans each out to the follows of its targets.
struct PublicEventWriter {
    let db: Database
    let time: LocalTime
    var written = 0
    /// The confirmed saved searches, each with the FTS5 query the search page makes of its words; read at the first
    /// paper of a pass, and kept for the rest of it.
    private var searches: [(key: String, query: String)]?

    private mutating func savedSearches() throws -> [(key: String, query: String)] {
        if let searches { return searches }
        let found = try String.fetchAll(db, sql: """
            SELECT DISTINCT targetKey FROM follow WHERE targetKind = 'search' AND confirmedAt IS NOT NULL
            """).compactMap { key in SearchRequest(text: key).ftsQuery.map { (key, $0) } }
        searches = found
        return found
    }

    init(db: Database, time: LocalTime) {
        self.db = db
        self.time = time
    }

    mutating func record(auditLine line: Row) throws {
        guard let action = AuditAction(rawValue: line["action"]), let object = AuditObject(rawValue: line["objectType"]),
              let id = line["objectId"] as Int64? else { return }
        let at: Date = line["at"]
        let key = "audit:\(line["id"] as Int64)"
        switch (action, object) {
        case (.publishAgenda, .meeting):
            try meeting(id, kind: .agendaPublished, at: at, key: key)
        case (.setStatus, .meeting):
            let status = MeetingStatus(rawValue: line["details"])
            if status == .postponed { try meeting(id, kind: .meetingPostponed, at: at, key: key) }
            if status == .cancelled { try meeting(id, kind: .meetingCancelled, at: at, key: key) }
        case (.publish, .paper):
            try paper(id, at: at, key: key)
        case (.submit, .response):
            try response(id, at: at, key: key)
        case (.updateImplementation, .recommendation):
            try implementationUpdate(id, at: at, key: key)
        case (.add, .planEntry):
            try planEntry(id, at: at, key: key)
        default:
            return
        }
    }

    private mutating func meeting(_ id: Int64, kind: AlertKind, at: Date, key: String) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT m.title, m.startsAt, m.status, m.statusReason, m.agendaPublishedAt, b.name, b.slug, q.slug AS inquirySlug
            FROM meeting m JOIN body b ON b.id = m.bodyId LEFT JOIN inquiry q ON q.id = m.inquiryId WHERE m.id = ?
            """, arguments: [id])
        else { return }
        // Told only while still true: a cancellation undone before the pass, or an agenda not (any longer) published, is not.
        switch kind {
        case .agendaPublished: guard row["agendaPublishedAt"] as Date? != nil else { return }
        case .meetingPostponed: guard row["status"] == MeetingStatus.postponed.rawValue else { return }
        case .meetingCancelled: guard row["status"] == MeetingStatus.cancelled.rawValue else { return }
        default: break
        }
        let detail = kind == .agendaPublished ? "" : (row["statusReason"] as String?).map { "Reason: \($0)" } ?? ""
        // Dated when it happened, which for an agenda is its publication (a backdated record keeps its day).
        let at = kind == .agendaPublished ? (row["agendaPublishedAt"] as Date?) ?? at : at
        var targets: [FollowTarget] = [.body(row["slug"]), .meeting(id)]
        if let inquiry = row["inquirySlug"] as String? { targets.append(.inquiry(inquiry)) }
        try write(PublicEvent(
            kind: kind, title: "\(row["name"] as String): \(row["title"] as String), \(time.dateTime(row["startsAt"] as Date))",
            detail: detail, link: .meeting(id), at: at), key: key, targets: targets)
    }

    private mutating func paper(_ id: Int64, at: Date, key: String) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT p.title, p.revision, p.publishedAt, m.id AS meetingId, m.title AS meetingTitle, m.startsAt, b.name, b.slug, q.slug AS inquirySlug,
                   (SELECT r.slug FROM inquiry r WHERE r.reportPaperId IN (p.id, p.previousRevisionId)) AS reportOf
            FROM \(PublicSQL.paperJoins) JOIN body b ON b.id = m.bodyId LEFT JOIN inquiry q ON q.id = m.inquiryId
            WHERE p.id = ? AND \(PublicSQL.currentPaper)
            """, arguments: [id])
        else { return }
        let revision: Int = row["revision"]
        var targets: [FollowTarget] = [.body(row["slug"]), .meeting(row["meetingId"])]
        for inquiry in [row["inquirySlug"] as String?, row["reportOf"] as String?].compactMap({ $0 }) { targets.append(.inquiry(inquiry)) }
        for search in try savedSearches() where try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM searchText JOIN searchEntry s ON s.id = searchText.rowid WHERE searchText MATCH ? AND s.kind = 'paper' AND s.refId = ?
            """), arguments: [search.query, id]) == true {
            targets.append(FollowTarget(kind: "search", key: search.key)!)
        }
        try write(PublicEvent(
            kind: revision > 1 ? .paperRevised : .paperPublished, title: "\(row["name"] as String): \(row["title"] as String)",
            detail: "For \(row["meetingTitle"] as String), \(time.dateTime(row["startsAt"] as Date))" + (revision > 1 ? " (revision \(revision))" : ""),
            link: .paper(id), at: (row["publishedAt"] as Date?) ?? at), key: key, targets: targets)
    }

    /// The public recommendations a response answers, with what each concerns.
    private func answered(_ responseId: Int64) throws -> [Row] {
        try Row.fetchAll(db, sql: """
            SELECT r.id, r.number, b.name AS bodyName, b.slug AS bodySlug, o.name AS organisationName, o.slug AS organisationSlug,
                   p.title AS paperTitle, p.id AS paperId, resp.submittedAt, (SELECT q.slug FROM inquiry q WHERE q.reportPaperId IN (p.id, p.previousRevisionId)) AS inquirySlug
            FROM \(PublicSQL.paperJoins) JOIN recommendation r ON r.paperId = p.id JOIN responseItem ri ON ri.recommendationId = r.id
            JOIN response resp ON resp.id = ri.responseId JOIN body b ON b.id = r.bodyId JOIN organisation o ON o.id = resp.organisationId
            WHERE ri.responseId = ? AND resp.status = 'submitted' AND \(PublicSQL.recommendation)
            ORDER BY r.number
            """, arguments: [responseId])
    }

    private mutating func response(_ id: Int64, at: Date, key: String) throws {
        let rows = try answered(id)
        guard let first = rows.first else { return }
        var targets: [FollowTarget] = [.body(first["bodySlug"]), .organisation(first["organisationSlug"])]
        for row in rows {
            targets.append(.recommendation(row["id"]))
            if let inquiry = row["inquirySlug"] as String? { targets.append(.inquiry(inquiry)) }
        }
        let numbers = rows.map { String($0["number"] as Int) }.joined(separator: ", ")
        try write(PublicEvent(
            kind: .responseReceived,
            title: "\(first["organisationName"] as String) responded to \(first["bodyName"] as String): \(first["paperTitle"] as String)",
            detail: "Recommendation\(rows.count == 1 ? "" : "s") \(numbers)",
            link: rows.count == 1 ? .recommendation(first["id"]) : .paper(first["paperId"]), at: (first["submittedAt"] as Date?) ?? at),
            key: key, targets: targets)
    }

    /// The public recommendation `id`, with what it concerns.
    private func recommendation(_ id: Int64) throws -> Row? {
        try Row.fetchOne(db, sql: """
            SELECT r.id, r.number, b.name AS bodyName, b.slug AS bodySlug, o.name AS organisationName, o.slug AS organisationSlug,
                   (SELECT q.slug FROM inquiry q WHERE q.reportPaperId IN (p.id, p.previousRevisionId)) AS inquirySlug
            FROM \(PublicSQL.paperJoins) JOIN recommendation r ON r.paperId = p.id JOIN body b ON b.id = r.bodyId
            JOIN organisation o ON o.id = r.organisationId
            WHERE r.id = ? AND \(PublicSQL.recommendation)
            """, arguments: [id])
    }

    private func targets(ofRecommendation row: Row) -> [FollowTarget] {
        var targets: [FollowTarget] = [.body(row["bodySlug"]), .organisation(row["organisationSlug"]), .recommendation(row["id"])]
        if let inquiry = row["inquirySlug"] as String? { targets.append(.inquiry(inquiry)) }
        return targets
    }

    private mutating func implementationUpdate(_ id: Int64, at: Date, key: String) throws {
        guard let row = try recommendation(id),
              let update = try ImplementationUpdate.filter(Column("recommendationId") == id).order(Column("id").desc).fetchOne(db)
        else { return }
        try write(PublicEvent(
            kind: .implementationUpdate,
            title: "\(row["organisationName"] as String) on recommendation \(row["number"] as Int) of \(row["bodyName"] as String)",
            detail: "\(update.status.label): \(update.note)", link: .recommendation(id), at: update.at), key: key, targets: targets(ofRecommendation: row))
    }

    private mutating func planEntry(_ id: Int64, at: Date, key: String) throws {
        guard let entry = try PlanEntry.fetchOne(db, key: id), let body = try Body.fetchOne(db, key: entry.bodyId) else { return }
        let expected = Day(entry.expectedOn).map(time.longDate(day:)) ?? entry.expectedOn
        try write(PublicEvent(
            kind: .planEntry, title: "\(body.name): \(entry.title)",
            detail: "Expected on \(expected)" + (entry.isKeyDecision ? "; a key decision" : "") + (entry.exemptParagraph == nil ? "" : "; to be taken in private"),
            link: .body(body.slug), at: entry.publishedAt), key: key, targets: [.body(body.slug)])
    }

    mutating func overdue(_ tracked: TrackedRecommendation, at: Date) throws {
        let record = tracked.recommendation
        guard let id = record.id, let row = try recommendation(id) else { return }
        // Still unanswered, with the same due day, now that the write has begun.
        guard try Bool.fetchOne(db, sql: """
            SELECT r.dueOn IS ? AND r.status = 'issued' AND NOT EXISTS (
              SELECT 1 FROM responseItem ri JOIN response resp ON resp.id = ri.responseId
              WHERE ri.recommendationId = r.id AND resp.status = 'submitted')
            FROM recommendation r WHERE r.id = ?
            """, arguments: [record.dueOn, id]) == true
        else { return }
        let due = record.dueOn.flatMap(Day.init).map(time.longDate(day:)) ?? "its due day"
        try write(PublicEvent(
            kind: .recommendationOverdue,
            title: "\(tracked.organisation.name) has not responded to recommendation \(record.number) of \(tracked.body.name)",
            detail: "The response was due by the end of \(due).", link: .recommendation(id), at: at),
            key: "overdue:\(id):\(record.dueOn ?? "")", targets: targets(ofRecommendation: row))
    }

    /// The event, once per key, its targets, and an alert for every confirmed follow of any of them.
    private mutating func write(_ event: PublicEvent, key: String, targets: [FollowTarget]) throws {
        try db.execute(sql: """
            INSERT INTO publicEvent (kind, title, detail, linkKind, linkKey, at, dedupeKey) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (dedupeKey) DO NOTHING
            """, arguments: [event.kind.rawValue, event.title, event.detail, event.link.kind, event.link.key, event.at, key])
        guard db.changesCount > 0 else { return }
        let eventId = db.lastInsertedRowID
        written += 1
        for target in Set(targets) {
            try db.execute(sql: "INSERT OR IGNORE INTO publicEventTarget (eventId, targetKind, targetKey) VALUES (?, ?, ?)",
                           arguments: [eventId, target.kind.rawValue, target.key])
            try db.execute(sql: """
                INSERT OR IGNORE INTO alert (followId, eventId)
                SELECT id, ? FROM follow WHERE targetKind = ? AND targetKey = ? AND confirmedAt IS NOT NULL
                """, arguments: [eventId, target.kind.rawValue, target.key])
        }
    }
}
