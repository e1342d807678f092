import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TownhallDomain
import TownhallStore

/// Calendars, Atom feeds and bulk downloads: everything public, for other software.
struct FeedRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let deadlines: Deadlines
    let baseURL: String
    let siteName: String
    let licence: OpenDataLicence
    let now: @Sendable () -> Date
    var time: LocalTime { deadlines.time }

    func register(on routes: RouteTable) {
        routes.get(.calendar) { _, _ in try await calendar(nil) }
        routes.get(.bodyCalendar) { _, context in try await calendar(try context.parameters.require("slug")) }
        routes.get(.papersFeed) { _, _ in try await papers(nil) }
        routes.get(.bodyPapersFeed) { _, context in try await papers(try context.parameters.require("slug")) }
        routes.get(.responsesFeed) { _, _ in try await responses(nil) }
        routes.get(.updatesFeed) { request, _ in
            guard let target = FollowLink.target(request.queryForm) else { throw HTTPError(.notFound) }
            return try await updates(target)
        }
        routes.get(.bodyResponsesFeed) { _, context in try await responses(try context.parameters.require("slug")) }
        routes.get(.openData) { _, _ in
            pages.render("data", title: "Open data", breadcrumbs: [Breadcrumb(title: "Home", url: SiteURL.home.path)], page: DataPageView(licence: licence))
        }
        routes.get(.dataFile) { request, context in
            let bom = request.queryForm[.bom] == "1"
            guard let (set, format) = DataSet.parse(fileName: try context.parameters.require("file")) else { throw HTTPError(.notFound) }
            switch set {
            case .meetings:
                guard let after = DataSet.after(request.queryForm.optional(.after)) else { throw HTTPError(.badRequest) }
                return try await meetingsData(format, bom: bom, after: after)
            case .recommendations: return try await recommendationsData(format.rawValue, bom: bom)
            case .responses: return try await responsesData(format.rawValue, bom: bom)
            case .extensionRequests:
                return try Self.data(try await database.extensionRequestLines(), format: format.rawValue, name: DataSet.extensionRequests.rawValue, bom: bom)
            case .performance:
                let lines = try await database.performanceLines().map { PerformanceDataLine($0, baseURL: baseURL) }
                return try Self.data(lines, format: format.rawValue, name: DataSet.performance.rawValue, bom: bom)
            case .spending:
                let bodies = Dictionary(uniqueKeysWithValues: try await database.perform { try $0.list(Body.self) }.map { ($0.id!, $0.name) })
                let lines = try await database.spendingEntries().map { SpendingDataLine($0, bodyName: bodies[$0.line.bodyId] ?? "", baseURL: baseURL) }
                return try Self.data(lines, format: format.rawValue, name: DataSet.spending.rawValue, bom: bom)
            }
        }
    }

    /// The body named in the path, or nil for all bodies; an unknown slug is a 404.
    func body(_ slug: String?) async throws -> Body? {
        guard let found = try await database.feedBody(slug: slug) else { throw HTTPError(.notFound) }
        return found
    }

    func calendar(_ slug: String?) async throws -> Response {
        let body = try await body(slug)
        let host = URL(string: baseURL)?.host ?? "townhall"
        let meetings = try await database.calendarMeetings(bodyId: body?.id, window: CalendarWindow(now: now()))
        try Task.checkCancellation()  // the client left during the read: no calendar is built for nobody
        let events = meetings.map { entry in
            let meeting = entry.summary.meeting
            var description = "\(baseURL)/meetings/\(meeting.id!)"
            if !entry.items.isEmpty {
                let lines = entry.items.map { item in
                    "\(item.number). \(item.title)" + (item.supplementaryAt.map { " (\(MeetingNotice.supplementary(at: $0, time: time)))" } ?? "")
                }
                description = "Agenda:\n" + lines.joined(separator: "\n") + "\n\n" + description
            }
            return ICalendar.Event(
                uid: "meeting-\(meeting.id!)@\(host)", stamp: entry.lastChanged, start: meeting.startsAt, end: meeting.endsAt,
                summary: "\(entry.summary.bodyName): \(meeting.title)", location: entry.address, description: description,
                url: "\(baseURL)/meetings/\(meeting.id!)", status: meeting.status)
        }
        let text = ICalendar(name: body?.name ?? "\(siteName): all meetings", timeZone: time.timeZone).render(events)
        return Self.response(text, type: "text/calendar; charset=utf-8", fileName: "\(body?.slug ?? "all-meetings").ics")
    }

    func papers(_ slug: String?) async throws -> Response {
        let body = try await body(slug)
        let entries = try await database.recentPapers(bodyId: body?.id).map { entry in
            AtomFeed.Entry(
                id: "\(baseURL)/papers/\(entry.paper.id!)", title: entry.paper.title, updated: entry.paper.publishedAt ?? entry.paper.createdAt,
                link: "\(baseURL)/papers/\(entry.paper.id!)",
                summary: "\(entry.meeting.bodyName), \(entry.meeting.meeting.title), \(time.dateTime(entry.meeting.meeting.startsAt))",
                author: entry.paper.author, category: entry.paper.kind.rawValue)
        }
        let feed = AtomFeed(
            id: "\(baseURL)\(slug.map { SiteURL.bodyPapersFeed(slug: $0).path } ?? SiteURL.papersFeed.path)",
            title: "New papers: \(body?.name ?? siteName)",
            selfLink: "\(baseURL)\(slug.map { SiteURL.bodyPapersFeed(slug: $0).path } ?? SiteURL.papersFeed.path)",
            alternateLink: "\(baseURL)\(slug.map { SiteURL.bodyPage(slug: $0).path } ?? SiteURL.home.path)")
        return Self.response(feed.render(entries, fallbackUpdated: Date(timeIntervalSince1970: 0)), type: "application/atom+xml; charset=utf-8")
    }

    func responses(_ slug: String?) async throws -> Response {
        let body = try await body(slug)
        let entries = try await database.recentResponses(bodyId: body?.id).map { entry in
            let counts = [(entry.accepted, "accepted"), (entry.partlyAccepted, "partially accepted"), (entry.rejected, "rejected")]
                .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            return AtomFeed.Entry(
                id: "\(baseURL)/responses/\(entry.response.id!)",
                title: "\(entry.organisation.name) responded to \(entry.paper.title)\(entry.response.version > 1 ? " (revised)" : "")",
                updated: entry.response.submittedAt ?? entry.response.updatedAt,
                link: "\(baseURL)/organisations/\(entry.organisation.slug)",
                summary: "\(entry.body.name): \(counts.isEmpty ? "no decisions" : counts).", author: entry.organisation.name, category: "response")
        }
        let path = slug.map { SiteURL.bodyResponsesFeed(slug: $0).path } ?? SiteURL.responsesFeed.path
        let feed = AtomFeed(
            id: baseURL + path, title: "Responses to recommendations: \(body?.name ?? siteName)", selfLink: baseURL + path,
            alternateLink: baseURL + SiteURL.recommendations.path)
        return Self.response(feed.render(entries, fallbackUpdated: Date(timeIntervalSince1970: 0)), type: "application/atom+xml; charset=utf-8")
    }

    /// What a follower of `target` is e-mailed, as a feed: the same public events, newest first. A target the
    /// public cannot see is a 404, as its follow form is.
    func updates(_ target: FollowTarget) async throws -> Response {
        let time = time
        guard let title = try await database.perform({ try $0.followTargetTitle(target, time: time) }) else { throw HTTPError(.notFound) }
        let events = try await database.perform { try $0.publicEvents(for: target) }
        let entries = events.map { event in
            AtomFeed.Entry(
                id: "\(baseURL)/events/\(event.id!)", title: "\(event.kind.label): \(event.title)", updated: event.at,
                link: baseURL + FollowMessages.url(event.link).path, summary: event.detail, author: siteName, category: event.kind.rawValue)
        }
        let path = FollowLink(target).feedURL
        let feed = AtomFeed(id: baseURL + path, title: "Updates: \(title)", selfLink: baseURL + path, alternateLink: baseURL + FollowMessages.url(target))
        return Self.response(feed.render(entries, fallbackUpdated: Date(timeIntervalSince1970: 0)), type: "application/atom+xml; charset=utf-8")
    }

    /// RFC 8288 `Link`, which swift-http-types does not name.
    static let linkField = HTTPField.Name("Link")!

    /// One page of `DataSet.pageSize` meetings by id; when more follow, a `Link: <…?after=ID>; rel="next"` header
    /// (RFC 8288) gives the next page's address, as the data page explains.
    func meetingsData(_ format: DataFormat, bom: Bool = false, after: Int64) async throws -> Response {
        let (meetings, more) = try await database.meetingsPage(after: after, limit: DataSet.pageSize)
        try Task.checkCancellation()
        let rows = meetings.map { summary in
            MeetingLine(
                id: summary.meeting.id!, body: summary.bodyName, bodySlug: summary.bodySlug, title: summary.meeting.title,
                startsAt: time.isoLocal(summary.meeting.startsAt), endsAt: summary.meeting.endsAt.map(time.isoLocal) ?? "",
                location: summary.locationName ?? "", status: summary.meeting.status.rawValue,
                agendaPublished: summary.meeting.agendaPublishedAt != nil, url: "\(baseURL)/meetings/\(summary.meeting.id!)")
        }
        var response = try Self.data(rows, format: format.rawValue, name: "meetings", bom: bom)
        if more, let last = meetings.last?.meeting.id {
            let next = SiteURL.dataFile(.meetings, format).path(query: [(.after, String(last))] + (bom ? [(.bom, "1")] : []))
            response.headers[Self.linkField] = "<\(baseURL)\(next)>; rel=\"next\""
        }
        return response
    }

    func recommendationsData(_ format: String, bom: Bool = false) async throws -> Response {
        let rows = try await database.trackedRecommendations(RecommendationScope(), deadlines: deadlines, now: now()).map { tracked in
            RecommendationLine(
                id: tracked.recommendation.id!, number: tracked.recommendation.number, body: tracked.body.name,
                organisation: tracked.organisation.name, paperId: tracked.recommendation.paperId, paperTitle: tracked.paperTitle,
                text: tracked.recommendation.text, state: tracked.state.rawValue,
                issuedOn: tracked.recommendation.issuedAt.map { time.day(of: $0) } ?? "", dueOn: tracked.recommendation.dueOn ?? "",
                decision: tracked.decision?.rawValue ?? "", answeredOn: tracked.firstAnsweredAt.map { time.day(of: $0) } ?? "",
                implementation: tracked.action?.status?.rawValue ?? "", percentComplete: tracked.action?.percentComplete.map(String.init) ?? "",
                actionTarget: tracked.action?.target?.description ?? "", actionOverdue: tracked.action?.isOverdue ?? false,
                url: "\(baseURL)/recommendations/\(tracked.recommendation.id!)")
        }
        return try Self.data(rows, format: format, name: "recommendations", bom: bom)
    }

    func responsesData(_ format: String, bom: Bool = false) async throws -> Response {
        try Self.data(try await database.responseLines(), format: format, name: "responses", bom: bom)
    }

    /// JSON (an array of objects, ISO 8601 dates) or CSV (the same keys as columns, in the documented order).
    /// `bom` puts a UTF-8 byte-order mark before CSV, so Excel reads `£` and accents correctly (`?bom=1`).
    static func data<Row: Encodable & DataRow>(_ rows: [Row], format: String, name: String, bom: Bool = false) throws -> Response {
        if format == "json" {
            if let rows = rows as? [any JSONRow] {
                return response(String(decoding: JSONValue.array(ofSortedObjects: rows.map(\.jsonMembers)), as: UTF8.self), type: "application/json", fileName: "\(name).json")
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            return response(String(decoding: try encoder.encode(rows), as: UTF8.self), type: "application/json", fileName: "\(name).json")
        }
        let csv = CSVWriter.render(header: Row.columns, rows: rows.map(\.cells))
        return response((bom ? "\u{FEFF}" : "") + csv, type: "text/csv; charset=utf-8", fileName: "\(name).csv")
    }

    static func response(_ text: String, type: String, fileName: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: type, .eTag: HTTPCacheMiddleware.etag(text)]
        if let fileName { headers[.contentDisposition] = "inline; filename=\"\(fileName)\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The bulk data sets under `/data`, each as CSV and JSON, in files named `set.format`.
public enum DataSet: String, CaseIterable, Sendable {
    case meetings, recommendations, responses
    case extensionRequests = "extension-requests"
    case performance
    case spending

    static func fileName(_ set: DataSet, _ format: DataFormat) -> String { "\(set.rawValue).\(format.rawValue)" }

    /// Meetings a file holds at most (about 270 KB of JSON), so no download is over a megabyte or takes long to build
    /// however many meetings the store holds (issue 15); `?after=` pages on. At 2,000 a page took 21-23 ms to build
    /// on the bench store (`make bench`, uncached), over the 20 ms the issue allows any list.
    public static let pageSize = 1_000

    /// `?after=`: absent is the start; otherwise the id of the last meeting already read. Nil for anything else.
    static func after(_ text: String?) -> Int64? {
        guard let text, !text.isEmpty else { return 0 }
        return RequestNumber.id(text)
    }

    /// `meetings.csv`, `recommendations.json`...; anything else is not a data file.
    static func parse(fileName: String) -> (DataSet, DataFormat)? {
        guard let dot = fileName.lastIndex(of: "."), let set = DataSet(rawValue: String(fileName[..<dot])),
              let format = DataFormat(rawValue: String(fileName[fileName.index(after: dot)...]))
        else { return nil }
        return (set, format)
    }
}

public enum DataFormat: String, CaseIterable, Sendable { case csv, json }
