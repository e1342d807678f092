import Foundation
import HTTPTypes
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

@Suite("Paper revisions and withdrawal")
struct RevisionTests {
    @Test func newRevisionSupersedesTheOldWhichStaysReadable() async throws {
        let office = try BackOffice()
        let budget = try office.store.database.list(Paper.self).first { $0.title == "Force budget and precept 2027/28" }!
        let meetingId = office.boardMeeting.id!
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await clerk.get("/admin/papers/\(budget.id!)")
            #expect(page.body.contains("Start a new revision"))
            let revise = try await clerk.post("/admin/papers/\(budget.id!)/revise", [("_csrf", page.csrf!)])
            let draft = try #require(try office.store.database.list(Paper.self).last)
            #expect(revise.location == "/admin/papers/\(draft.id!)")
            #expect(draft.revision == 2 && draft.status == .draft && draft.previousRevisionId == budget.id)
            // Asking again returns the same draft rather than a second one.
            _ = try await clerk.post("/admin/papers/\(budget.id!)/revise", [("_csrf", page.csrf!)])
            #expect(try office.store.database.list(Paper.self).filter { $0.previousRevisionId == budget.id }.count == 1)
            // Until it is published, residents still see revision 1 only.
            #expect(try await Browser.anonymous(client, "/papers/\(draft.id!)").status == .notFound)

            _ = try await clerk.post("/admin/papers/\(draft.id!)", [
                ("_csrf", page.csrf!), ("action", "save"), ("title", budget.title), ("markdown", "## Summary\n\nCorrected precept: £268.50."),
            ])
            #expect(try await clerk.post("/admin/papers/\(draft.id!)/publish", [("_csrf", page.csrf!)]).status == .seeOther)

            let old = try await Browser.anonymous(client, "/papers/\(budget.id!)")
            #expect(old.status == .ok)
            #expect(old.body.contains("This revision was superseded on"))
            #expect(old.body.contains("<a href=\"/papers/\(draft.id!)\">Read the latest revision (2)</a>"))
            let new = try await Browser.anonymous(client, "/papers/\(draft.id!)")
            #expect(new.body.contains("Corrected precept: £268.50."))
            #expect(new.body.contains("<a href=\"/papers/\(budget.id!)\">Revision 1, published"))
            #expect(!new.body.contains("superseded on"))
            let meeting = try await Browser.anonymous(client, "/meetings/\(meetingId)")
            #expect(meeting.body.contains("href=\"/papers/\(draft.id!)\""))
            #expect(meeting.body.contains("(revision 2)"))
            #expect(!meeting.body.contains("href=\"/papers/\(budget.id!)\""))
        }
        let stored = try office.store.database.list(Paper.self).first { $0.id == budget.id }!
        #expect(stored.status == .superseded && stored.supersededAt != nil)
    }

    @Test func withdrawalNeedsAReasonAndRemovesThePaper() async throws {
        let office = try BackOffice()
        let plan = try office.store.database.list(Paper.self).first { $0.title == "Policing plan 2026 to 2029" }!
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await clerk.get("/admin/papers/\(plan.id!)")
            let refused = try await clerk.post("/admin/papers/\(plan.id!)/withdraw", [("_csrf", page.csrf!), ("withdrawReason", "")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("<a href=\"#withdrawReason\">Give the reason for withdrawing the paper</a>"))
            #expect(try await Browser.anonymous(client, "/papers/\(plan.id!)").status == .ok)
            let done = try await clerk.post("/admin/papers/\(plan.id!)/withdraw", [("_csrf", page.csrf!), ("withdrawReason", "Contains personal data")])
            #expect(done.status == .seeOther)
            #expect(try await Browser.anonymous(client, "/papers/\(plan.id!)").status == .notFound)
            #expect(try await clerk.get("/admin/papers/\(plan.id!)").body.contains("Withdrawn: Contains personal data"))
        }
        #expect(try office.store.database.auditEntries(limit: 1).first?.details == "Contains personal data")
    }

    @Test func storeRefusesBadTransitions() throws {
        let store = try TestStore(seeded: true)
        let draft = try store.database.list(Paper.self).first { $0.status == .draft }!
        #expect(throws: TownhallError.conflict("only the published revision of a paper can be revised")) {
            try store.database.startRevision(of: draft.id!, now: Date(), actor: .test)
        }
        #expect(throws: TownhallError.conflict("only a published paper can be withdrawn")) {
            try store.database.withdrawPaper(id: draft.id!, reason: "x", at: Date(), actor: .test)
        }
    }
}
