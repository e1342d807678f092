import Foundation
import GRDB
import Mustache
import Testing
@testable import TownhallDomain
import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// Issue 15: meeting and paper pages reach their templates through `encode(to:)` (`TemplateEncoding`) rather than
/// `Mirror` (`PreparedView`). Every meeting and paper of the demo, with and without a signed-in header, must render to
/// the same bytes both ways, so a field, type or rule that one path treats differently fails here.
@Suite("Template encoding")
struct TemplateEncodingTests {
    struct Rendered {
        let viaMirror: String
        let viaEncoding: String
    }

    static func render<Content: Sendable & Encodable>(
        _ pages: PageRenderer, _ template: String, _ view: Content, title: String, account: AccountNav?
    ) -> Rendered {
        let frame = PageRenderer.Frame(
            siteName: "Townhall Test", pageTitle: title, breadcrumbs: [Breadcrumb(title: "Home", url: "/")], hasBreadcrumbs: true,
            account: account, page: view)
        #expect(PageRenderer.prepare(frame) is [String: Any], "an Encodable page takes the encoding path")
        return Rendered(
            viaMirror: pages.library.render(PreparedView.prepare(frame) ?? frame, withTemplate: template) ?? "",
            viaEncoding: pages.library.render(TemplateEncoding.prepare(frame) ?? frame, withTemplate: template) ?? "")
    }

    @Test func everyMeetingAndPaperRendersTheSameEitherWay() async throws {
        let store = try TestStore(seeded: true)
        let pages = try await PageRenderer(templatesDirectory: store.config.templatesDirectory, siteName: "Townhall Test")
        let time = LocalTime()
        let (meetings, papers) = try await store.database.pool.read { db in
            (try Int64.fetchAll(db, sql: "SELECT id FROM meeting ORDER BY id"), try Int64.fetchAll(db, sql: "SELECT id FROM paper ORDER BY id"))
        }
        let account = AccountNav(name: "Clerk <O'Brien> & Co", csrf: "token-123", dashboardURL: SiteURL.adminDashboard.path)
        var compared = 0, withDecisions = 0, withQuestions = 0, withRecord = 0
        for id in meetings {
            guard let detail = try await store.database.meetingDetail(id: id) else { continue }
            let record = try await store.database.meetingRecord(meetingId: id)
            let view = MeetingView(
                detail, record: record, pack: try await store.database.agendaPack(meetingId: id), time: time, rule: store.rule)
            for signedIn in [nil, account] {
                let rendered = Self.render(pages, "meeting", view, title: view.meeting.title, account: signedIn)
                #expect(rendered.viaEncoding == rendered.viaMirror, "meeting \(id)")
                #expect(rendered.viaEncoding.contains(HTMLEscape.text(view.meeting.title)))
                compared += 1
            }
            if view.items.contains(where: { $0.decision != nil }) { withDecisions += 1 }
            if view.items.contains(where: \.hasQuestions) { withQuestions += 1 }
            if view.record.hasRecord { withRecord += 1 }
        }
        for id in papers {
            guard let detail = try await store.database.paperDetail(id: id) else { continue }
            let spending = detail.paper.kind.citesSpending ? try await store.database.spendingCited(by: .paper(id: id)) : []
            let view = PaperView(detail, spending: spending, time: time)
            let rendered = Self.render(pages, "paper", view, title: view.title, account: nil)
            #expect(rendered.viaEncoding == rendered.viaMirror, "paper \(id)")
            compared += 1
        }
        // The demo has the variety this comparison needs: decisions, answered questions and minutes.
        #expect(compared >= 30 && withDecisions > 0 && withQuestions > 0 && withRecord > 0,
                "\(compared) pages, \(withDecisions) with decisions, \(withQuestions) with questions, \(withRecord) with a record")
    }

    /// What each path makes of the values a view model can hold.
    @Test func valuesArePreparedAsMirrorPreparesThem() {
        struct Inner: Encodable { let name: String; let note: String? }
        enum Colour: String, Encodable { case deepRed = "deep-red" }
        struct Sample: Encodable {
            let text: String, count: Int, big: Int64, ratio: Double, small: Int32, flag: Bool
            let missing: String?, present: Int?
            let inner: Inner, list: [Inner], words: [String], maybe: [String?], colour: Colour, when: Date
        }
        let sample = Sample(
            text: "a < b", count: 3, big: 9_000_000_000, ratio: 0.5, small: 7, flag: true, missing: nil, present: 4,
            inner: Inner(name: "x", note: nil), list: [Inner(name: "y", note: "z")], words: ["p", "q"], maybe: ["r", nil], colour: .deepRed,
            when: Date(timeIntervalSince1970: 0))
        let template = try! MustacheTemplate(string: """
            {{text}}|{{count}}|{{big}}|{{ratio}}|{{small}}|{{flag}}|{{#missing}}M{{/missing}}{{^missing}}no{{/missing}}|{{present}}|\
            {{#inner}}{{name}}:{{note}}:{{text}}{{/inner}}|{{#list}}{{name}}{{note}}{{count}}{{/list}}|{{#words}}{{.}},{{/words}}|\
            {{#maybe}}[{{.}}]{{/maybe}}|{{colour}}|{{when}}
            """)
        let viaMirror = template.render(PreparedView.prepare(sample) ?? sample)
        let viaEncoding = template.render(TemplateEncoding.prepare(sample) ?? sample)
        #expect(viaEncoding == viaMirror)
        #expect(viaEncoding.hasPrefix("a &lt; b|3|9000000000|0.5|7|true|no|4|x::a &lt; b|yz3|p,q,|"), "\(viaEncoding)")
    }
}
