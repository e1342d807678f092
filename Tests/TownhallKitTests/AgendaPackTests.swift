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

@Suite("Agenda packs: the agenda and every public paper, as HTML and PDF")
struct AgendaPackTests {
    /// A stand-in for the PDF renderer: copies its input (the last but one argument) to its output (the last).
    static func copyingRenderer() throws -> String {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("fake-pdf-\(UUID().uuidString).sh")
        try "#!/bin/sh\neval \"in=\\${$(($# - 1))}\"\neval \"out=\\${$#}\"\ncp \"$in\" \"$out\"\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script.path
    }

    static func packs(_ office: BackOffice, pdfCommand: String) async throws -> AgendaPacks {
        var config = office.store.config
        config.pdfCommand = pdfCommand
        return try await AgendaPacks(config: config, database: office.store.database, now: { office.clock.now })
    }

    @Test func aPackHoldsThePublicAgendaAndPapersAndIsMadeAgainWhenAPaperIsWithdrawn() async throws {
        let office = try BackOffice()
        let db = office.store.database
        let packs = try await Self.packs(office, pdfCommand: try Self.copyingRenderer())
        #expect(try await packs.catchUp() > 0)
        let meeting = office.boardMeeting
        let html = try String(contentsOf: packs.htmlFile(meeting.id!), encoding: .utf8)
        let budget = try #require(try db.list(Paper.self).first { $0.title == "Force budget and precept 2027/28" })
        #expect(html.contains("<h1>Budget and precept meeting</h1>") && html.contains("<h2 id=\"paper-\(budget.id!)-title\">Force budget and precept 2027/28</h2>"))
        #expect(html.contains("class=\"pack-paper\""), "each paper starts a page")
        #expect(!html.contains(" id=\"h-"), "a paper's heading ids are made its own")
        let drafts = try db.list(Paper.self).filter { $0.status == .draft }.map(\.title)
        for title in drafts { #expect(!html.contains(title), "a draft (\(title)) is never in a pack") }
        let held = try #require(try db.list(Meeting.self).first { $0.title == "Board meeting" })
        let heldPack = try String(contentsOf: packs.htmlFile(held.id!), encoding: .utf8)
        #expect(heldPack.contains("Chief Constable: annual performance review") && heldPack.contains("exempt information under paragraph 1"))
        #expect(!heldPack.contains("must never be published"), "an exempt item's paper is never in a pack")
        #expect(heldPack.contains("Policing plan 2026 to 2029") && heldPack.contains("<th scope=\"col\">Priority</th>"))
        let pdf = try String(contentsOf: packs.pdfFile(meeting.id!), encoding: .utf8)
        #expect(!pdf.contains("<link rel=\"stylesheet\"") && !pdf.contains("<img "), "the renderer is given nothing to fetch")

        _ = try db.withdrawPaper(id: budget.id!, reason: "Superseded by the revised budget", at: office.clock.now, actor: .test)
        #expect(try await packs.catchUp() == 1)
        let after = try String(contentsOf: packs.htmlFile(meeting.id!), encoding: .utf8)
        #expect(!after.contains("Force budget and precept 2027/28"), "a withdrawn paper leaves the pack")
        #expect(try await packs.catchUp() == 0, "nothing changed, nothing made")
    }

    @Test func packsAreServedOnceMadeAndAFailedPDFLeavesTheHTML() async throws {
        let office = try BackOffice()
        let db = office.store.database
        let packs = try await Self.packs(office, pdfCommand: "/bin/false")
        let meeting = office.boardMeeting
        let unpublished = try db.addMeeting(
            body: "harford-policing-board", title: "Not yet on the agenda", startsAt: office.clock.now.addingTimeInterval(40 * 86_400), endsAt: nil,
            locationName: nil, address: nil, actor: .test)
        try await office.run { client in
            #expect(try await Browser.anonymous(client, "/meetings/\(meeting.id!)/agenda-pack").status == .notFound, "not made yet")
            try await packs.catchUp()
            let pack = try #require(try await db.agendaPack(meetingId: meeting.id!))
            #expect(pack.pdfBytes == nil && pack.pdfError?.contains("/bin/false exited with status 1") == true)
            let html = try await Browser.anonymous(client, "/meetings/\(meeting.id!)/agenda-pack")
            #expect(html.status == .ok && html.headers[.contentType] == "text/html; charset=utf-8" && html.body.contains("<html lang=\"en-GB\">"))
            #expect(try await Browser.anonymous(client, "/meetings/\(meeting.id!)/agenda-pack.pdf").status == .notFound)
            let page = try await Browser.anonymous(client, "/meetings/\(meeting.id!)")
            #expect(page.body.contains("href=\"/meetings/\(meeting.id!)/agenda-pack\"") && !page.body.contains("agenda-pack.pdf"))
            #expect(try await Browser.anonymous(client, "/meetings/\(unpublished.id!)/agenda-pack").status == .notFound)
            #expect(try await Browser.anonymous(client, "/meetings/999999/agenda-pack.pdf").status == .notFound)
        }
        let working = try await Self.packs(office, pdfCommand: try Self.copyingRenderer())
        _ = try db.setMeetingStatus(meetingId: meeting.id!, status: .postponed, reason: "Budget figures late", actor: .test)
        try await working.catchUp()
        try await office.run { client in
            let pdf = try await Browser.anonymous(client, "/meetings/\(meeting.id!)/agenda-pack.pdf")
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.headers[.contentDisposition] == "inline; filename=\"agenda-pack-meeting-\(meeting.id!).pdf\"")
            let page = try await Browser.anonymous(client, "/meetings/\(meeting.id!)")
            #expect(page.body.contains("href=\"/meetings/\(meeting.id!)/agenda-pack.pdf\""))
        }
    }
}
