import Foundation
import TownhallDomain
import TownhallStore

/// Maps what the store's `OParlReader` returns to OParl 1.1 JSON, inside the reader's one transaction. The store
/// decides what is public (only published papers on non-exempt items of published agendas, exempt items shown with
/// `public: false` and nothing else, files only where their paper is public); this decides how it is written.
///
/// The model (issue 17): the installation is one OParl Body (`bodies/1`), and every Townhall body (a Policing
/// Board, a panel, an LPAC) is an Organization of it, so a person on two boards has both memberships inside one
/// Body's lists. Every URL is a typed `SiteURL`. `created` and `modified` come from the OParl ledger
/// (`OParlLedger`), which is why the same code, with `stamped` false, gives the representation the ledger hashes.
struct OParlObjects {
    let reader: OParlReader
    let base: String
    let time: LocalTime
    let siteName: String
    let licence: OpenDataLicence
    /// Whether objects carry `created`/`modified` from the ledger (false: the bare representation it hashes).
    let stamped: Bool
    /// OParl 1.1, section 2.5.4: `omit_internal=true` leaves out the internal lists a client fetches elsewhere.
    var omitInternal = false
    static let version = "https://schema.oparl.org/1.1/"
    static let body = OParlLedgerWriter.installationBody

    func url(_ link: SiteURL) -> JSONValue { .string(base + link.path) }
    /// `/oparl/v1.1/{kind}/{id}`; for a body that is the `oparlBody` route's path too.
    func object(_ kind: OParlKind, _ id: some CustomStringConvertible) -> JSONValue {
        url(.oparlObject(kind: kind.rawValue, id: "\(id)"))
    }
    func list(_ list: OParlKind) -> JSONValue { url(.oparlBodyList(Self.body, list: list.rawValue)) }
    func type(_ name: String) -> JSONValue { .string(Self.version + name) }
    var bodyURL: JSONValue { object(.bodies, Self.body) }

    static func utc(_ date: Date) -> String { LocalTime.utc.isoLocal(date) }

    /// The object's members with its `created` and `modified` from the ledger, when stamped. `known` is the entry
    /// when the caller has already read it (`.some(nil)`: read, and the ledger has none); absent, it is read here.
    func stamp(_ members: [String: JSONValue?], _ key: OParlKey, known: OParlEntry?? = nil) throws -> JSONValue {
        var members = members
        if stamped, let entry = try known ?? reader.entry(key) {
            members["created"] = .string(Self.utc(entry.created))
            members["modified"] = .string(Self.utc(entry.modified))
        }
        return .object(members)
    }

    /// A deleted object as OParl 1.1 section 2.8 keeps it: its id, type, created and modified, and `deleted: true`.
    func tombstone(_ entry: OParlEntry) -> JSONValue {
        .object([
            "id": object(entry.key.kind, entry.key.key), "type": type(Self.typeName(entry.key.kind)), "deleted": .bool(true),
            "created": .string(Self.utc(entry.created)), "modified": .string(Self.utc(entry.modified)),
        ])
    }

    static func typeName(_ kind: OParlKind) -> String {
        switch kind {
        case .bodies: "Body"
        case .organizations: "Organization"
        case .persons: "Person"
        case .memberships: "Membership"
        case .meetings: "Meeting"
        case .agendaitems: "AgendaItem"
        case .papers: "Paper"
        case .consultations: "Consultation"
        case .files: "File"
        case .locations: "Location"
        case .legislativeterms: "LegislativeTerm"
        }
    }

