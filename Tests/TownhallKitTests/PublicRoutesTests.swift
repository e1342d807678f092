import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

@Suite("Public site over HTTP")
struct PublicRoutesTests {
    func get(_ client: any TestClientProtocol, _ uri: String) async throws -> (HTTPResponse.Status, HTTPFields, String) {
        let page = try await Browser.anonymous(client, uri)
        return (page.status, page.headers, page.body)
    }

    @Test func healthAndReadinessAnswerPlainly() async throws {
        try await withDemo { _, client in
            let (health, _, ok) = try await get(client, "/healthz")
            #expect(health == .ok && ok == "ok")
            let (ready, headers, text) = try await get(client, "/readyz")
            #expect(ready == .ok && text == "ready")
            #expect(headers[.cacheControl] == "no-store")
        }
    }

    @Test func homeListsBodiesAndNextMeetings() async throws {
        try await withDemo { store, client in
            let (status, headers, html) = try await get(client, "/")
            #expect(status == .ok)
            #expect(headers[.contentType] == "text/html; charset=utf-8")
            for body in try store.database.list(Body.self) {
                #expect(html.contains("href=\"/bodies/\(body.slug)\""))
            }
            #expect(html.contains("Budget and precept meeting"))
            #expect(html.contains("Inquiry planning meeting"))
            #expect(html.contains("Cancelled"))
            #expect(!html.contains(">Evidence session"), "past meetings are not 'next'")
        }
    }

