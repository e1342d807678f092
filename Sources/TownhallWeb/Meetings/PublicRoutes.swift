import Foundation
import Hummingbird
import NIOCore
import TownhallDomain
import TownhallStore

/// The resident-facing site. Every handler asks the store for public data only and turns it into a view model.
struct PublicRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let files: AttachmentFiles
    let time: LocalTime
    let rule: PublicationRule
    let deadlines: Deadlines
    let now: @Sendable () -> Date

    func register(on routes: RouteTable) {
        routes.get(.home, use: home)
        routes.get(.bodies, use: bodies)
        routes.get(.bodyPage, use: body)
        routes.get(.person, use: person)
        routes.get(.meetings, use: meetings)
        routes.get(.meeting, use: meeting)
        routes.get(.paper, use: paper)
        routes.get(.attachment, use: attachment)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let bodies = try await database.allBodies()
        let upcoming = try await database.upcomingMeetings(from: now(), limit: 10)
        return pages.render("home", title: "Meetings and papers", page: HomeView(bodies: bodies, upcoming: upcoming, time: time))
    }

    /// Every body, by kind.
    @Sendable func bodies(_ request: Request, context: AppRequestContext) async throws -> Response {
        let view = BodiesView(bodies: try await database.allBodies())
        return pages.render("bodies", title: "Bodies", breadcrumbs: [Breadcrumb(title: "Home", url: SiteURL.home.path)], page: view)
    }

    @Sendable func body(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let current = now()
        guard let detail = try await database.bodyDetail(slug: slug, now: current, time: time) else {
            throw HTTPError(.notFound)
        }
        var recommendations: [TrackedRecommendation] = []
        if case .peerChallenge(let summary?) = detail.overview, let report = summary.report {
            recommendations = try await database.trackedRecommendations(
                RecommendationScope(paperId: report.id), deadlines: deadlines, now: current)
        }
        let view = BodyView(detail, recommendations: recommendations, time: time)
        return pages.render("body", title: view.name, breadcrumbs: [Breadcrumb(title: "Home", url: SiteURL.home.path)], page: view)
    }

    /// The meetings archive: a month (this month unless asked), of one body or kind of body if asked. A month that
    /// is not one is an error beside the field; a body or kind that does not exist is a 404, as its page would be.
    @Sendable func meetings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.queryForm
        var errors = FormErrors()
        let today = time.calendarDay(of: now())
        let typed = query.text(.month)
        var month = CalendarMonth(containing: today)
        if !typed.isEmpty {
            if let asked = CalendarMonth(typed) {
                month = asked
            } else {
                errors.add(.month, "Month must be a year and month from \(CalendarMonth.years.lowerBound) to \(CalendarMonth.years.upperBound), for example 2027-01")
            }
        }
        let bodies = try await database.bodyNames()
        let bodySlug = query.text(.body).nonEmpty, kindText = query.text(.kind).nonEmpty
        let kind = kindText.flatMap(BodyKind.init(rawValue:))
        guard bodySlug.map({ slug in bodies.contains { $0.slug == slug } }) ?? true, kindText == nil || kind != nil else { throw HTTPError(.notFound) }
        let from = try time.parseDateTime("\(month.firstDay) 00:00"), to = try time.parseDateTime("\(month.lastDay.adding(days: 1)) 00:00")
        let summaries = errors.isEmpty ? try await database.meetings(from: from, to: to, bodySlug: bodySlug, kind: kind) : []
        let view = MeetingsArchiveView(
            month: month, typedMonth: typed.isEmpty ? month.description : typed, bodies: bodies, bodySlug: bodySlug, kind: kind,
            summaries: summaries, today: today, time: time, errors: errors)
        return pages.render(
            "meetings", title: (errors.isEmpty ? "" : "Error: ") + view.heading, breadcrumbs: [Breadcrumb(title: "Home", url: SiteURL.home.path)],
            page: view, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func person(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let detail = try await database.personDetail(slug: try context.parameters.require("slug")) else { throw HTTPError(.notFound) }
        let view = PersonView(detail, now: now(), time: time)
        return pages.render("person", title: view.name, breadcrumbs: [Breadcrumb(title: "Home", url: SiteURL.home.path)], page: view)
    }

    @Sendable func meeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let detail = try await database.meetingDetail(id: try Self.id(context)) else { throw HTTPError(.notFound) }
        let record = try await database.meetingRecord(meetingId: detail.summary.meeting.id!)
        let pack = try await database.agendaPack(meetingId: detail.summary.meeting.id!)
        let view = MeetingView(detail, record: record, pack: pack, time: time, rule: rule)
        let crumbs = [Breadcrumb(title: "Home", url: SiteURL.home.path), Breadcrumb(title: view.meeting.bodyName, url: view.meeting.bodyURL)]
        return pages.render("meeting", title: "\(view.meeting.title), \(view.meeting.when)", breadcrumbs: crumbs, page: view)
    }

    @Sendable func paper(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let detail = try await database.paperDetail(id: try Self.id(context)) else { throw HTTPError(.notFound) }
        // Most papers cannot cite spending, and skip the query.
        let spending = detail.paper.kind.citesSpending ? try await database.spendingCited(by: .paper(id: detail.paper.id!)) : []
        let view = PaperView(detail, spending: spending, time: time)
        let crumbs = [
            Breadcrumb(title: "Home", url: SiteURL.home.path), Breadcrumb(title: view.meeting.bodyName, url: view.meeting.bodyURL),
            Breadcrumb(title: view.meeting.title, url: view.meeting.url),
        ]
        return pages.render("paper", title: view.title, breadcrumbs: crumbs, page: view)
    }

    /// Files are always sent as downloads with their stored media type, never rendered inline.
    @Sendable func attachment(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let file = try await database.publicAttachment(id: try Self.id(context)) else { throw HTTPError(.notFound) }
        return try Self.fileResponse(file, files: files, cacheControl: "public, max-age=3600")
    }

    /// An attachment's bytes, always as a download of its stored type, never shown inline.
    static func fileResponse(_ file: Attachment, files: AttachmentFiles, cacheControl: String) throws -> Response {
        try fileResponse(StoredFile(file), files: files, cacheControl: cacheControl)
    }

    /// Any stored file (an attachment, a resident's evidence) as a download, with the same headers.
    static func fileResponse(_ file: StoredFile, files: AttachmentFiles, cacheControl: String) throws -> Response {
        let url = files.url(for: file.storagePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TownhallError.io("\(file.fileName) is missing its bytes at \(url.path)")
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: file.mediaType,
                .contentDisposition: Self.contentDisposition(fileName: file.fileName),
                .contentLength: String(data.count),
                .cacheControl: cacheControl,
                .eTag: "\"\(file.sha256)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// RFC 6266: an ASCII fallback name plus the exact UTF-8 name.
    static func contentDisposition(fileName: String) -> String {
        let fallback = String(fileName.unicodeScalars.map { scalar -> Character in
            (scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\") ? Character(scalar) : "_"
        })
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-_"))) ?? fallback
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }

    /// A non-numeric or out-of-range id is simply a page that does not exist.
    static func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = RequestNumber.id(context.parameters.get("id")) else { throw HTTPError(.notFound) }
        return id
    }
}
