import Foundation
import GRDB
import TownhallDomain

/// Builds OParl 1.1 objects from the store inside one read, applying the public site's rules: only published
/// papers on non-exempt items of published agendas, exempt items shown with `public: false` and nothing else,
/// files only where their paper is public. `created` and `modified` come from each object's audit trail.
struct OParlObjects {
    let db: Database
    let base: String
    let time: LocalTime
    static let version = "https://schema.oparl.org/1.1/"

    func url(_ path: String) -> String { "\(base)/oparl/v1.1/\(path)" }
    func type(_ name: String) -> JSONValue { .string(Self.version + name) }

    static func utc(_ date: Date) -> String { LocalTime.utc.isoLocal(date) }

    /// The first and last audited change of an object; `fallback` for objects written before auditing.
    func stamps(_ objectType: String, _ id: Int64, fallback: Date) throws -> [String: JSONValue?] {
        let row = try Row.fetchOne(db, sql: "SELECT MIN(at) AS created, MAX(at) AS modified FROM auditLog WHERE objectType = ? AND objectId = ?",
                                   arguments: [objectType, id])
        let created: Date = row?["created"] ?? fallback
        let modified: Date = row?["modified"] ?? fallback
        return ["created": .string(Self.utc(created)), "modified": .string(Self.utc(max(created, modified)))]
    }

    func merge(_ members: [String: JSONValue?], _ more: [String: JSONValue?]) -> JSONValue {
        .object(members.merging(more) { first, _ in first })
    }

    // MARK: System, bodies, organisations

    func system(name: String) throws -> JSONValue {
        let first = try Date.fetchOne(db, sql: "SELECT MIN(at) FROM auditLog") ?? Date(timeIntervalSince1970: 0)
        let last = try Date.fetchOne(db, sql: "SELECT MAX(at) FROM auditLog") ?? first
        return .object([
            "id": .string(url("system")), "type": type("System"), "oparlVersion": .string(Self.version), "body": .string(url("bodies")),
            "name": .string(name), "website": .string(base + "/"), "product": .string(base + "/data"), "web": .string(base + "/"),
            "created": .string(Self.utc(first)), "modified": .string(Self.utc(last)),
        ])
    }

    func body(_ id: Int64) throws -> JSONValue? {
        guard let body = try Body.fetchOne(db, key: id) else { return nil }
        let list = { (name: String) in JSONValue.string(url("bodies/\(id)/\(name)")) }
        return merge([
            "id": .string(url("bodies/\(id)")), "type": type("Body"), "system": .string(url("system")), "name": .string(body.name),
            "shortName": .string(body.slug), "classification": .string(body.kind.label), "website": .string("\(base)/bodies/\(body.slug)"),
            "organization": list("organizations"), "person": list("persons"), "meeting": list("meetings"), "paper": list("papers"),
            "agendaItem": list("agendaitems"), "consultation": list("consultations"), "file": list("files"),
            "locationList": list("locations"), "legislativeTermList": list("legislativeterms"), "membership": list("memberships"),
            "legislativeTerm": .array(try legislativeTermIds(body: id).compactMap { try legislativeTerm($0) }),
            "web": .string("\(base)/bodies/\(body.slug)"),
        ], try stamps("body", id, fallback: Date(timeIntervalSince1970: 0)))
    }

    /// Each Townhall body is also the one organisation (committee) that its members sit on.
    func organization(_ id: Int64) throws -> JSONValue? {
        guard let body = try Body.fetchOne(db, key: id) else { return nil }
        let memberships = try Int64.fetchAll(db, sql: "SELECT id FROM membership WHERE bodyId = ? ORDER BY id", arguments: [id])
        return merge([
            "id": .string(url("organizations/\(id)")), "type": type("Organization"), "body": .string(url("bodies/\(id)")),
            "name": .string(body.name), "shortName": .string(body.slug), "organizationType": .string("Gremium"),
            "classification": .string(body.kind.label), "membership": .array(memberships.map { .string(url("memberships/\($0)")) }),
            "meeting": .string(url("bodies/\(id)/meetings")), "web": .string("\(base)/bodies/\(body.slug)"),
        ], try stamps("body", id, fallback: Date(timeIntervalSince1970: 0)))
    }

