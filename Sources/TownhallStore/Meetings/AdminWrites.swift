import Foundation
import GRDB
import TownhallDomain
import TownhallMarkdown

/// Write paths used by the admin CLI (and later the clerk screens). Each runs in one transaction and checks its
/// input first, so a refused command leaves the store exactly as it was.
extension AppDatabase {
    public func addAuthority(slug: String, name: String, kind: AuthorityKind, actor: Actor) throws -> Authority {
        var record = Authority(slug: try Slug.validate(slug, what: "authority"), name: try required(name, "name"), kind: kind)
        try insert(&record, duplicate: "an authority with slug \"\(slug)\" already exists", actor: actor, details: record.name)
        return record
    }

    /// A Policing Board is created for a force area from the list of its councils, which fixes its seats.
    public func addBody(
        slug: String, name: String, kind: BodyKind, description: String = "", area: String = "", councils: [String] = [],
        actor: Actor
    ) throws -> Body {
        var record = Body(
            slug: try Slug.validate(slug, what: "body"), name: try required(name, "name"), kind: kind,
            description: description, area: area)
        var seen = Set<String>()
        let councils = councils.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
        if kind == .policingBoard, councils.count < 2 {
            throw TownhallError.invalid("a Policing Board is built from the councils of its force area: name at least two councils")
        }
        if kind != .policingBoard, !councils.isEmpty {
            throw TownhallError.invalid("only a Policing Board is built from a list of councils")
        }
        try insert(&record, duplicate: "a body with slug \"\(slug)\" already exists", actor: actor, details: record.name) { db, body in
            for council in councils {
                let authority = try Self.find(Authority.self, slug: council, what: "council", db)
                try BodyCouncil(bodyId: body.id!, authorityId: authority.id!).insert(db)
            }
        }
        return record
    }

    public func addPerson(slug: String, name: String, title: String = "", actor: Actor) throws -> Person {
        var record = Person(slug: try Slug.validate(slug, what: "person"), name: try required(name, "name"), title: title)
        try insert(&record, duplicate: "a person with slug \"\(slug)\" already exists", actor: actor, details: record.name)
        return record
    }

    public func addMember(
        person personSlug: String, body bodySlug: String, role: MembershipRole, category: SeatCategory? = nil,
        authority authoritySlug: String?, startDate: String, endDate: String?, localTime: LocalTime = LocalTime(), actor: Actor
    ) throws -> Membership {
        let (start, end) = try Self.membershipDays(startDate, endDate, localTime)
        return try writer.write { db in
            let person = try Self.find(Person.self, slug: personSlug, what: "person", db)
            let body = try Self.find(Body.self, slug: bodySlug, what: "body", db)
            let authority = try authoritySlug.map { try Self.find(Authority.self, slug: $0, what: "authority", db) }
            return try Self.insertMembership(
                db, person: person, body: body, role: role, category: category, authority: authority, start: start, end: end, actor: actor)
        }
    }

    /// The clerk's form: names a person (added if new, matched by name otherwise) and seats them, in one transaction.
    public func seatPerson(
        name: String, title: String, body bodyId: Int64, role: MembershipRole, category: SeatCategory?, authority authorityId: Int64?,
        startDate: String, localTime: LocalTime = LocalTime(), actor: Actor
    ) throws -> Membership {
        let name = try required(name, "name")
        let slug = Slug.make(from: name)
        guard !slug.isEmpty else { throw TownhallError.invalid("the name must contain letters") }
        let (start, _) = try Self.membershipDays(startDate, nil, localTime)
        return try writer.write { db in
            guard let body = try Body.fetchOne(db, key: bodyId) else { throw TownhallError.notFound("no body with id \(bodyId)") }
            let authority = try authorityId.map { id in
                guard let found = try Authority.fetchOne(db, key: id) else { throw TownhallError.notFound("no council with id \(id)") }
                return found
            }
            var person: Person
            if let existing = try Person.filter(Column("slug") == slug).fetchOne(db) {
                person = existing
            } else {
                person = Person(slug: slug, name: name, title: title.trimmingCharacters(in: .whitespacesAndNewlines))
                try person.insert(db)
                try db.audit(actor, "add", "person", person.id, name)
            }
            return try Self.insertMembership(
                db, person: person, body: body, role: role, category: category, authority: authority, start: start, end: nil, actor: actor)
        }
    }