    /// Issue 19: `/bodies` lists every body under its kind, kinds in their order, each with what it is for.
    @Test func bodiesAreListedByKind() async throws {
        try await withDemo { store, client in
            let (status, _, html) = try await get(client, "/bodies")
            #expect(status == .ok)
            let bodies = try store.database.list(Body.self)
            for body in bodies { #expect(html.contains("href=\"/bodies/\(body.slug)\""), "\(body.slug)") }
            let kinds = BodyKind.allCases.filter { kind in bodies.contains { $0.kind == kind } }
            let headings = kinds.compactMap { html.range(of: "id=\"\($0.rawValue)\">\($0.pluralLabel)</h2>")?.lowerBound }
            #expect(headings.count == kinds.count && headings == headings.sorted(), "every kind present, in order")
            #expect(!html.contains(BodyKind.jointCommittee.pluralLabel), "a kind with no body has no heading")
            #expect(html.contains(BodyKind.lpac.purpose.replacingOccurrences(of: "'", with: "&#39;")))
            #expect(try await get(client, "/").2.contains("href=\"/bodies\""), "the home page links to it")
        }
    }

    @Test func everyPageHasTheAccessibleLayout() async throws {
        try await withDemo { store, client in
            let paper = try store.database.list(Paper.self).first { $0.title == "Force budget and precept 2027/28" }!
            for uri in ["/", "/bodies", "/bodies/harford-policing-board", "/meetings/1", "/papers/\(paper.id!)", "/missing"] {
                let (_, _, html) = try await get(client, uri)
                #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"), "\(uri)")
                #expect(html.contains("<a href=\"#main-content\" class=\"skip-link\">"), "\(uri)")
                #expect(html.components(separatedBy: "<main").count == 2, "\(uri) has one main")
                #expect(html.components(separatedBy: "<h1").count == 2, "\(uri) has one h1")
                #expect(html.contains("<meta name=\"viewport\""), "\(uri)")
                #expect(!html.contains("<script"), "\(uri)")
            }
        }
    }

    @Test func securityHeadersOnEveryResponse() async throws {
        try await withDemo { _, client in
            for uri in ["/", "/missing", "/css/townhall.css", "/attachments/1/budget-2027-28.csv"] {
                let (_, headers, _) = try await get(client, uri)
                #expect(headers[.contentSecurityPolicy]?.contains("script-src 'none'") == true, "\(uri)")
                #expect(headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
                #expect(headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin", "\(uri)")
            }
        }
    }

    @Test func bodyPageShowsMembersAndMeetings() async throws {
        try await withDemo { _, client in
            let (status, _, html) = try await get(client, "/bodies/harford-policing-board")
            #expect(status == .ok)
            #expect(html.contains("Harford and Marsh Vale Policing Board"))
            #expect(html.contains("Councillor Amara Okafor"))
            #expect(html.contains("<td>Chair</td><td>Council leader, Harford City Council</td>"))
            #expect(html.contains("Upcoming meetings"))
            #expect(html.contains("Budget and precept meeting"))
            #expect(html.contains("Past meetings"))
            let chair = html.range(of: "Amara Okafor")!.lowerBound
            let member = html.range(of: "Priya Shah")!.lowerBound
            #expect(chair < member, "chair listed first")
        }
    }

    @Test func meetingPageShowsAgendaPapersFilesAndExemptTitlesOnly() async throws {
        try await withDemo { store, client in
            let meeting = try store.database.list(Meeting.self).first { $0.title == "Budget and precept meeting" }!
            let (status, _, html) = try await get(client, "/meetings/\(meeting.id!)")
            #expect(status == .ok)
            #expect(html.contains("Force budget and police precept 2027/28"))
            #expect(html.contains("href=\"/attachments/1/budget-2027-28.csv\""))
            #expect(html.contains("Estates: disposal of the former Marsh Vale police station"))
            #expect(html.contains("paragraph 3 of Part 1 of Schedule 12A"))
            for paper in try store.database.list(Paper.self) where paper.status != .published || paper.title.contains("exempt") {
                #expect(!html.contains(paper.title), "\(paper.title) must not be listed")
                #expect(!html.contains("/papers/\(paper.id!)\""))
            }
            #expect(!html.contains("1,150,000"))
        }
    }

    @Test func unpublishedAgendaIsNotShown() async throws {
        try await withDemo { store, client in
            let meeting = try store.database.list(Meeting.self).first { $0.agendaPublishedAt == nil }!
            let (status, _, html) = try await get(client, "/meetings/\(meeting.id!)")
            #expect(status == .ok)
            #expect(html.contains("The agenda for this meeting has not been published yet."))
            #expect(!html.contains("Apologies for absence"))
        }
    }

    @Test func cancelledMeetingStaysVisibleAndMarked() async throws {
        try await withDemo { store, client in
            let meeting = try store.database.list(Meeting.self).first { $0.status == .cancelled }!
            let (status, _, html) = try await get(client, "/meetings/\(meeting.id!)")
            #expect(status == .ok)
            #expect(html.contains("This meeting has been cancelled."))
        }
    }

    @Test func publishedPaperShowsStoredHTMLRevisionAndDate() async throws {
        try await withDemo { store, client in
            let paper = try store.database.list(Paper.self).first { $0.title == "Force budget and precept 2027/28" }!
            let (status, _, html) = try await get(client, "/papers/\(paper.id!)")
            #expect(status == .ok)
            #expect(html.contains(paper.html!))
            #expect(html.contains("<th scope=\"col\">Service area</th>"))
            #expect(html.contains("<dt class=\"summary-list__key\">Revision</dt><dd class=\"summary-list__value\">1</dd>"))
            #expect(html.contains(LocalTime().shortDate(paper.publishedAt!)))
            #expect(html.contains("budget-2027-28.csv"))
        }
    }

    @Test func draftAndExemptPapersAre404() async throws {
        try await withDemo { store, client in
            let hidden = try store.database.list(Paper.self).filter { $0.status == .draft || $0.title.contains("exempt") }
            #expect(hidden.count == 3)
            for paper in hidden {
                let (status, _, html) = try await get(client, "/papers/\(paper.id!)")
                #expect(status == .notFound)
                #expect(html.contains("Page not found"))
                #expect(!html.contains(paper.markdown.prefix(20)))
            }
        }
    }

    @Test func attachmentDownloadsWithTypeAndDisposition() async throws {
        try await withDemo { store, client in
            let file = try store.database.list(Attachment.self).first!
            let (status, headers, body) = try await get(client, "/attachments/\(file.id!)/\(file.fileName)")
            #expect(status == .ok)
            #expect(headers[.contentType] == "text/csv")
            #expect(headers[.contentDisposition] == "attachment; filename=\"budget-2027-28.csv\"; filename*=UTF-8''budget-2027-28.csv")
            #expect(body.hasPrefix("service_area,budget_2026_27"))
        }
    }

    @Test func attachmentOfExemptOrDraftIs404() async throws {
        let store = try TestStore(seeded: true)
        let items = try store.database.list(AgendaItem.self)
        let exempt = items.first { $0.isExempt }!
        let draft = try store.database.list(Paper.self).first { $0.status == .draft }!
        let onExempt = try store.database.attach(
            itemId: exempt.id!, paperId: nil, fileName: "secret.pdf", data: Data("%PDF-1.4 secret".utf8), files: store.files,
            maxBytes: 1024, now: Date(), actor: .test)
        let onDraft = try store.database.attach(
            itemId: draft.agendaItemId, paperId: draft.id, fileName: "draft.txt", data: Data("draft".utf8), files: store.files,
            maxBytes: 1024, now: Date(), actor: .test)
        let app = try await buildApplication(config: store.config, database: store.database)
        try await app.test(.router) { client in
            for file in [onExempt, onDraft] {
                let (status, _, body) = try await get(client, "/attachments/\(file.id!)/\(file.fileName)")
                #expect(status == .notFound)
                #expect(!body.contains("secret"))
            }
            let meeting = try store.database.list(Meeting.self).first { $0.id == exempt.meetingId }!
            let (_, _, html) = try await get(client, "/meetings/\(meeting.id!)")
            #expect(!html.contains("secret.pdf"))
            #expect(!html.contains("draft.txt"))
        }
    }

    @Test(arguments: ["/bodies/no-such-body", "/meetings/9999", "/meetings/abc", "/meetings/-1", "/papers/0",
                      "/papers/99999999999999999999", "/attachments/999/x.pdf", "/nowhere", "/css/missing.css"])
    func missingThingsAre404PagesInTheLayout(uri: String) async throws {
        try await withDemo { _, client in
            let (status, headers, html) = try await get(client, uri)
            #expect(status == .notFound)
            #expect(headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.contains("<h1 class=\"heading-xl\">Page not found</h1>"))
            #expect(html.contains("class=\"skip-link\""))
        }
    }

    @Test func staticCSSIsServed() async throws {
        try await withDemo { _, client in
            let (status, headers, css) = try await get(client, "/css/townhall.css")
            #expect(status == .ok)
            #expect(headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(css.contains(":focus"))
        }
    }
}
