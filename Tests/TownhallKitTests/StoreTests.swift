import Foundation
import GRDB
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

@Suite("Store on a real SQLite file")
struct StoreTests {
    @Test func migratesInWALModeWithForeignKeys() throws {
        let store = try TestStore()
        #expect(try store.database.pendingMigrations().isEmpty)
        let (mode, foreignKeys) = try store.database.writer.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
        // Reopening the same file is a no-op migration.
        let again = try AppDatabase.open(path: store.config.databasePath, clock: { Date() })
        #expect(try again.pendingMigrations().isEmpty)
    }

    @Test func fts5IsAvailable() throws {
        let store = try TestStore()
        try store.database.writer.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE probe USING fts5(body)")
            try db.execute(sql: "INSERT INTO probe(body) VALUES ('policing budget')")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM probe WHERE probe MATCH 'budget'") == 1)
        }
    }

    @Test func duplicateSlugsAreRefusedClearly() throws {
        let store = try TestStore()
        _ = try store.database.addBody(slug: "harford-lpac", name: "Harford LPAC", kind: .lpac, actor: .test)
        #expect(throws: TownhallError.conflict("a body with slug \"harford-lpac\" already exists")) {
            try store.database.addBody(slug: "harford-lpac", name: "Another", kind: .lpac, actor: .test)
        }
        #expect(throws: TownhallError.self) { try store.database.addBody(slug: "Bad Slug", name: "x", kind: .lpac, actor: .test) }
        #expect(try store.database.list(Body.self).count == 1)
    }

    @Test func membershipNeedsKnownSlugsAndValidDates() throws {
        let store = try TestStore()
        _ = try store.database.addBody(slug: "board", name: "Board", kind: .jointCommittee, actor: .test)
        _ = try store.database.addPerson(slug: "amara", name: "Amara Okafor", actor: .test)
        #expect(throws: TownhallError.notFound("no person with slug \"nobody\"")) {
            try store.database.addMember(person: "nobody", body: "board", role: .chair, authority: nil, startDate: "2026-05-01", endDate: nil, actor: .test)
        }
        #expect(throws: TownhallError.self) {
            try store.database.addMember(person: "amara", body: "board", role: .chair, authority: nil, startDate: "2026-02-30", endDate: nil, actor: .test)
        }
        #expect(throws: TownhallError.invalid("end date 2026-01-01 is before start date 2026-05-01")) {
            try store.database.addMember(person: "amara", body: "board", role: .chair, authority: nil, startDate: "2026-05-01", endDate: "2026-01-01", actor: .test)
        }
        #expect(try store.database.list(Membership.self).isEmpty)
        let member = try store.database.addMember(
            person: "amara", body: "board", role: .chair, authority: nil, startDate: "2026-05-01", endDate: nil, actor: .test)
        #expect(member.id != nil)
    }

    @Test func agendaItemsNumberInOrderAndExemptNeedsParagraph() throws {
        let store = try TestStore()
        _ = try store.database.addBody(slug: "board", name: "Board", kind: .jointCommittee, actor: .test)
        let meeting = try store.database.addMeeting(
            body: "board", title: "Board meeting", startsAt: Date(), endsAt: nil, locationName: "Chamber", address: "High St", actor: .test)
        let first = try store.database.addAgendaItem(meetingId: meeting.id!, title: "Apologies", type: .procedural, rule: testRule, actor: .test)
        let second = try store.database.addAgendaItem(meetingId: meeting.id!, title: "Appraisal", type: .decision, exemption: try Exemption(paragraph: .individual, publicInterestReason: "An individual's personal information"), rule: testRule, actor: .test)
        #expect(first.position == 1 && first.number == "1")
        #expect(second.position == 2 && second.isExempt && second.exemptParagraph == .individual)
        // The schema itself refuses an exempt flag without a paragraph.
        #expect(throws: DatabaseError.self) {
            try store.database.writer.write { db in
                try db.execute(sql: "UPDATE agendaItem SET exemptParagraph = NULL WHERE id = ?", arguments: [second.id!])
            }
        }
        #expect(throws: TownhallError.notFound("no meeting with id 999")) {
            try store.database.addAgendaItem(meetingId: 999, title: "x", type: .report, rule: testRule, actor: .test)
        }
        // Reusing a location by name.
        let again = try store.database.addMeeting(
            body: "board", title: "Next", startsAt: Date().addingTimeInterval(86_400), endsAt: nil, locationName: "Chamber", address: nil, actor: .test)
        #expect(again.locationId == meeting.locationId)
        #expect(throws: TownhallError.invalid("the meeting must end after it starts")) {
            try store.database.addMeeting(body: "board", title: "x", startsAt: Date(), endsAt: Date().addingTimeInterval(-60), locationName: nil, address: nil, actor: .test)
        }
    }

    @Test func publishingStoresRenderedHTMLOnce() throws {
        let store = try TestStore()
        let item = try makeItem(store)
        let draft = try store.database.addPaper(itemId: item.id!, title: "Budget", author: "Treasurer", markdown: "# Budget\n\n<b>x</b>", now: Date(), actor: .test)
        #expect(draft.status == .draft && draft.html == nil)
        let published = Date(timeIntervalSince1970: 1_800_000_000)
        let (paper, problems) = try store.database.publishPaper(id: draft.id!, renderer: MarkdownRenderer(), at: published, rule: store.rule, lateReason: "test", actor: .test)
        #expect(problems.isEmpty)
        #expect(paper.status == .published && paper.publishedAt == published)
        #expect(paper.html == "<h2 id=\"h-budget\">Budget</h2>\n<p>x</p>\n")
        let stored = try store.database.writer.read { db in try Paper.fetchOne(db, key: draft.id!) }
        #expect(stored?.html == paper.html)
        #expect(throws: TownhallError.conflict("paper \(draft.id!) is published, only a draft can be published")) {
            try store.database.publishPaper(id: draft.id!, renderer: MarkdownRenderer(), at: Date(), rule: store.rule, actor: .test)
        }
    }

    @Test func attachmentsStoreBytesByChecksumAndRollBackOnError() throws {
        let store = try TestStore()
        let item = try makeItem(store)
        let data = Data("a,b\n1,2\n".utf8)
        let file = try store.database.attach(
            itemId: item.id!, paperId: nil, fileName: "/tmp/some/dir/figures.csv", data: data, files: store.files, maxBytes: 1024, now: Date(), actor: .test)
        #expect(file.fileName == "figures.csv")
        #expect(file.mediaType == "text/csv")
        #expect(file.size == 8)
        #expect(file.sha256 == "492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470")
        #expect(FileManager.default.contents(atPath: store.files.url(for: file.storagePath).path) == data)

        // A missing item: no row and no stray file.
        let other = Data("different bytes".utf8)
        #expect(throws: TownhallError.notFound("no agenda item with id 999")) {
            try store.database.attach(itemId: 999, paperId: nil, fileName: "x.txt", data: other, files: store.files, maxBytes: 1024, now: Date(), actor: .test)
        }
        #expect(try store.database.list(Attachment.self).count == 1)
        let stored = try FileManager.default.subpathsOfDirectory(atPath: store.files.root.path).filter { $0.count > 3 }
        #expect(stored == [file.storagePath])

        #expect(throws: TownhallError.self) {
            try store.database.attach(itemId: item.id!, paperId: nil, fileName: "page.html", data: other, files: store.files, maxBytes: 1024, now: Date(), actor: .test)
        }
        #expect(throws: TownhallError.invalid("big.pdf is 2048 bytes; the limit is 1024 bytes")) {
            try store.database.attach(itemId: item.id!, paperId: nil, fileName: "big.pdf", data: Data(count: 2048), files: store.files, maxBytes: 1024, now: Date(), actor: .test)
        }
    }

    @Test func publicQueriesHideDraftsExemptAndUnpublishedAgendas() async throws {
        let now = Date()
        let store = try TestStore(seeded: true, now: now)
        let papers = try store.database.list(Paper.self)
        let items = try store.database.list(AgendaItem.self)
        for paper in papers {
            let item = items.first { $0.id == paper.agendaItemId }!
            let visible = try await store.database.paperDetail(id: paper.id!) != nil
            #expect(visible == (paper.status == .published && !item.isExempt), "paper \(paper.title)")
        }
        let unpublished = try store.database.list(Meeting.self).first { $0.agendaPublishedAt == nil }!
        let detail = try #require(try await store.database.meetingDetail(id: unpublished.id!))
        #expect(!detail.agendaPublished && detail.items.isEmpty)
        for meeting in try store.database.list(Meeting.self) {
            let detail = try #require(try await store.database.meetingDetail(id: meeting.id!))
            for entry in detail.items where entry.item.isExempt {
                #expect(entry.papers.isEmpty && entry.attachments.isEmpty)
            }
        }
    }

    private func makeItem(_ store: TestStore) throws -> AgendaItem {
        _ = try store.database.addBody(slug: "board", name: "Board", kind: .jointCommittee, actor: .test)
        let meeting = try store.database.addMeeting(body: "board", title: "Meeting", startsAt: Date(), endsAt: nil, locationName: nil, address: nil, actor: .test)
        return try store.database.addAgendaItem(meetingId: meeting.id!, title: "Budget", type: .decision, rule: testRule, actor: .test)
    }
}