    static func membershipDays(_ startDate: String, _ endDate: String?, _ localTime: LocalTime) throws -> (String, String?) {
        let start = try localTime.parseDay(startDate)
        let end = try endDate.map { try localTime.parseDay($0) }
        if let end, end < start { throw TownhallError.invalid("end date \(end) is before start date \(start)") }
        return (start, end)
    }

    /// Checks the body's seat rules, then seats the person.
    static func insertMembership(
        _ db: Database, person: Person, body: Body, role: MembershipRole, category: SeatCategory?, authority: Authority?,
        start: String, end: String?, actor: Actor
    ) throws -> Membership {
        try SeatRules.check(db, body: body, category: category, authority: authority, start: start, end: end)
        var record = Membership(
            personId: person.id!, bodyId: body.id!, role: role, authorityId: authority?.id, startDate: start, endDate: end,
            category: category)
        try record.insert(db)
        try db.audit(actor, "add", "membership", record.id, "\(person.slug) as \(role.rawValue) of \(body.slug)")
        return record
    }

    public func addMeeting(
        body bodySlug: String, title: String, startsAt: Date, endsAt: Date?, locationName: String?, address: String?, actor: Actor
    ) throws -> Meeting {
        if let endsAt, endsAt <= startsAt { throw TownhallError.invalid("the meeting must end after it starts") }
        let title = try required(title, "title")
        return try writer.write { db in
            let body = try Self.find(Body.self, slug: bodySlug, what: "body", db)
            let locationId = try Self.locationId(db, name: locationName, address: address)
            var meeting = Meeting(
                bodyId: body.id!, title: title, startsAt: startsAt, endsAt: endsAt, locationId: locationId,
                status: .scheduled, agendaPublishedAt: nil, lateReason: nil)
            try meeting.insert(db)
            try db.audit(actor, "add", "meeting", meeting.id, "\(bodySlug): \(title)")
            return meeting
        }
    }

    /// Publishes the agenda; after the five-clear-working-days deadline `rule` insists on a recorded reason.
    public func publishAgenda(meetingId: Int64, at date: Date, rule: PublicationRule, lateReason: String? = nil, actor: Actor) throws -> Meeting {
        try writer.write { db in
            guard var meeting = try Meeting.fetchOne(db, key: meetingId) else {
                throw TownhallError.notFound("no meeting with id \(meetingId)")
            }
            guard meeting.agendaPublishedAt == nil else { return meeting }
            let lateReason = try rule.lateReason(lateReason, what: "the agenda", meetingStart: meeting.startsAt, publishedAt: date)
            meeting.agendaPublishedAt = date
            meeting.lateReason = lateReason
            try meeting.update(db)
            try db.audit(actor, "publish-agenda", "meeting", meetingId, lateReason.map { "late: \($0)" } ?? "", at: date)
            return meeting
        }
    }

    public func addAgendaItem(
        meetingId: Int64, title: String, type: AgendaItemType, exemptParagraph: ExemptParagraph?, number: String? = nil,
        decision: String? = nil, actor: Actor
    ) throws -> AgendaItem {
        let title = try required(title, "title")
        return try writer.write { db in
            guard try Meeting.exists(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
            let last = try Int.fetchOne(db, sql: "SELECT MAX(position) FROM agendaItem WHERE meetingId = ?", arguments: [meetingId]) ?? 0
            var item = AgendaItem(
                meetingId: meetingId, position: last + 1, number: number ?? String(last + 1), title: title, itemType: type,
                isExempt: exemptParagraph != nil, exemptParagraph: exemptParagraph, decision: decision)
            try item.insert(db)
            try db.audit(actor, "add", "agendaItem", item.id, "meeting \(meetingId): \(title)")
            return item
        }
    }

    public func addPaper(
        itemId: Int64, title: String, author: String, markdown: String, kind: PaperKind = .report, now: Date, actor: Actor
    ) throws -> Paper {
        let title = try required(title, "title")
        guard !markdown.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw TownhallError.invalid("the paper is empty")
        }
        try TextLimits.checkMarkdown(markdown, what: "the paper")
        return try writer.write { db in
            guard try AgendaItem.exists(db, key: itemId) else { throw TownhallError.notFound("no agenda item with id \(itemId)") }
            try Self.checkPaperKind(db, kind, itemId: itemId)
            var paper = Paper(
                agendaItemId: itemId, title: title, author: author, markdown: markdown, html: nil, status: .draft,
                revision: 1, publishedAt: nil, createdAt: now, kind: kind)
            try paper.insert(db)
            try db.audit(actor, "add", "paper", paper.id, title, at: now)
            return paper
        }
    }