    /// One object by its key, as the public may see it now; nil when it does not exist or is not public.
    func object(_ key: OParlKey) throws -> JSONValue? {
        let id = key.key
        switch key.kind {
        case .legislativeterms: return try legislativeTerm(id)
        case .files where key.paperFileId != nil: return try paperFile(key.paperFileId!)
        default: break
        }
        guard let number = Int64(id), String(number) == id else { return nil }
        switch key.kind {
        case .bodies: return number == Self.body ? try body() : nil
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

    /// An object for its URL: the public object, or its tombstone once the ledger has it deleted.
    func current(_ key: OParlKey) throws -> JSONValue? {
        if let found = try object(key) { return found }
        guard let entry = try reader.entry(key), entry.deleted else { return nil }
        return tombstone(entry)
    }

    /// One page of a list as full objects (tombstones for deleted ones), and how many match in all.
    func list(_ kind: OParlKind, filter: OParlFilter) throws -> (objects: [JSONValue], total: Int) {
        guard kind != .legislativeterms else {
            let ids = try legislativeTermIds()
            return (ids.dropFirst(filter.offset).prefix(filter.limit).compactMap(legislativeTerm(known:)), ids.count)
        }
        let page = try reader.listPage(kind, filter: filter)
        return (try page.entries.compactMap { entry in
            entry.deleted ? tombstone(entry) : try object(entry.key) ?? tombstone(entry)
        }, page.total)
    }

    // MARK: System, the Body, organisations

    func system() throws -> JSONValue {
        let changes = try reader.storeChanges()
        let first = changes.first ?? Date(timeIntervalSince1970: 0)
        return .object([
            "id": url(.oparlSystem), "type": type("System"), "oparlVersion": .string(Self.version), "body": url(.oparlBodies),
            "name": .string(siteName), "website": url(.home), "product": url(.openData), "web": url(.home),
            "created": .string(Self.utc(first)), "modified": .string(Self.utc(changes.last ?? first)),
        ])
    }

    /// The installation: every list lives here.
    func body() throws -> JSONValue {
        try stamp([
            "id": bodyURL, "type": type("Body"), "system": url(.oparlSystem), "name": .string(siteName),
            "shortName": .string(ShortName.of(siteName)), "website": url(.home), "license": .string(licence.url),
            "organization": list(.organizations), "person": list(.persons), "meeting": list(.meetings),
            "paper": list(.papers), "agendaItem": list(.agendaitems), "consultation": list(.consultations),
            "file": list(.files), "locationList": list(.locations), "legislativeTermList": list(.legislativeterms),
            "membership": list(.memberships),
            "legislativeTerm": .array(try legislativeTermIds().compactMap(legislativeTerm(known:))),
            "web": url(.home),
        ], OParlKey(.bodies, Self.body))
    }

    /// Each Townhall body is an organisation (a committee, "Gremium") of the installation's Body.
    func organization(_ id: Int64) throws -> JSONValue? {
        guard let body = try reader.body(id) else { return nil }
        return try stamp([
            "id": object(.organizations, id), "type": type("Organization"), "body": bodyURL,
            "name": .string(body.name), "shortName": .string(ShortName.of(body.name)), "organizationType": .string("Gremium"),
            "classification": .string(body.kind.label),
            "membership": .array(try reader.membershipIds(bodyId: id).map { object(.memberships, $0) }),
            "web": url(.bodyPage(slug: body.slug)),
        ], OParlKey(.organizations, id))
    }

    // MARK: People

    func person(_ id: Int64) throws -> JSONValue? {
        guard let person = try reader.person(id) else { return nil }
        let memberships = try reader.membershipIds(personId: id)
        // Only people who sit (or sat) on a body are published: the directory is of members.
        guard !memberships.isEmpty else { return nil }
        return try stamp([
            "id": object(.persons, id), "type": type("Person"), "body": bodyURL, "name": .string(person.name),
            "status": person.title.isEmpty ? nil : .array([.string(person.title)]),
            "membership": omitInternal ? nil : .array(try memberships.compactMap { try membership($0) }),
        ], OParlKey(.persons, id))
    }

    func membership(_ id: Int64) throws -> JSONValue? {
        guard let membership = try reader.membership(id) else { return nil }
        let role = [membership.role.label, membership.category?.label].compactMap { $0 }.joined(separator: ", ")
        return try stamp([
            "id": object(.memberships, id), "type": type("Membership"), "person": object(.persons, membership.personId),
            "organization": object(.organizations, membership.bodyId), "role": .string(role), "votingRight": .bool(true),
            "startDate": .string(membership.startDate), "endDate": membership.endDate.map(JSONValue.string),
        ], OParlKey(.memberships, id))
    }

    // MARK: Meetings and agendas

    func meeting(_ id: Int64) throws -> JSONValue? {
        guard let meeting = try reader.meeting(id) else { return nil }
        return try stamp([
            "id": object(.meetings, id), "type": type("Meeting"), "name": .string(meeting.title),
            "meetingState": .string(meeting.status.rawValue), "cancelled": .bool(meeting.status == .cancelled),
            "start": .string(time.isoLocal(meeting.startsAt)), "end": meeting.endsAt.map { .string(time.isoLocal($0)) },
            "location": try meeting.locationId.flatMap { try location($0) },
            "organization": .array([object(.organizations, meeting.bodyId)]),
            "agendaItem": omitInternal ? nil : .array(try agendaItems(of: meeting)),
            "web": url(.meeting(id)),
        ], OParlKey(.meetings, id))
    }

    /// Nil unless the meeting's agenda is published.
    func agendaItem(_ id: Int64) throws -> JSONValue? {
        guard let (item, meeting) = try reader.agendaItem(id) else { return nil }
        return try agendaItem(item, on: meeting)
    }

    /// A meeting's published agenda, every item's papers, files and ledger entry read at once.
    func agendaItems(of meeting: Meeting) throws -> [JSONValue] {
        let items = try reader.agendaItems(meeting: meeting)
        guard !items.isEmpty, let meetingId = meeting.id else { return [] }
        let extras = try reader.agendaExtras(meetingId: meetingId, entries: stamped)
        return try items.map { try agendaItem($0, on: meeting, extras: extras) }
    }

    /// An item of a published agenda, its meeting already read (and its papers, files and entry with `extras`).
    func agendaItem(_ item: AgendaItem, on meeting: Meeting, extras: AgendaExtras? = nil) throws -> JSONValue {
        let id = item.id!
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
            let firstPaper = try extras.map { $0.firstPaper[id] } ?? reader.publicPaperIds(itemId: id).first
            members["consultation"] = firstPaper.map { object(.consultations, $0) }
            members["resolutionText"] = item.decision.flatMap { $0.isEmpty ? nil : .string($0) }
            if !omitInternal {
                let files = try extras.map { $0.files[id] ?? [] } ?? reader.publicFiles(itemId: id)
                members["auxiliaryFile"] = .array(try files.map { try file($0, item: item, meeting: meeting) })
            }
        }
        return try stamp(members, OParlKey(.agendaitems, id), known: extras.map { $0.entries[id] })
    }

    func location(_ id: Int64) throws -> JSONValue? {
        guard let location = try reader.location(id) else { return nil }
        let meetings = try reader.meetingIds(locationId: id)
        // A place is published as where meetings are held.
        guard !meetings.isEmpty else { return nil }
        return try stamp([
            "id": object(.locations, id), "type": type("Location"), "description": .string(location.name),
            "streetAddress": location.address.isEmpty ? nil : .string(location.address),
            "meetings": .array(meetings.map { object(.meetings, $0) }),
        ], OParlKey(.locations, id))
    }

    // MARK: Papers and files

    typealias PublicPaper = (paper: Paper, item: AgendaItem, meeting: Meeting)

    func paper(_ id: Int64) throws -> JSONValue? {
        guard let found = try reader.publicPaper(id) else { return nil }
        let (paper, item, meeting) = found
        return try stamp([
            "id": object(.papers, id), "type": type("Paper"), "body": bodyURL,
            "name": .string(paper.title), "reference": .string("TH-\(id)"),
            "date": paper.publishedAt.map { .string(time.day(of: $0)) }, "paperType": .string(paper.kind.label),
            "underDirectionOf": .array([object(.organizations, meeting.bodyId)]),
            "mainFile": try paperFile(found),
            "auxiliaryFile": omitInternal ? nil
                : .array(try reader.publicFiles(itemId: item.id!, paperId: id).map { try file($0, item: item, meeting: meeting) }),
            "consultation": .array([try consultation(found)]),
            // The revision it replaces, while that is public (a withdrawn one is a tombstone, outside the lists).
            "relatedPaper": try paper.previousRevisionId.flatMap { try reader.publicPaper($0) == nil ? nil : .array([object(.papers, $0)]) },
            "web": url(.paper(id)),
        ], OParlKey(.papers, id))
    }

    /// A paper is considered at the meeting whose agenda carries it.
    func consultation(_ paperId: Int64) throws -> JSONValue? {
        guard let found = try reader.publicPaper(paperId) else { return nil }
        return try consultation(found)
    }

    func consultation(_ found: PublicPaper) throws -> JSONValue {
        let (paper, item, meeting) = found
        return try stamp([
            "id": object(.consultations, paper.id!), "type": type("Consultation"), "paper": object(.papers, paper.id!),
            "agendaItem": object(.agendaitems, item.id!), "meeting": object(.meetings, meeting.id!),
            "organization": .array([object(.organizations, meeting.bodyId)]), "authoritative": .bool(item.itemType == .decision),
            "role": .string(item.itemType.label),
        ], OParlKey(.consultations, paper.id!))
    }

    /// The paper's own text: the standalone HTML document `PaperDocument` serves, whose size this states.
    func paperFile(_ paperId: Int64) throws -> JSONValue? {
        guard let found = try reader.publicPaper(paperId) else { return nil }
        return try paperFile(found)
    }

    func paperFile(_ found: PublicPaper) throws -> JSONValue {
        let (paper, item, meeting) = found
        let paperId = paper.id!
        let download = url(.paperDocument(paperId))
        return try stamp([
            "id": object(.files, OParlKey.paperFile(paperId).key), "type": type("File"), "name": .string(paper.title),
            "fileName": .string(PaperDocument.fileName(paperId)), "mimeType": .string(PaperDocument.mediaType),
            "date": paper.publishedAt.map { .string(time.day(of: $0)) }, "size": .int(Int64(PaperDocument.size(paper))),
            "accessUrl": download, "downloadUrl": download, "paper": .array([object(.papers, paperId)]),
            "agendaItem": .array([object(.agendaitems, item.id!)]), "meeting": .array([object(.meetings, meeting.id!)]),
        ], .paperFile(paperId))
    }

    /// An attachment the public may download.
    func file(_ id: Int64) throws -> JSONValue? {
        guard let (file, item, meeting) = try reader.publicFile(id) else { return nil }
        return try self.file(file, item: item, meeting: meeting)
    }

    /// A public attachment, its item and meeting already read.
    func file(_ file: Attachment, item: AgendaItem, meeting: Meeting) throws -> JSONValue {
        let id = file.id!
        let download = url(.attachment(id, name: file.fileName))
        return try stamp([
            "id": object(.files, id), "type": type("File"), "name": .string(file.fileName), "fileName": .string(file.fileName),
            "mimeType": .string(file.mediaType), "date": .string(time.day(of: file.createdAt)), "size": .int(Int64(file.size)),
            "accessUrl": download, "downloadUrl": download,
            "agendaItem": .array([object(.agendaitems, item.id!)]), "meeting": .array([object(.meetings, meeting.id!)]),
            "paper": file.paperId.map { .array([object(.papers, $0)]) },
        ], OParlKey(.files, id))
    }

    // MARK: Legislative terms

    /// The municipal years (May to April) from the first meeting of any body to the last, by year (`2026`).
    func legislativeTermIds() throws -> [String] {
        guard let span = try reader.meetingSpan() else { return [] }
        let year = { (date: Date) -> Int in
            let day = time.calendarDay(of: date).components
            return day.month >= 5 ? day.year : day.year - 1
        }
        return (year(span.first)...year(span.last)).map { "\($0)" }
    }

    /// The term of an id a client sent: nil unless it is one of the installation's terms.
    func legislativeTerm(_ id: String) throws -> JSONValue? {
        guard try legislativeTermIds().contains(id) else { return nil }
        return legislativeTerm(known: id)
    }

    /// The term of an id from `legislativeTermIds`, without asking the store again for each.
    func legislativeTerm(known id: String) -> JSONValue? {
        guard let year = Int(id) else { return nil }
        return .object([
            "id": object(.legislativeterms, id), "type": type("LegislativeTerm"), "body": bodyURL,
            "name": .string("Municipal year \(year)/\(String(format: "%02d", (year + 1) % 100))"),
            "startDate": .string(String(format: "%04d-05-01", year)), "endDate": .string(String(format: "%04d-04-30", year + 1)),
        ])
    }
}
