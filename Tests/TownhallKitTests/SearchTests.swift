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

/// Full-text search: only public material, kept in step by the store's triggers, escaped snippets, filters, paging.
@Suite("Search")
struct SearchTests {
    func count(_ db: AppDatabase, _ text: String, body: String? = nil) async throws -> Int {
        try await db.search(SearchRequest(text: text, bodySlug: body)).total
    }

    @Test func queriesCannotInjectFTSSyntax() {
        #expect(SearchRequest(text: "discharge lounge").ftsQuery == "\"discharge\" \"lounge\"")
        #expect(SearchRequest(text: "discharge lounge").prefixQuery == "\"discharge\" \"lounge\"*")
        #expect(SearchRequest(text: "\"a\" OR b* NEAR(c)").ftsQuery == "\"a\" \"OR\" \"b\" \"NEAR\" \"c\"")
        #expect(SearchRequest(text: "\"a\" OR b* NEAR(c)").prefixQuery == nil, "a last word under three letters is never a prefix")
        #expect(SearchRequest(text: "  ;-- ").ftsQuery == nil)
        #expect(SearchRequest(text: "  ;-- ").prefixQuery == nil)
    }

    /// Issue 15: the last word matches as a prefix only when the words as typed find nothing, so a common last word
    /// does not cost a merge of every posting in the index; and no page past the counted matches can be asked for.
    @Test func aPartWordIsAPrefixOnlyWhenTheWholeWordsFindNothing() async throws {
        let store = try TestStore(seeded: true)
        let db = store.database
        let whole = try await db.search(SearchRequest(text: "Neighbourhood policing"))
        #expect(whole.total > 0)
        let part = try await db.search(SearchRequest(text: "Neighbourhood poli"))
        #expect(part.total > 0, "a part word still finds what it starts")
        #expect(part.hits.allSatisfy { $0.snippet.contains(AppDatabase.markStart) }, "snippets mark the prefix matches")
        // A last word the index holds whole is not taken as a prefix: "narwhal harbour" finds nothing, though
        // "narwhal harbourmaster" is published, while the cut-short "narwhal harbo" finds it.
        let meeting = try db.list(Meeting.self).first { $0.title == "Budget and precept meeting" }!
        let item = try db.addAgendaItem(meetingId: meeting.id!, title: "Quayside", type: .report, rule: testRule, actor: .test)
        for (title, text) in [("Quay report", "The walrus harbour."), ("Quay note", "The narwhal harbourmaster.")] {
            let paper = try db.addPaper(itemId: item.id!, title: title, author: "", markdown: text, now: store.now, actor: .test)
            _ = try db.publishPaper(id: paper.id!, renderer: MarkdownRenderer(), at: store.now, rule: store.rule, lateReason: "x", actor: .test)
        }
        #expect(try await db.search(SearchRequest(text: "narwhal harbour")).total == 0)
        #expect(try await db.search(SearchRequest(text: "narwhal harbo")).hits.map(\.title) == ["Quay note"])
        #expect(try await db.search(SearchRequest(text: "walrus harbour")).hits.map(\.title) == ["Quay report"])
        #expect(SearchRequest(text: "x", page: 9_999).page == SearchRequest.lastPage)
        #expect(SearchRequest.lastPage * SearchRequest.pageSize == SearchRequest.countLimit)
    }

    @Test func draftsAndExemptPapersAreNeverIndexedAndPublicationUpdatesTheIndex() async throws {
        let store = try TestStore(seeded: true)
        let db = store.database
        let exempt = try db.list(Paper.self).filter { $0.title.contains("(exempt)") }.map(\.id!)
        #expect(exempt.count == 2)
        for words in ["preferred bidder", "Heads of terms sale", "Confidential", "performance review"] {
            let hits = try await db.search(SearchRequest(text: words)).hits
            #expect(!hits.contains { $0.kind == "paper" && exempt.contains($0.refId) }, "\(words)")
            #expect(!hits.contains { $0.title.contains("exempt") || $0.title.contains("performance review") }, "\(words)")
        }
        #expect(try await count(db, "preferred bidder") == 0, "the exempt paper's text")
        #expect(try await count(db, "Capital programme") == 0, "the draft")
        #expect(try await count(db, "Neighbourhood policing") > 0)

        let draft = try db.list(Paper.self).first { $0.status == .draft }!
        _ = try db.publishPaper(id: draft.id!, renderer: MarkdownRenderer(), at: store.now, rule: store.rule, lateReason: "x", actor: .test)
        #expect(try await count(db, "Capital programme") == 1, "found once published")
        _ = try db.withdrawPaper(id: draft.id!, reason: "Published in error", at: store.now, actor: .test)
        #expect(try await count(db, "Capital programme") == 0, "gone once withdrawn")

        // Exempting an item takes its papers out of the index; the reindex agrees with the triggers.
        let before = try db.reindexSearch()
        #expect(before > 0)
        #expect(try db.reindexSearch() == before)
    }