    /// Renders the Markdown once and stores the HTML, so public requests never run the renderer.
    /// Renders and publishes a draft once; after the deadline for its meeting `rule` insists on a recorded reason.
    public func publishPaper(
        id: Int64, renderer: MarkdownRenderer, at date: Date, rule: PublicationRule, lateReason: String? = nil, actor: Actor
    ) throws -> (Paper, [String]) {
        try writer.write { db in
            guard var paper = try Paper.fetchOne(db, key: id) else { throw TownhallError.notFound("no paper with id \(id)") }
            guard paper.status == .draft else {
                throw TownhallError.conflict("paper \(id) is \(paper.status.rawValue), only a draft can be published")
            }
            let meetingStart = try Date.fetchOne(
                db, sql: "SELECT m.startsAt FROM meeting m JOIN agendaItem i ON i.meetingId = m.id WHERE i.id = ?",
                arguments: [paper.agendaItemId])!
            paper.lateReason = try rule.lateReason(lateReason, what: "the paper", meetingStart: meetingStart, publishedAt: date)
            let rendered = renderer.render(paper.markdown)
            paper.html = rendered.html
            paper.status = .published
            paper.publishedAt = date
            try paper.update(db)
            if let previousId = paper.previousRevisionId, var previous = try Paper.fetchOne(db, key: previousId) {
                guard previous.status == .published else {
                    throw TownhallError.conflict("revision \(previous.revision) is \(previous.status.rawValue); only a published paper can be superseded")
                }
                previous.status = .superseded
                previous.supersededAt = date
                try previous.update(db)
            }
            try db.audit(actor, "publish", "paper", id, "revision \(paper.revision)" + (paper.lateReason.map { ", late: \($0)" } ?? ""), at: date)
            return (paper, rendered.problems)
        }
    }

    /// Stores the bytes, then the row; if the row cannot be written, newly written bytes are removed again.
    public func attach(
        itemId: Int64, paperId: Int64?, fileName: String, data: Data, files: AttachmentFiles, maxBytes: Int, now: Date,
        actor: Actor
    ) throws -> Attachment {
        let name = (fileName as NSString).lastPathComponent
        guard !name.isEmpty, !name.hasPrefix(".") else { throw TownhallError.invalid("the file needs a name") }
        guard data.count <= maxBytes else {
            throw TownhallError.invalid("\(name) is \(data.count) bytes; the limit is \(maxBytes) bytes")
        }
        guard !data.isEmpty else { throw TownhallError.invalid("\(name) is empty") }
        let mediaType = try AttachmentFiles.mediaType(forFileName: name)
        let stored = try files.store(data)
        do {
            return try writer.write { db in
                guard let item = try AgendaItem.fetchOne(db, key: itemId) else {
                    throw TownhallError.notFound("no agenda item with id \(itemId)")
                }
                if let paperId {
                    guard let paper = try Paper.fetchOne(db, key: paperId), paper.agendaItemId == item.id else {
                        throw TownhallError.notFound("no paper with id \(paperId) on agenda item \(itemId)")
                    }
                }
                // The bytes may have been removed with another attachment since `store` found them on disk.
                if !FileManager.default.fileExists(atPath: files.url(for: stored.relativePath).path) { _ = try files.store(data) }
                var record = Attachment(
                    agendaItemId: itemId, paperId: paperId, fileName: name, mediaType: mediaType, size: stored.size,
                    sha256: stored.sha256, storagePath: stored.relativePath, createdAt: now)
                try record.insert(db)
                try db.audit(actor, "attach", "attachment", record.id, "\(name) to item \(itemId)", at: now)
                return record
            }
        } catch {
            if stored.isNew { files.remove(stored.relativePath) }
            throw error
        }
    }

