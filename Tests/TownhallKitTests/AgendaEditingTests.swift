import Foundation
import HTTPTypes
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

@Suite("Editing meetings and agendas")
struct AgendaEditingTests {
    @Test func reorderRenumberAndRemoveItems() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        let db = office.store.database
        @Sendable func agenda() throws -> [(String, String)] {
            try db.list(AgendaItem.self).filter { $0.meetingId == meeting.id }.sorted { $0.position < $1.position }.map { ($0.number, $0.title) }
        }
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await clerk.get("/admin/meetings/\(meeting.id!)")
            let csrf = page.csrf!
            let items = try db.list(AgendaItem.self).filter { $0.meetingId == meeting.id }.sorted { $0.position < $1.position }
            // Move "Declarations of interest" (2) above "Apologies" (1); moving the first item up does nothing.
            #expect(try await clerk.post("/admin/items/\(items[1].id!)/move", [("_csrf", csrf), ("direction", "up")]).status == .seeOther)
            #expect(try await clerk.post("/admin/items/\(items[1].id!)/move", [("_csrf", csrf), ("direction", "up")]).status == .seeOther)
            #expect(try agenda().map(\.1).prefix(2) == ["Declarations of interest", "Apologies for absence"])
            #expect(try agenda().map(\.0).prefix(2) == ["2", "1"], "numbers stay as printed until renumbered")
            _ = try await clerk.post("/admin/meetings/\(meeting.id!)/renumber", [("_csrf", csrf)])
            #expect(try agenda().map(\.0) == ["1", "2", "3", "4", "5"])

            // An item with papers cannot be removed; an empty one can. (Item 3 is the demo's public questions.)
            let budgetItem = items[3]
            let refused = try await clerk.post("/admin/items/\(budgetItem.id!)/delete", [("_csrf", csrf)])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("withdraw them rather than deleting the item"))
            #expect(try await clerk.post("/admin/items/\(items[0].id!)/delete", [("_csrf", csrf)]).status == .seeOther)
            #expect(try agenda().map(\.1) == ["Declarations of interest", "Public questions", "Force budget and police precept 2027/28",
                                              "Estates: disposal of the former Marsh Vale police station"])
        }
        let actions = try db.auditEntries(limit: 5).map(\.action)
        #expect(actions.prefix(2) == ["remove", "renumber"])
    }

    @Test func editAnItemMarkItExemptAndRecordADecision() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        let item = try office.store.database.list(AgendaItem.self).first { $0.meetingId == meeting.id && $0.title == "Force budget and police precept 2027/28" }!
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let form = try await clerk.get("/admin/items/\(item.id!)/edit")
            #expect(form.status == .ok)
            #expect(form.body.contains("value=\"Force budget and police precept 2027/28\""))
            let bad = try await clerk.post("/admin/items/\(item.id!)/edit", [
                ("_csrf", form.csrf!), ("itemTitle", ""), ("itemType", "decision"), ("decision", "Agreed"),
            ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Enter a title for the agenda item"))
            #expect(bad.body.contains(">Agreed</textarea>"), "typed decision kept")
            let saved = try await clerk.post("/admin/items/\(item.id!)/edit", [
                ("_csrf", form.csrf!), ("itemTitle", "Force budget and precept 2027/28"), ("itemType", "decision"),
                ("decision", "The Board set the Band D precept at £268.47."),
            ])
            #expect(saved.status == .seeOther)
            let resident = try await Browser.anonymous(client, "/meetings/\(meeting.id!)")
            #expect(resident.body.contains("The Board set the Band D precept at £268.47."))

            // Marking it exempt hides its papers and decision from the public at once.
            _ = try await clerk.post("/admin/items/\(item.id!)/edit", [
                ("_csrf", form.csrf!), ("itemTitle", "Force budget and precept 2027/28"), ("itemType", "decision"),
                ("exempt", "yes"), ("paragraph", "3"), ("publicInterest", "Commercial terms still under negotiation"),
                ("decision", "Confidential terms agreed"),
            ])
            let after = try await Browser.anonymous(client, "/meetings/\(meeting.id!)")
            #expect(after.body.contains("paragraph 3 of Part 1 of Schedule 12A"))
            #expect(!after.body.contains("Confidential terms agreed"))
            #expect(!after.body.contains("budget-2027-28.csv"))
            let budget = try office.store.database.list(Paper.self).first { $0.title == "Force budget and precept 2027/28" }!
            #expect(try await Browser.anonymous(client, "/papers/\(budget.id!)").status == .notFound)
        }
    }

    @Test func changeMeetingDetails() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let form = try await clerk.get("/admin/meetings/\(meeting.id!)/edit")
            #expect(form.body.contains("Change meeting details"))
            #expect(form.body.contains("value=\"10:00\""))
            let bad = try await clerk.post("/admin/meetings/\(meeting.id!)/edit", [
                ("_csrf", form.csrf!), ("action", "save"), ("title", "Budget meeting"), ("date", "2027-01-20"), ("start", "14:00"), ("end", "13:00"),
            ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("End time must be after the start time"))
            let saved = try await clerk.post("/admin/meetings/\(meeting.id!)/edit", [
                ("_csrf", form.csrf!), ("action", "save"), ("title", "Budget meeting"), ("date", "2027-01-20"), ("start", "14:00"),
                ("location", "Committee Room 2, Marsh Vale Town Hall"),
            ])
            #expect(saved.status == .seeOther)
        }
        let stored = try office.store.database.list(Meeting.self).first { $0.id == meeting.id }!
        #expect(stored.title == "Budget meeting")
        #expect(LocalTime().dateTime(stored.startsAt) == "Wednesday 20 January 2027, 2pm")
    }
}