    /// Issue 14.2: the index holds the words a reader sees, not the Markdown source, so what the renderer drops
    /// (comments, raw HTML, link-definition titles) cannot come back in a snippet, and snippets show no syntax.
    @Test func onlyTheRenderedWordsOfAPaperAreIndexed() async throws {
        let store = try TestStore(seeded: true)
        let db = store.database
        let meeting = try db.list(Meeting.self).first { $0.title == "Budget and precept meeting" }!
        let item = try db.addAgendaItem(meetingId: meeting.id!, title: "Riverside report", type: .report, rule: testRule, actor: .test)
        let paper = try db.addPaper(itemId: item.id!, title: "Riverside report", author: "", markdown: """
            # Quarterly **kingfisher** review

            <!-- quillwort was the working title -->

            <div>marshwort figures withheld</div>

            See [the plan][p] and the *kingfisher* survey.

            [p]: https://example.org/plan "sundew appendix"
            """, now: store.now, actor: .test)
        _ = try db.publishPaper(id: paper.id!, renderer: MarkdownRenderer(), at: store.now, rule: store.rule, lateReason: "x", actor: .test)
        for hidden in ["quillwort", "marshwort", "sundew"] {
            #expect(try await count(db, hidden) == 0, "\(hidden) is not in the rendered paper")
        }
        let hits = try await db.search(SearchRequest(text: "kingfisher")).hits.filter { $0.kind == "paper" && $0.refId == paper.id! }
        #expect(hits.count == 1)
        let snippet = hits.first?.snippet ?? "*"
        #expect(!snippet.contains("*") && !snippet.contains("#") && !snippet.contains("]["), "\(snippet)")
        // The rebuild from scratch agrees with the triggers.
        _ = try db.reindexSearch()
        #expect(try await count(db, "quillwort") == 0)
        #expect(try await count(db, "kingfisher") >= 1)
    }