    // MARK: People

    func person(_ id: Int64) throws -> JSONValue? {
        guard let person = try Person.fetchOne(db, key: id) else { return nil }
        let memberships = try Int64.fetchAll(db, sql: "SELECT id FROM membership WHERE personId = ? ORDER BY id", arguments: [id])
        return merge([
            "id": .string(url("persons/\(id)")), "type": type("Person"), "name": .string(person.name),
            "status": person.title.isEmpty ? nil : .array([.string(person.title)]),
            "membership": .array(try memberships.compactMap { try membership($0) }),
        ], try stamps("person", id, fallback: Date(timeIntervalSince1970: 0)))
    }

    func membership(_ id: Int64) throws -> JSONValue? {
        guard let membership = try Membership.fetchOne(db, key: id) else { return nil }
        let role = [membership.role.label, membership.category?.label].compactMap { $0 }.joined(separator: ", ")
        return merge([
            "id": .string(url("memberships/\(id)")), "type": type("Membership"), "person": .string(url("persons/\(membership.personId)")),
            "organization": .string(url("organizations/\(membership.bodyId)")), "role": .string(role), "votingRight": .bool(true),
            "startDate": .string(membership.startDate), "endDate": membership.endDate.json,
        ], try stamps("membership", id, fallback: Date(timeIntervalSince1970: 0)))
    }

    // MARK: Meetings and agendas

    func meeting(_ id: Int64) throws -> JSONValue? {
        guard let meeting = try Meeting.fetchOne(db, key: id) else { return nil }
        let items = meeting.agendaPublishedAt == nil ? [] : try Int64.fetchAll(
            db, sql: "SELECT id FROM agendaItem WHERE meetingId = ? ORDER BY position", arguments: [id])
        return merge([
            "id": .string(url("meetings/\(id)")), "type": type("Meeting"), "name": .string(meeting.title),
            "meetingState": .string(meeting.status.rawValue), "cancelled": .bool(meeting.status == .cancelled),
            "start": .string(time.isoLocal(meeting.startsAt)), "end": meeting.endsAt.map { .string(time.isoLocal($0)) },
            "location": try meeting.locationId.flatMap { try location($0) },
            "organization": .array([.string(url("organizations/\(meeting.bodyId)"))]),
            "agendaItem": .array(try items.compactMap { try agendaItem($0) }), "web": .string("\(base)/meetings/\(id)"),
        ], try stamps("meeting", id, fallback: meeting.agendaPublishedAt ?? meeting.startsAt))
    }

    /// Nil unless the meeting's agenda is published.
    func agendaItem(_ id: Int64) throws -> JSONValue? {
        guard let item = try AgendaItem.fetchOne(db, key: id), let meeting = try Meeting.fetchOne(db, key: item.meetingId),
              meeting.agendaPublishedAt != nil else { return nil }
        var members: [String: JSONValue?] = [
            "id": .string(url("agendaitems/\(id)")), "type": type("AgendaItem"), "meeting": .string(url("meetings/\(item.meetingId)")),
            "number": .string(item.number), "order": .int(Int64(item.position)), "name": .string(item.title), "public": .bool(!item.isExempt),
            "web": .string("\(base)/meetings/\(item.meetingId)"),
        ]
        if !item.isExempt {
            let papers = try publicPaperIds(itemId: id)
            members["consultation"] = papers.first.map { .string(url("consultations/\($0)")) }
            members["resolutionText"] = item.decision.flatMap { $0.isEmpty ? nil : .string($0) }
            let files = try Int64.fetchAll(db, sql: "SELECT id FROM attachment WHERE agendaItemId = ? ORDER BY id", arguments: [id])
            members["auxiliaryFile"] = .array(try files.compactMap { try file($0) })
        }
        return merge(members, try stamps("agendaItem", id, fallback: meeting.agendaPublishedAt!))
    }