    /// Removes an attachment row; its bytes go too unless another attachment has the same content.
    public func removeAttachment(id: Int64, files: AttachmentFiles, now: Date, actor: Actor) throws {
        try writer.write { db in
            guard let file = try Attachment.fetchOne(db, key: id) else { throw TownhallError.notFound("no attachment with id \(id)") }
            try file.delete(db)
            try db.audit(actor, "remove", "attachment", id, "\(file.fileName) from item \(file.agendaItemId)", at: now)
            // Inside the write so a concurrent `attach` of the same bytes (which re-checks inside its own write) cannot lose them.
            if try Attachment.filter(Column("storagePath") == file.storagePath).fetchCount(db) == 0 { files.remove(file.storagePath) }
        }
    }

    private func required(_ value: String, _ field: String) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw TownhallError.invalid("\(field) must not be empty") }
        return trimmed
    }

    /// Inserts and audits in one transaction; `then` adds dependent rows in the same transaction.
    private func insert<Record: MutablePersistableRecord & Identifiable>(
        _ record: inout Record, duplicate: String, actor: Actor, details: String,
        then: (Database, Record) throws -> Void = { _, _ in }
    ) throws where Record.ID == Int64? {
        do {
            try writer.write { db in
                try record.insert(db)
                try then(db, record)
                try db.audit(actor, "add", Record.databaseTableName, record.id, details)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw TownhallError.conflict(duplicate)
        }
    }

    static func find<Record: FetchableRecord & TableRecord>(
        _ type: Record.Type, slug: String, what: String, _ db: Database
    ) throws -> Record {
        guard let record = try Record.filter(Column("slug") == slug).fetchOne(db) else {
            throw TownhallError.notFound("no \(what) with slug \"\(slug)\"")
        }
        return record
    }
}

extension AppDatabase {
    /// Starts the next revision of a published paper as a draft with the same text, or returns the draft
    /// revision already under way. The published revision stays public until the new one is published.
    public func startRevision(of paperId: Int64, now: Date, actor: Actor) throws -> Paper {
        try writer.write { db in
            guard let current = try Paper.fetchOne(db, key: paperId) else { throw TownhallError.notFound("no paper with id \(paperId)") }
            guard current.status == .published else {
                throw TownhallError.conflict("only the published revision of a paper can be revised")
            }
            if let pending = try Paper.filter(Column("previousRevisionId") == paperId && Column("status") == PaperStatus.draft.rawValue).fetchOne(db) {
                return pending
            }
            var next = Paper(
                agendaItemId: current.agendaItemId, title: current.title, author: current.author, markdown: current.markdown,
                html: nil, status: .draft, revision: current.revision + 1, publishedAt: nil, createdAt: now,
                previousRevisionId: paperId, kind: current.kind)
            try next.insert(db)
            try db.audit(actor, "start-revision", "paper", next.id, "revision \(next.revision) of paper \(paperId)", at: now)
            return next
        }
    }

    /// Withdraws a published paper from the public record, with a reason kept for the audit trail.
    public func withdrawPaper(id: Int64, reason: String, at date: Date, actor: Actor) throws -> Paper {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw TownhallError.invalid("give the reason for withdrawing the paper") }
        return try writer.write { db in
            guard var paper = try Paper.fetchOne(db, key: id) else { throw TownhallError.notFound("no paper with id \(id)") }
            guard paper.status == .published else { throw TownhallError.conflict("only a published paper can be withdrawn") }
            paper.status = .withdrawn
            paper.withdrawnAt = date
            paper.withdrawalReason = reason
            try paper.update(db)
            try db.audit(actor, "withdraw", "paper", id, reason, at: date)
            return paper
        }
    }

    public func setMeetingStatus(meetingId: Int64, status: MeetingStatus, actor: Actor) throws -> Meeting {
        try writer.write { db in
            guard var meeting = try Meeting.fetchOne(db, key: meetingId) else {
                throw TownhallError.notFound("no meeting with id \(meetingId)")
            }
            meeting.status = status
            try meeting.update(db)
            try db.audit(actor, "set-status", "meeting", meetingId, status.rawValue)
            return meeting
        }
    }
}
