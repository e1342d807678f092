import Foundation
import TownhallDomain
import TownhallStore

/// The kinds of OParl 1.1 object the API serves, by the path segment that names them (`/oparl/v1.1/papers/12`).
enum OParlKind: String, CaseIterable, Sendable {
    case bodies, organizations, persons, memberships, meetings, agendaitems, papers, consultations, files, locations, legislativeterms
}

/// Maps what the store's `OParlReader` returns to OParl 1.1 JSON, inside the reader's one transaction. The store
/// decides what is public (only published papers on non-exempt items of published agendas, exempt items shown with
/// `public: false` and nothing else, files only where their paper is public); this decides how it is written.
/// Every URL is a typed `SiteURL`; `created` and `modified` come from each object's audit trail.
struct OParlObjects {
    let reader: OParlReader
    let base: String
    let time: LocalTime
    static let version = "https://schema.oparl.org/1.1/"

    func url(_ link: SiteURL) -> JSONValue { .string(base + link.path) }
    /// `/oparl/v1.1/{kind}/{id}`; for a body that is the `oparlBody` route's path too.
    func object(_ kind: OParlKind, _ id: some CustomStringConvertible) -> JSONValue {
        url(.oparlObject(kind: kind.rawValue, id: "\(id)"))
    }
    func list(_ body: Int64, _ list: OParlList) -> JSONValue { url(.oparlBodyList(body, list: list.rawValue)) }
    func type(_ name: String) -> JSONValue { .string(Self.version + name) }

    static func utc(_ date: Date) -> String { LocalTime.utc.isoLocal(date) }
    static let beforeAuditing = Date(timeIntervalSince1970: 0)

    /// The first and last audited change of an object; `fallback` for objects written before auditing.
    func stamps(_ object: AuditObject, _ id: Int64, fallback: Date) throws -> [String: JSONValue?] {
        let changes = try reader.changes(object, id)
        let created = changes.first ?? fallback
        let modified = changes.last ?? fallback
        return ["created": .string(Self.utc(created)), "modified": .string(Self.utc(max(created, modified)))]
    }

    func merge(_ members: [String: JSONValue?], _ more: [String: JSONValue?]) -> JSONValue {
        .object(members.merging(more) { first, _ in first })
    }

    /// One object by its kind and id; nil when it does not exist or is not public.
    func object(_ kind: OParlKind, id: String) throws -> JSONValue? {
        if kind == .legislativeterms { return try legislativeTerm(id) }
        if kind == .files, id.hasPrefix("paper-") { return try Int64(id.dropFirst(6)).flatMap { try paperFile($0) } }
        guard let number = Int64(id) else { return nil }
        switch kind {
        case .bodies: return try body(number)
        case .organizations: return try organization(number)
        case .persons: return try person(number)
        case .memberships: return try membership(number)
        case .meetings: return try meeting(number)
        case .agendaitems: return try agendaItem(number)
        case .papers: return try paper(number)
        case .consultations: return try consultation(number)
        case .files: return try file(number)
        case .locations: return try location(number)
        case .legislativeterms: return nil
        }
    }

    /// One page of a body's list as full objects, and how many match in all; nil when the body does not exist.
    func list(_ list: OParlList, bodyId: Int64, filter: OParlFilter) throws -> (objects: [JSONValue], total: Int)? {
        guard list != .legislativeterms else {
            guard try reader.body(bodyId) != nil else { return nil }
            let ids = try legislativeTermIds(body: bodyId)
            return (ids.dropFirst(filter.offset).prefix(filter.limit).compactMap(legislativeTerm(known:)), ids.count)
        }
        guard let page = try reader.listPage(list, bodyId: bodyId, filter: filter) else { return nil }
        let kind = OParlKind(rawValue: list.rawValue)!
        return (try page.ids.compactMap { try object(kind, id: String($0)) }, page.total)
    }

    func bodies(filter: OParlFilter) throws -> (objects: [JSONValue], total: Int) {
        let page = try reader.bodiesPage(filter: filter)
        return (try page.ids.compactMap { try body($0) }, page.total)
    }