    func location(_ id: Int64) throws -> JSONValue? {
        guard let location = try Location.fetchOne(db, key: id) else { return nil }
        let meetings = try Int64.fetchAll(db, sql: "SELECT id FROM meeting WHERE locationId = ? ORDER BY startsAt", arguments: [id])
        return .object([
            "id": .string(url("locations/\(id)")), "type": type("Location"), "description": .string(location.name),
            "streetAddress": location.address.isEmpty ? nil : .string(location.address),
            "meetings": .array(meetings.map { .string(url("meetings/\($0)")) }),
        ])
    }

    // MARK: Papers and files

    func publicPaperIds(itemId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT p.id FROM \(PublicSQL.paperJoins) WHERE p.agendaItemId = ? AND \(PublicSQL.anyRevision)
            ORDER BY p.id
            """, arguments: [itemId])
    }

    /// The paper, its item and its meeting, when the public may read it.
    func publicPaper(_ id: Int64) throws -> (Paper, AgendaItem, Meeting)? {
        guard let paper = try Paper.fetchOne(db, key: id), let item = try AgendaItem.fetchOne(db, key: paper.agendaItemId),
              let meeting = try Meeting.fetchOne(db, key: item.meetingId), Visibility.paperIsPublic(paper, item: item, meeting: meeting)
        else { return nil }
        return (paper, item, meeting)
    }

    func paper(_ id: Int64) throws -> JSONValue? {
        guard let found = try publicPaper(id) else { return nil }
        let (paper, item, meeting) = found
        let stamps = try stamps("paper", id, fallback: paper.publishedAt ?? paper.createdAt)
        let files = try Int64.fetchAll(
            db, sql: "SELECT id FROM attachment WHERE agendaItemId = ? AND (paperId IS NULL OR paperId = ?) ORDER BY id",
            arguments: [item.id!, id])
        return merge([
            "id": .string(url("papers/\(id)")), "type": type("Paper"), "body": .string(url("bodies/\(meeting.bodyId)")),
            "name": .string(paper.title), "reference": .string("TH-\(id)"),
            "date": paper.publishedAt.map { .string(time.day(of: $0)) }, "paperType": .string(paper.kind.label),
            "mainFile": paperFile(found, stamps: stamps), "auxiliaryFile": .array(try files.compactMap { try file($0) }),
            "consultation": .array([consultation(found, stamps: stamps)]),
            "relatedPaper": paper.previousRevisionId.map { .array([.string(url("papers/\($0)"))]) },
            "web": .string("\(base)/papers/\(id)"),
        ], stamps)
    }

    /// A paper is considered at the meeting whose agenda carries it.
    func consultation(_ paperId: Int64) throws -> JSONValue? {
        guard let found = try publicPaper(paperId) else { return nil }
        return consultation(found, stamps: try stamps("paper", paperId, fallback: found.0.publishedAt ?? found.0.createdAt))
    }

    func consultation(_ found: (Paper, AgendaItem, Meeting), stamps: [String: JSONValue?]) -> JSONValue {
        let (paper, item, meeting) = found
        let paperId = paper.id!
        return merge([
            "id": .string(url("consultations/\(paperId)")), "type": type("Consultation"), "paper": .string(url("papers/\(paperId)")),
            "agendaItem": .string(url("agendaitems/\(item.id!)")), "meeting": .string(url("meetings/\(meeting.id!)")),
            "organization": .array([.string(url("organizations/\(meeting.bodyId)"))]), "authoritative": .bool(item.itemType == .decision),
            "role": .string(item.itemType.label),
        ], stamps)
    }

    /// The paper's own text, as the HTML page rendered at publication.
    func paperFile(_ paperId: Int64) throws -> JSONValue? {
        guard let found = try publicPaper(paperId) else { return nil }
        return paperFile(found, stamps: try stamps("paper", paperId, fallback: found.0.publishedAt ?? found.0.createdAt))
    }

    func paperFile(_ found: (Paper, AgendaItem, Meeting), stamps: [String: JSONValue?]) -> JSONValue {
        let (paper, item, meeting) = found
        let paperId = paper.id!
        return merge([
            "id": .string(url("files/paper-\(paperId)")), "type": type("File"), "name": .string(paper.title),
            "fileName": .string("paper-\(paperId).html"), "mimeType": .string("text/html"),
            "date": paper.publishedAt.map { .string(time.day(of: $0)) }, "size": paper.html.map { .int(Int64($0.utf8.count)) },
            "accessUrl": .string("\(base)/papers/\(paperId)"), "paper": .array([.string(url("papers/\(paperId)"))]),
            "agendaItem": .array([.string(url("agendaitems/\(item.id!)"))]), "meeting": .array([.string(url("meetings/\(meeting.id!)"))]),
        ], stamps)
    }

    /// An attachment the public may download.
    func file(_ id: Int64) throws -> JSONValue? {
        guard let file = try Attachment.fetchOne(db, key: id), let item = try AgendaItem.fetchOne(db, key: file.agendaItemId),
              let meeting = try Meeting.fetchOne(db, key: item.meetingId),
              Visibility.attachmentIsPublic(file, paper: try file.paperId.flatMap { try Paper.fetchOne(db, key: $0) }, item: item, meeting: meeting)
        else { return nil }
        let name = file.fileName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "file"
        return merge([
            "id": .string(url("files/\(id)")), "type": type("File"), "name": .string(file.fileName), "fileName": .string(file.fileName),
            "mimeType": .string(file.mediaType), "date": .string(time.day(of: file.createdAt)), "size": .int(Int64(file.size)),
            "accessUrl": .string("\(base)/attachments/\(id)/\(name)"), "downloadUrl": .string("\(base)/attachments/\(id)/\(name)"),
            "agendaItem": .array([.string(url("agendaitems/\(item.id!)"))]), "meeting": .array([.string(url("meetings/\(meeting.id!)"))]),
            "paper": file.paperId.map { .array([.string(url("papers/\($0)"))]) },
        ], try stamps("attachment", id, fallback: file.createdAt))
    }

    // MARK: Legislative terms

    /// A body's municipal years (May to April) from its first meeting to its last.
    func legislativeTermIds(body: Int64) throws -> [String] {
        guard let row = try Row.fetchOne(db, sql: "SELECT MIN(startsAt) AS first, MAX(startsAt) AS last FROM meeting WHERE bodyId = ?",
                                         arguments: [body]),
              let first: Date = row["first"], let last: Date = row["last"] else { return [] }
        let year = { (date: Date) -> Int in
            let day = time.calendarDay(of: date).components
            return day.month >= 5 ? day.year : day.year - 1
        }
        return (year(first)...year(last)).map { "\(body)-\($0)" }
    }

    func legislativeTerm(_ id: String) throws -> JSONValue? {
        let parts = id.split(separator: "-")
        guard parts.count == 2, let body = Int64(parts[0]), let year = Int(parts[1]),
              try legislativeTermIds(body: body).contains(id) else { return nil }
        return .object([
            "id": .string(url("legislativeterms/\(id)")), "type": type("LegislativeTerm"), "body": .string(url("bodies/\(body)")),
            "name": .string("Municipal year \(year)/\(String(format: "%02d", (year + 1) % 100))"),
            "startDate": .string(String(format: "%04d-05-01", year)), "endDate": .string(String(format: "%04d-04-30", year + 1)),
        ])
    }
}
