import Foundation
import GRDB
import TownhallDomain

extension ContributionWindow: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "contributionWindow"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Contribution: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "contribution"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A message to the sender of a contribution, written by the web target (which knows the site's links) for the store
/// to queue in the same transaction as the change it reports; `about` names the meeting or inquiry. Nil sends nothing.
public typealias ContributionMessage = @Sendable (_ contribution: Contribution, _ window: ContributionWindow, _ about: String) -> (subject: String, body: String)?

/// A file sent with written evidence, as the form or the CLI read it.
public struct ContributionFile: Sendable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

extension AppDatabase {
    /// Opens (or moves the deadline of) questions for a meeting: they close `clearDays` clear working days before it
    /// (`QuestionDeadline`). The meeting's public questions item is the one accepted questions are published under;
    /// when it has none, one is added at the end of the (unpublished) agenda. Window, item and audit in one transaction.
    @discardableResult
    public func openQuestions(
        meetingId: Int64, clearDays: Int, now: Date, deadlines: Deadlines, rule: PublicationRule, actor: Actor
    ) throws -> ContributionWindow {
        try writer.write { db in
            guard let meeting = try Meeting.fetchOne(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
            let existingItem = try AgendaItem.filter(Column("meetingId") == meetingId && Column("itemType") == QuestionDeadline.itemType.rawValue)
                .order(Column("position")).fetchOne(db)
            let closesAt = try QuestionDeadline.closesAt(
                meetingStart: meeting.startsAt, clearDays: clearDays, workingDays: deadlines.workingDays, time: deadlines.time)
            if let problem = QuestionDeadline.problem(meeting: meeting, hasItem: existingItem != nil, clearDays: clearDays, closesAt: closesAt, now: now) {
                throw TownhallError.invalid(problem)
            }
            let item = try existingItem ?? Self.insertAgendaItem(
                db, meetingId: meetingId, title: QuestionDeadline.itemTitle, type: QuestionDeadline.itemType, urgency: nil, rule: rule, at: now, actor: actor)
            var window = try ContributionWindow.filter(Column("meetingId") == meetingId).fetchOne(db)
                ?? ContributionWindow(kind: .question, meetingId: meetingId, closesAt: closesAt, openedAt: now, openedBy: actor.publicName)
            window.agendaItemId = item.id
            window.clearDays = clearDays
            window.closesAt = closesAt
            try window.save(db)
            try db.audit(actor, .openContributions, .meeting, meetingId,
                         "questions until \(deadlines.time.dateTime(closesAt)) (\(clearDays) clear working days)", at: now)
            return window
        }
    }

    /// Opens (or moves the closing day of) an inquiry's call for evidence: open to the end of `closesOn`, a day
    /// still to come.
    @discardableResult
    public func openCallForEvidence(inquirySlug: String, closesOn: String, now: Date, time: LocalTime, actor: Actor) throws -> ContributionWindow {
        guard let day = Day(try time.parseDay(closesOn)) else { throw TownhallError.invalid("\"\(closesOn)\" is not a date: use YYYY-MM-DD") }
        let closesAt = try time.parseDateTime("\(day.adding(days: 1)) 00:00")
        if closesAt <= now { throw TownhallError.invalid("the closing day must be today or later") }
        return try writer.write { db in
            let inquiry = try Self.find(Inquiry.self, slug: inquirySlug, what: "inquiry", db)
            var window = try ContributionWindow.filter(Column("inquiryId") == inquiry.id!).fetchOne(db)
                ?? ContributionWindow(kind: .evidence, inquiryId: inquiry.id!, closesAt: closesAt, openedAt: now, openedBy: actor.publicName)
            window.closesAt = closesAt
            try window.save(db)
            try db.audit(actor, .openContributions, .inquiry, inquiry.id, "written evidence until the end of \(day)", at: now)
            return window
        }
    }

    /// Closes a window now; a closed window stays closed. Returns it.
    @discardableResult
    public func closeContributionWindow(id: Int64, now: Date, actor: Actor) throws -> ContributionWindow {
        try writer.write { db in
            guard var window = try ContributionWindow.fetchOne(db, key: id) else { throw TownhallError.notFound("no question or evidence window with id \(id)") }
            guard window.isOpen(at: now) else { throw TownhallError.conflict("it is already closed") }
            // Whole seconds: the store keeps milliseconds, and a stored instant rounded past `now` would reopen it.
            window.closesAt = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
            try window.update(db)
            let (object, objectId): (AuditObject, Int64?) = window.kind == .question ? (.meeting, window.meetingId) : (.inquiry, window.inquiryId)
            try db.audit(actor, .closeContributions, object, objectId, "\(window.kind.noun) closed early", at: now)
            return window
        }
    }

    /// Takes a resident's question or evidence and queues the message that asks them to confirm it, in one
    /// transaction. Refused, with a sentence for the form, when the window has closed, the draft has problems, the
    /// file breaks the upload rules, or `ContributionLimits` are passed. Unconfirmed contributions past their
    /// lifetime are forgotten first (with any file no other row holds).
    @discardableResult
    public func submitContribution(
        windowId: Int64, draft: ContributionDraft, file: ContributionFile?, files: AttachmentFiles, maxFileBytes: Int, from client: String,
        now: Date, time: LocalTime, confirmation: ContributionMessage
    ) throws -> Contribution {
        if let problem = draft.problems.first { throw TownhallError.invalid(problem.1) }
        var stored: AttachmentFiles.Stored?
        var fileName: String?, fileType: String?
        if let file {
            guard draft.kind == .evidence else { throw TownhallError.invalid("only written evidence may come with a file") }
            let name = try UploadName.clean(file.name)
            guard !file.data.isEmpty else { throw TownhallError.invalid("\(name) is empty") }
            guard file.data.count <= maxFileBytes else {
                throw TownhallError.invalid("\(name) is \(file.data.count.formatted()) bytes; the limit is \(maxFileBytes.formatted()) bytes")
            }
            fileType = try AttachmentFiles.mediaType(forFileName: name)
            fileName = name
            stored = try files.store(file.data)
        }
        do {
            let (contribution, orphaned) = try writer.write { db in
                let orphaned = try Self.forgetStaleContributions(db, now: now)
                guard let window = try ContributionWindow.fetchOne(db, key: windowId), window.kind == draft.kind else {
                    throw TownhallError.notFound("nothing is open for a \(draft.kind.noun) there")
                }
                guard window.isOpen(at: now) else {
                    throw TownhallError.conflict("The deadline has passed: \(draft.kind.noun) had to be confirmed by \(window.closingPhrase(time: time))")
                }
                let fromClient = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contribution WHERE requestedFrom = ? AND requestedAt > ?",
                                                  arguments: [client, now.addingTimeInterval(-3600)]) ?? 0
                if !client.isEmpty, fromClient >= ContributionLimits.perClientPerHour {
                    throw TownhallError.conflict("Too many questions and submissions have come from your connection in the last hour. Try again later")
                }
                let fromAddress = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contribution WHERE email = ? COLLATE NOCASE AND requestedAt > ?",
                                                   arguments: [draft.email, now.addingTimeInterval(-24 * 3600)]) ?? 0
                if fromAddress >= ContributionLimits.perAddressPerDay {
                    throw TownhallError.conflict("This address has sent \(ContributionLimits.perAddressPerDay) questions or submissions today, the most one address can. Try again tomorrow")
                }
                // The bytes may have been removed with another row since `store` found them on disk.
                if let stored, !FileManager.default.fileExists(atPath: files.url(for: stored.relativePath).path), let file { _ = try files.store(file.data) }
                var contribution = Contribution(
                    windowId: windowId, kind: draft.kind, name: draft.name, email: draft.email, organisation: draft.organisation, text: draft.text,
                    token: Self.randomToken(), requestedAt: now, requestedFrom: client)
                contribution.fileName = fileName
                contribution.fileType = fileType
                contribution.filePath = stored?.relativePath
                contribution.fileSize = stored?.size
                try contribution.insert(db)
                try Self.tell(db, contribution, window, about: try Self.windowTitle(db, window, time: time), message: confirmation, kind: .contributionConfirmation, now: now)
                return (contribution, orphaned)
            }
            orphaned.forEach(files.remove)
            return contribution
        } catch {
            if let stored, stored.isNew { files.remove(stored.relativePath) }
            throw error
        }
    }

    /// Confirms the contribution a link names, so a clerk sees it. Nil for an unknown or expired link; refused once
    /// its window has closed (the deadline is for confirmed questions). Confirming twice is harmless.
    public func confirmContribution(token: String, now: Date, time: LocalTime) throws -> Contribution? {
        try writer.write { db in
            guard var contribution = try Contribution.filter(Column("token") == token).fetchOne(db) else { return nil }
            guard contribution.state == .unconfirmed else { return contribution }
            guard let window = try ContributionWindow.fetchOne(db, key: contribution.windowId) else { return nil }
            guard window.isOpen(at: now) else {
                throw TownhallError.conflict("The deadline passed at \(window.closingPhrase(time: time)), before this was confirmed, so it cannot be sent now")
            }
            guard contribution.requestedAt > now.addingTimeInterval(-ContributionLimits.confirmationLifetime) else { return nil }
            contribution.state = .received
            contribution.confirmedAt = now
            try contribution.update(db)
            return contribution
        }
    }

    /// A clerk's decision (`ContributionRules` alone decides whether it may be made), the sender's message, and the
    /// audit line, in one transaction. Accepting is what publishes.
    @discardableResult
    public func decideContribution(
        id: Int64, _ decision: ContributionDecision, now: Date, time: LocalTime, actor: Actor, message: ContributionMessage
    ) throws -> Contribution {
        try writer.write { db in
            guard var contribution = try Contribution.fetchOne(db, key: id) else { throw TownhallError.notFound("no question or evidence with id \(id)") }
            var target: Contribution?
            if case .merge(let into) = decision { target = try Contribution.fetchOne(db, key: into) }
            if let problem = ContributionRules.problem(decision, on: contribution, target: target) { throw TownhallError.invalid(problem) }
            let detail: String
            switch decision {
            case .accept:
                contribution.state = .accepted
                detail = "accepted"
            case .reject(let reason):
                contribution.state = .rejected
                contribution.reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
                detail = "refused"
            case .merge(let into):
                contribution.state = .merged
                contribution.mergedIntoId = into
                detail = "merged into \(into)"
            case .answer(let text, let by):
                contribution.answer = text.trimmingCharacters(in: .whitespacesAndNewlines)
                contribution.answeredBy = by.trimmingCharacters(in: .whitespacesAndNewlines)
                contribution.answeredAt = now
                detail = "answered"
            }
            if case .answer = decision {} else {
                contribution.decidedAt = now
                contribution.decidedBy = actor.publicName
            }
            try contribution.update(db)
            try db.audit(actor, .decide, .contribution, id, "\(contribution.kind.noun) \(detail)", at: now)
            guard let window = try ContributionWindow.fetchOne(db, key: contribution.windowId) else { return contribution }
            try Self.tell(db, contribution, window, about: try Self.windowTitle(db, window, time: time), message: message, kind: .contributionDecision, now: now)
            return contribution
        }
    }

    /// The meeting or inquiry a window belongs to, as residents are told it.
    static func windowTitle(_ db: Database, _ window: ContributionWindow, time: LocalTime) throws -> String {
        let target: FollowTarget
        if let meetingId = window.meetingId {
            target = .meeting(meetingId)
        } else {
            let slug = try String.fetchOne(db, sql: "SELECT slug FROM inquiry WHERE id = ?", arguments: [window.inquiryId]) ?? ""
            target = .inquiry(slug)
        }
        return try Self.followTargetTitle(db, target, time: time) ?? "the meeting"
    }

    private static func tell(
        _ db: Database, _ contribution: Contribution, _ window: ContributionWindow, about: String, message: ContributionMessage,
        kind: NotificationKind, now: Date
    ) throws {
        guard let text = message(contribution, window, about) else { return }
        var outbox = OutboxMessage(kind: kind, recipient: contribution.email, subject: text.subject, body: text.body, createdAt: now, nextAttemptAt: now)
        try outbox.insert(db)
    }

    /// Forgets contributions never confirmed within their lifetime; returns the files no row holds any more, for the
    /// caller to remove once the transaction has committed.
    static func forgetStaleContributions(_ db: Database, now: Date) throws -> [String] {
        let cutoff = now.addingTimeInterval(-ContributionLimits.confirmationLifetime)
        let paths = try String.fetchAll(db, sql: """
            SELECT DISTINCT filePath FROM contribution WHERE state = 'unconfirmed' AND requestedAt < ? AND filePath IS NOT NULL
            """, arguments: [cutoff])
        try db.execute(sql: "DELETE FROM contribution WHERE state = 'unconfirmed' AND requestedAt < ?", arguments: [cutoff])
        var orphaned: [String] = []
        for path in paths {
            let held = try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM contribution WHERE filePath = ?) + (SELECT COUNT(*) FROM attachment WHERE storagePath = ?)
                """, arguments: [path, path]) ?? 0
            if held == 0 { orphaned.append(path) }
        }
        return orphaned
    }
}