    // MARK: System, bodies, organisations

    func system(name: String) throws -> JSONValue {
        let changes = try reader.storeChanges()
        let first = changes.first ?? Self.beforeAuditing
        return .object([
            "id": url(.oparlSystem), "type": type("System"), "oparlVersion": .string(Self.version), "body": url(.oparlBodies),
            "name": .string(name), "website": url(.home), "product": url(.openData), "web": url(.home),
            "created": .string(Self.utc(first)), "modified": .string(Self.utc(changes.last ?? first)),
        ])
    }

    func body(_ id: Int64) throws -> JSONValue? {
        guard let body = try reader.body(id) else { return nil }
        return merge([
            "id": object(.bodies, id), "type": type("Body"), "system": url(.oparlSystem), "name": .string(body.name),
            "shortName": .string(body.slug), "classification": .string(body.kind.label), "website": url(.bodyPage(slug: body.slug)),
            "organization": list(id, .organizations), "person": list(id, .persons), "meeting": list(id, .meetings),
            "paper": list(id, .papers), "agendaItem": list(id, .agendaitems), "consultation": list(id, .consultations),
            "file": list(id, .files), "locationList": list(id, .locations), "legislativeTermList": list(id, .legislativeterms),
            "membership": list(id, .memberships),
            "legislativeTerm": .array(try legislativeTermIds(body: id).compactMap(legislativeTerm(known:))),
            "web": url(.bodyPage(slug: body.slug)),
        ], try stamps(.body, id, fallback: Self.beforeAuditing))
    }

    /// Each Townhall body is also the one organisation (committee) that its members sit on.
    func organization(_ id: Int64) throws -> JSONValue? {
        guard let body = try reader.body(id) else { return nil }
        return merge([
            "id": object(.organizations, id), "type": type("Organization"), "body": object(.bodies, id),
            "name": .string(body.name), "shortName": .string(body.slug), "organizationType": .string("Gremium"),
            "classification": .string(body.kind.label), "membership": .array(try reader.membershipIds(bodyId: id).map { object(.memberships, $0) }),
            "meeting": list(id, .meetings), "web": url(.bodyPage(slug: body.slug)),
        ], try stamps(.body, id, fallback: Self.beforeAuditing))
    }

    // MARK: People

    func person(_ id: Int64) throws -> JSONValue? {
        guard let person = try reader.person(id) else { return nil }
        return merge([
            "id": object(.persons, id), "type": type("Person"), "name": .string(person.name),
            "status": person.title.isEmpty ? nil : .array([.string(person.title)]),
            "membership": .array(try reader.membershipIds(personId: id).compactMap { try membership($0) }),
        ], try stamps(.person, id, fallback: Self.beforeAuditing))
    }

    func membership(_ id: Int64) throws -> JSONValue? {
        guard let membership = try reader.membership(id) else { return nil }
        let role = [membership.role.label, membership.category?.label].compactMap { $0 }.joined(separator: ", ")
        return merge([
            "id": object(.memberships, id), "type": type("Membership"), "person": object(.persons, membership.personId),
            "organization": object(.organizations, membership.bodyId), "role": .string(role), "votingRight": .bool(true),
            "startDate": .string(membership.startDate), "endDate": membership.endDate.map(JSONValue.string),
        ], try stamps(.membership, id, fallback: Self.beforeAuditing))
    }

    // MARK: Meetings and agendas

    func meeting(_ id: Int64) throws -> JSONValue? {
        guard let meeting = try reader.meeting(id) else { return nil }
        return merge([
            "id": object(.meetings, id), "type": type("Meeting"), "name": .string(meeting.title),
            "meetingState": .string(meeting.status.rawValue), "cancelled": .bool(meeting.status == .cancelled),
            "start": .string(time.isoLocal(meeting.startsAt)), "end": meeting.endsAt.map { .string(time.isoLocal($0)) },
            "location": try meeting.locationId.flatMap { try location($0) },
            "organization": .array([object(.organizations, meeting.bodyId)]),
            "agendaItem": .array(try reader.agendaItemIds(meeting: meeting).compactMap { try agendaItem($0) }), "web": url(.meeting(id)),
        ], try stamps(.meeting, id, fallback: meeting.agendaPublishedAt ?? meeting.startsAt))
    }