    /// Issue 14.2: a NUL ends the rendered paper while the rest would stay stored, so the store refuses it.
    @Test func aNULInMarkdownIsRefusedEverywhere() throws {
        let store = try TestStore(seeded: true)
        let db = store.database
        let item = try db.list(AgendaItem.self).first!
        #expect(throws: TownhallError.self) {
            try db.addPaper(itemId: item.id!, title: "Nul", author: "", markdown: "before\u{0}after", now: store.now, actor: .test)
        }
        #expect(TextLimits.markdownProblem("a\u{0}b", what: "the paper") != nil)
        let meeting = try db.list(Meeting.self).first!
        #expect(throws: TownhallError.self) {
            try db.saveMinutes(meetingId: meeting.id!, markdown: "x\u{0}y", actor: .test)
        }
    }

    @Test func responsesRecommendationsAndReservedDecisionsAreFound() async throws {
        let store = try TestStore(seeded: true)
        let db = store.database
        let found = try await db.search(SearchRequest(text: "pharmacy"))
        #expect(Set(found.hits.map(\.kind)) == ["recommendation", "response"])
        #expect(try await db.search(SearchRequest(text: "Joanne Hartley")).hits.map(\.kind) == ["board-decision"])
        #expect(try await count(db, "pharmacy", body: "harford-policing-board") == 0)
        #expect(try await count(db, "pharmacy", body: "harford-lpac") == 2)
    }

    @Test func thePageEscapesSnippetsAndMarksMatches() async throws {
        try await withDemo { store, client in
            let db = store.database
            let meeting = try db.list(Meeting.self).first { $0.title == "Budget and precept meeting" }!
            let item = try db.addAgendaItem(meetingId: meeting.id!, title: "Zebra crossings", type: .report, rule: testRule, actor: .test)
            let paper = try db.addPaper(itemId: item.id!, title: "Zebra crossings report", author: "",
                                        markdown: "A zebra `<script>alert(1)</script>` crossing & more", now: store.now, actor: .test)
            _ = try db.publishPaper(id: paper.id!, renderer: MarkdownRenderer(), at: store.now, rule: store.rule, lateReason: "x", actor: .test)
            let page = try await Browser.anonymous(client, "/search?q=zebra")
            #expect(page.status == .ok)
            #expect(page.body.contains("<mark>zebra</mark>"))
            #expect(!page.body.contains("<script>alert(1)</script>"))
            #expect(page.body.contains("&lt;script&gt;"))
            #expect(page.body.contains("href=\"/papers/\(paper.id!)\""))
            #expect(page.body.contains("value=\"zebra\""), "the query is kept in the box")
        }
    }

    /// Issue 15: the body filter's options are rendered once and kept while the store is unchanged; a new body is
    /// in the list on the next search, and a chosen body is selected.
    @Test func theBodyListIsKeptOnlyWhileTheStoreIsUnchanged() async throws {
        try await withDemo { store, client in
            let first = try await Browser.anonymous(client, "/search?q=budget")
            #expect(first.body.contains("<option value=\"harford-lpac\">") && !first.body.contains("Wexcombe Scrutiny Panel"))
            _ = try store.database.addBody(slug: "wexcombe-lpac", name: "Wexcombe Scrutiny Panel", kind: .lpac, actor: .test)
            let after = try await Browser.anonymous(client, "/search?q=budget")
            #expect(after.body.contains("<option value=\"wexcombe-lpac\">Wexcombe Scrutiny Panel</option>"))
            let chosen = try await Browser.anonymous(client, "/search?q=budget&body=wexcombe-lpac")
            #expect(chosen.body.contains("<option value=\"wexcombe-lpac\" selected>"))
            #expect(chosen.body.contains("<option value=\"\">All bodies</option>"), "All bodies is not selected then")
            let unknown = try await Browser.anonymous(client, "/search?q=budget&body=nowhere")
            #expect(unknown.body.contains("<option value=\"\" selected>All bodies</option>"), "an unknown body is no filter")
        }
    }

    @Test func badDatesAreReportedAndResultsArePaged() async throws {
        try await withDemo { store, client in
            var page = try await Browser.anonymous(client, "/search?q=budget&from=2026-02-30")
            #expect(page.status == .badRequest)
            #expect(page.body.contains("There is a problem") && page.body.contains("The from date must be a real date"))
            page = try await Browser.anonymous(client, "/search?q=budget&from=2027-01-01&to=2026-01-01")
            #expect(page.body.contains("The to date must be on or after the from date"))

            let db = store.database
            let meeting = try db.list(Meeting.self).first { $0.title == "Budget and precept meeting" }!
            let item = try db.addAgendaItem(meetingId: meeting.id!, title: "Quarterly returns", type: .information, rule: testRule, actor: .test)
            for number in 1...25 {
                let paper = try db.addPaper(itemId: item.id!, title: "Return \(number)", author: "", markdown: "Xylophone return \(number)",
                                            now: store.now, actor: .test)
                _ = try db.publishPaper(id: paper.id!, renderer: MarkdownRenderer(), at: store.now, rule: store.rule, lateReason: "x", actor: .test)
            }
            page = try await Browser.anonymous(client, "/search?q=xylophone&body=harford-policing-board")
            #expect(page.body.contains("Showing 1 to 20 of 25 results"))
            #expect(page.body.contains("href=\"/search?q=xylophone&amp;body=harford-policing-board&amp;page=2\""))
            page = try await Browser.anonymous(client, "/search?q=xylophone&body=harford-policing-board&page=2")
            #expect(page.body.contains("Showing 21 to 25 of 25 results") && page.body.contains("Previous page") && !page.body.contains("Next page"))
            page = try await Browser.anonymous(client, "/search?q=xylophone&body=harford-lpac")
            #expect(page.body.contains("No results"))
            let today = LocalTime().day(of: store.now)
            page = try await Browser.anonymous(client, "/search?q=xylophone&from=\(today)&to=\(today)")
            #expect(page.body.contains("of 25 results"), "published today (UTC day)")
        }
    }
}