    /// Nil unless the meeting's agenda is published.
    func agendaItem(_ id: Int64) throws -> JSONValue? {
        guard let (item, meeting) = try reader.agendaItem(id) else { return nil }
        var members: [String: JSONValue?] = [
            "id": object(.agendaitems, id), "type": type("AgendaItem"), "meeting": object(.meetings, item.meetingId),
            "number": .string(item.number), "order": .int(Int64(item.position)), "name": .string(item.title), "public": .bool(!item.isExempt),
            "web": url(.meeting(item.meetingId)),
        ]
        // OParl has no field for these; `keyword` says it in the standard's own terms, and the prefixed extension
        // members (OParl 1.1, section 2.9, vendor-specific extensions) give the time added and the circumstances.
        var keywords: [JSONValue] = []
        if let added = item.supplementaryAt {
            keywords.append(.string("supplementary"))
            members["townhall:supplementaryAt"] = .string(time.isoLocal(added))
        }
        if let urgency = item.urgency {
            keywords.append(.string("urgent"))
            members["townhall:urgency"] = .string(urgency)
        }
        if !keywords.isEmpty { members["keyword"] = .array(keywords) }
        if !item.isExempt {
            members["consultation"] = try reader.publicPaperIds(itemId: id).first.map { object(.consultations, $0) }
            members["resolutionText"] = item.decision.flatMap { $0.isEmpty ? nil : .string($0) }
            members["auxiliaryFile"] = .array(try reader.attachmentIds(itemId: id).compactMap { try file($0) })
        }
        return merge(members, try stamps(.agendaItem, id, fallback: meeting.agendaPublishedAt!))
    }

    func location(_ id: Int64) throws -> JSONValue? {
        guard let location = try reader.location(id) else { return nil }
        return .object([
            "id": object(.locations, id), "type": type("Location"), "description": .string(location.name),
            "streetAddress": location.address.isEmpty ? nil : .string(location.address),
            "meetings": .array(try reader.meetingIds(locationId: id).map { object(.meetings, $0) }),
        ])
    }

    // MARK: Papers and files

    typealias PublicPaper = (paper: Paper, item: AgendaItem, meeting: Meeting)

    func paperStamps(_ found: PublicPaper) throws -> [String: JSONValue?] {
        try stamps(.paper, found.paper.id!, fallback: found.paper.publishedAt ?? found.paper.createdAt)
    }

    func paper(_ id: Int64) throws -> JSONValue? {
        guard let found = try reader.publicPaper(id) else { return nil }
        let (paper, item, meeting) = found
        let stamps = try paperStamps(found)
        return merge([
            "id": object(.papers, id), "type": type("Paper"), "body": object(.bodies, meeting.bodyId),
            "name": .string(paper.title), "reference": .string("TH-\(id)"),
            "date": paper.publishedAt.map { .string(time.day(of: $0)) }, "paperType": .string(paper.kind.label),
            "mainFile": paperFile(found, stamps: stamps),
            "auxiliaryFile": .array(try reader.attachmentIds(itemId: item.id!, paperId: id).compactMap { try file($0) }),
            "consultation": .array([consultation(found, stamps: stamps)]),
            "relatedPaper": paper.previousRevisionId.map { .array([object(.papers, $0)]) },
            "web": url(.paper(id)),
        ], stamps)
    }

    /// A paper is considered at the meeting whose agenda carries it.
    func consultation(_ paperId: Int64) throws -> JSONValue? {
        guard let found = try reader.publicPaper(paperId) else { return nil }
        return consultation(found, stamps: try paperStamps(found))
    }

    func consultation(_ found: PublicPaper, stamps: [String: JSONValue?]) -> JSONValue {
        let (paper, item, meeting) = found
        return merge([
            "id": object(.consultations, paper.id!), "type": type("Consultation"), "paper": object(.papers, paper.id!),
            "agendaItem": object(.agendaitems, item.id!), "meeting": object(.meetings, meeting.id!),
            "organization": .array([object(.organizations, meeting.bodyId)]), "authoritative": .bool(item.itemType == .decision),
            "role": .string(item.itemType.label),
        ], stamps)
    }

    /// The paper's own text, as the HTML page rendered at publication.
    func paperFile(_ paperId: Int64) throws -> JSONValue? {
        guard let found = try reader.publicPaper(paperId) else { return nil }
        return paperFile(found, stamps: try paperStamps(found))
    }

    func paperFile(_ found: PublicPaper, stamps: [String: JSONValue?]) -> JSONValue {
        let (paper, item, meeting) = found
        let paperId = paper.id!
        return merge([
            "id": object(.files, "paper-\(paperId)"), "type": type("File"), "name": .string(paper.title),
            "fileName": .string("paper-\(paperId).html"), "mimeType": .string("text/html"),
            "date": paper.publishedAt.map { .string(time.day(of: $0)) }, "size": paper.html.map { .int(Int64($0.utf8.count)) },
            "accessUrl": url(.paper(paperId)), "paper": .array([object(.papers, paperId)]),
            "agendaItem": .array([object(.agendaitems, item.id!)]), "meeting": .array([object(.meetings, meeting.id!)]),
        ], stamps)
    }

    /// An attachment the public may download.
    func file(_ id: Int64) throws -> JSONValue? {
        guard let (file, item, meeting) = try reader.publicFile(id) else { return nil }
        let download = url(.attachment(id, name: file.fileName))
        return merge([
            "id": object(.files, id), "type": type("File"), "name": .string(file.fileName), "fileName": .string(file.fileName),
            "mimeType": .string(file.mediaType), "date": .string(time.day(of: file.createdAt)), "size": .int(Int64(file.size)),
            "accessUrl": download, "downloadUrl": download,
            "agendaItem": .array([object(.agendaitems, item.id!)]), "meeting": .array([object(.meetings, meeting.id!)]),
            "paper": file.paperId.map { .array([object(.papers, $0)]) },
        ], try stamps(.attachment, id, fallback: file.createdAt))
    }

    // MARK: Legislative terms

    /// A body's municipal years (May to April) from its first meeting to its last.
    func legislativeTermIds(body: Int64) throws -> [String] {
        guard let span = try reader.meetingSpan(bodyId: body) else { return [] }
        let year = { (date: Date) -> Int in
            let day = time.calendarDay(of: date).components
            return day.month >= 5 ? day.year : day.year - 1
        }
        return (year(span.first)...year(span.last)).map { "\(body)-\($0)" }
    }

    /// The term of an id a client sent: nil unless it is one of its body's terms.
    func legislativeTerm(_ id: String) throws -> JSONValue? {
        guard let body = id.split(separator: "-").first.flatMap({ Int64($0) }), try legislativeTermIds(body: body).contains(id) else { return nil }
        return legislativeTerm(known: id)
    }

    /// The term of an id from `legislativeTermIds`, without asking the store again for each (a body's page of terms
    /// asked once per term, a tenth of an OParl bodies list).
    func legislativeTerm(known id: String) -> JSONValue? {
        let parts = id.split(separator: "-")
        guard parts.count == 2, let body = Int64(parts[0]), let year = Int(parts[1]) else { return nil }
        return .object([
            "id": object(.legislativeterms, id), "type": type("LegislativeTerm"), "body": object(.bodies, body),
            "name": .string("Municipal year \(year)/\(String(format: "%02d", (year + 1) % 100))"),
            "startDate": .string(String(format: "%04d-05-01", year)), "endDate": .string(String(format: "%04d-04-30", year + 1)),
        ])
    }
}
