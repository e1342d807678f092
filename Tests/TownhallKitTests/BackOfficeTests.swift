import Foundation
import HTTPTypes
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

@Suite("Clerk back office")
struct BackOfficeTests {
    enum Who: String, CaseIterable, CustomTestStringConvertible {
        case anonymous, provider, otherClerk, clerk, administrator
        var testDescription: String { rawValue }
        var email: String? {
            switch self {
            case .anonymous: nil
            case .provider: "responses@police.test"
            case .otherClerk: "lpac.clerk@townhall.test"
            case .clerk: "board.clerk@townhall.test"
            case .administrator: "admin@townhall.test"
            }
        }
    }

    /// Every back-office route, for an object of the Policing Board, tried as each kind of visitor.
    @Test(arguments: Who.allCases)
    func authorisationMatrix(who: Who) async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        let (gets, posts) = try office.boardRoutes()
        let papersBefore = try office.store.database.list(Paper.self)
        let itemsBefore = try office.store.database.list(AgendaItem.self)
        let filesBefore = try office.store.database.list(Attachment.self)
        let recommendationsBefore = try office.store.database.list(Recommendation.self)
        let membershipsBefore = try office.store.database.list(Membership.self)
        let witnessesBefore = try office.store.database.list(Witness.self)
        let before = try office.store.database.auditEntries(limit: 1000).count
        try await office.run { client in
            var browser = Browser(client)
            var csrf = ""
            if let email = who.email {
                try await browser.signIn(email, BackOffice.password)
                csrf = try await browser.get("/admin").csrf ?? ""
                #expect(!csrf.isEmpty, "signed-in pages (even a 403) carry the sign-out form's token")
            }
            let dashboard = try await browser.get("/admin")
            switch who {
            case .anonymous: #expect(dashboard.status == .seeOther)
            case .provider: #expect(dashboard.status == .forbidden)
            default: #expect(dashboard.status == .ok)
            }
            for uri in gets {
                let page = try await browser.get(uri)
                switch who {
                case .anonymous:
                    #expect(page.status == .seeOther, "\(uri)")
                    #expect(page.location?.hasPrefix("/login?next=") == true, "\(uri)")
                case .provider, .otherClerk:
                    #expect(page.status == .forbidden, "\(uri)")
                    #expect(page.body.contains("You do not have permission"), "\(uri)")
                    #expect(!page.body.contains("Capital programme"), "\(uri) leaks the draft")
                case .clerk, .administrator:
                    #expect(page.status == .ok, "\(uri)")
                }
            }
            // The lists without a parameter show a clerk only their own bodies' business.
            for uri in office.clerkLists {
                let page = try await browser.get(uri)
                switch who {
                case .anonymous: #expect(page.status == .seeOther, "\(uri)")
                case .provider: #expect(page.status == .forbidden, "\(uri)")
                case .otherClerk:
                    #expect(page.status == .ok, "\(uri)")
                    #expect(!page.body.contains("Capital programme"), "\(uri) shows another body's draft")
                case .clerk, .administrator: #expect(page.status == .ok, "\(uri)")
                }
            }
            // Writes with a valid token (where there is one) and plausible fields: refused before anything is saved.
            for (uri, fields) in posts where who != .clerk && who != .administrator {
                let page = try await browser.post(uri, [("_csrf", csrf)] + fields)
                #expect(page.status == (who == .anonymous ? .seeOther : .forbidden), "\(uri)")
            }
        }
        if who != .clerk && who != .administrator {
            let after = try office.store.database.auditEntries(limit: 1000)
            #expect(after.count - before == (who == .anonymous ? 0 : 1), "only the sign-in is recorded")
            #expect(try office.store.database.list(Meeting.self).first { $0.id == meeting.id }?.status == .scheduled)
            #expect(try office.store.database.list(Paper.self) == papersBefore)
            #expect(try office.store.database.list(AgendaItem.self) == itemsBefore)
            #expect(try office.store.database.list(Attachment.self) == filesBefore)
            #expect(try office.store.database.list(Recommendation.self) == recommendationsBefore)
            #expect(try office.store.database.list(Membership.self) == membershipsBefore)
            #expect(try office.store.database.list(Witness.self) == witnessesBefore)
        }
    }

    @Test func everyFormRejectsAMissingOrWrongCSRFToken() async throws {
        let office = try BackOffice()
        let forms = try office.boardRoutes().posts + [("/logout", [])]
        let before = try office.store.database.auditEntries(limit: 1000).count
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            for (uri, fields) in forms {
                for token in [nil, "wrong-token"] {
                    let page = try await browser.post(uri, (token.map { [("_csrf", $0)] } ?? []) + fields)
                    #expect(page.status == .forbidden, "\(uri) with token \(token ?? "none")")
                    #expect(page.body.contains("Nothing was saved"), "\(uri)")
                }
            }
            #expect(try await browser.get("/admin").status == .ok, "still signed in: logout needs the token too")
        }
        #expect(try office.store.database.auditEntries(limit: 1000).count == before + 1, "only the sign-in")
    }

    @Test func schedulingShowsTheDeadlineAndKeepsInputOnErrors() async throws {
        let office = try BackOffice()
        let meetingsBefore = try office.store.database.list(Meeting.self).count
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let form = try await browser.get("/admin/bodies/harford-policing-board/meetings/new")
            let csrf = form.csrf!
            let check = try await browser.post("/admin/bodies/harford-policing-board/meetings/new", [
                ("_csrf", csrf), ("action", "check"), ("title", "Special meeting"), ("date", "2027-01-06"), ("start", "10:00"),
            ])
            #expect(check.status == .ok)
            #expect(check.body.contains("by the end of <strong>Monday 28 December 2026</strong>"))
            #expect(check.body.contains("value=\"Special meeting\""))

            let bad = try await browser.post("/admin/bodies/harford-policing-board/meetings/new", [
                ("_csrf", csrf), ("action", "save"), ("title", "  "), ("date", "2027-03-28"), ("start", "01:30"), ("end", "00:30"),
                ("location", "Civic Centre"),
            ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("There is a problem"))
            #expect(bad.body.contains("<a href=\"#title\">Enter a title for the meeting</a>"))
            #expect(bad.body.contains("<a href=\"#start\">That time does not exist on that day because the clocks go forward</a>"))
            #expect(bad.body.contains("value=\"Civic Centre\""))
            #expect(bad.body.contains("<title>Error: Schedule a meeting"))
            #expect(try office.store.database.list(Meeting.self).count == meetingsBefore, "nothing saved")

            let saved = try await browser.post("/admin/bodies/harford-policing-board/meetings/new", [
                ("_csrf", csrf), ("action", "save"), ("title", "Special meeting"), ("date", "2027-10-31"), ("start", "01:30"),
                ("end", "03:00"), ("location", "Civic Centre"),
            ])
            #expect(saved.status == .seeOther)
            let meeting = try #require(try office.store.database.list(Meeting.self).last)
            #expect(saved.location == "/admin/meetings/\(meeting.id!)")
            // 31 October 2027: the clocks go back at 02:00 BST, so 01:30 is the first (BST) occurrence, 00:30 UTC.
            #expect(ISO8601DateFormatter().string(from: meeting.startsAt) == "2027-10-31T00:30:00Z")
            #expect(try office.store.database.auditEntries(limit: 1).first?.actor == "user:board.clerk@townhall.test")
        }
    }

    @Test func agendaItemsExemptItemsAndStatus() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await browser.get("/admin/meetings/\(meeting.id!)")
            #expect(page.body.contains("Capital programme 2027 to 2031 (draft)"), "clerks see their drafts")
            let csrf = page.csrf!
            let missing = try await browser.post("/admin/meetings/\(meeting.id!)/items", [
                ("_csrf", csrf), ("itemTitle", "Contract award"), ("itemType", "decision"), ("exempt", "yes"), ("paragraph", ""),
            ])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.body.contains("Select the Schedule 12A paragraph"))
            #expect(missing.body.contains("value=\"Contract award\""))
            // A paragraph chosen without marking the item exempt is an error, never a silently public item.
            let unticked = try await browser.post("/admin/meetings/\(meeting.id!)/items", [
                ("_csrf", csrf), ("itemTitle", "Contract award"), ("itemType", "decision"), ("paragraph", "3"),
            ])
            #expect(unticked.status == .unprocessableContent)
            #expect(unticked.body.contains("the item is not marked exempt"))
            let noReason = try await browser.post("/admin/meetings/\(meeting.id!)/items", [
                ("_csrf", csrf), ("itemTitle", "Contract award"), ("itemType", "decision"), ("exempt", "yes"), ("paragraph", "3"),
            ])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.body.contains("Schedule 12A paragraph 10"))
            #expect(try office.store.database.list(AgendaItem.self).filter { $0.title == "Contract award" }.isEmpty, "nothing saved")
            let added = try await browser.post("/admin/meetings/\(meeting.id!)/items", [
                ("_csrf", csrf), ("itemTitle", "Contract award"), ("itemType", "decision"), ("exempt", "yes"), ("paragraph", "3"),
                ("publicInterest", "The bids are commercially confidential until the contract is signed"),
            ])
            #expect(added.status == .seeOther)
            let item = try #require(try office.store.database.list(AgendaItem.self).last)
            #expect(item.title == "Contract award" && item.isExempt && item.exemptParagraph == .financialAffairs && item.number == "6")
            #expect(item.publicInterestReason == "The bids are commercially confidential until the contract is signed")
            #expect(item.isSupplementary && item.urgency == nil, "added to a published agenda three weeks ahead: supplementary, not urgent")
            let clerkPage = try await browser.get("/admin/meetings/\(meeting.id!)")
            #expect(clerkPage.body.contains("Public interest test: The bids are commercially confidential"))

            // A meeting still to come cannot be marked held.
            let early = try await browser.post("/admin/meetings/\(meeting.id!)/status", [("_csrf", csrf), ("status", "held")])
            #expect(early.status == .unprocessableContent)
            #expect(early.body.contains("cannot be marked held before it starts"))

            #expect(try await browser.post("/admin/meetings/\(meeting.id!)/status", [("_csrf", csrf), ("status", "cancelled"), ("statusReason", "Not quorate")]).status == .seeOther)
            let publicPage = try await Browser.anonymous(client, "/meetings/\(meeting.id!)")
            #expect(publicPage.body.contains("This meeting has been cancelled."))
            #expect(publicPage.body.contains("Contract award"))
            #expect(publicPage.body.contains("paragraph 3 of Part 1 of Schedule 12A"))
            #expect(publicPage.body.contains("Supplementary item, added"))
            #expect(!publicPage.body.contains("commercially confidential"), "the public-interest reason is for clerks")
        }
    }

    @Test func writePreviewSaveAndPublishAPaper() async throws {
        let office = try BackOffice()
        let papersBefore = try office.store.database.list(Paper.self).count
        let meeting = office.boardMeeting
        let item = try office.store.database.list(AgendaItem.self).first { $0.meetingId == meeting.id && $0.itemType == .decision && !$0.isExempt }!
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let form = try await browser.get("/admin/items/\(item.id!)/papers/new")
            let csrf = form.csrf!
            let markdown = "## Options\n\n```csv Costs\nOption,Cost\nA,\"1,000\"\nB\n```\n\n<script>alert(1)</script>"
            let preview = try await browser.post("/admin/items/\(item.id!)/papers/new", [
                ("_csrf", csrf), ("action", "preview"), ("title", "Options appraisal"), ("markdown", markdown),
            ])
            #expect(preview.status == .ok)
            #expect(preview.body.contains("<h2 id=\"h-options\">Options</h2>"))
            #expect(preview.body.contains("Fix before publishing"))
            #expect(preview.body.contains("row 3 has 1 cell but the header has 2"))
            #expect(!preview.body.contains("<script>alert(1)</script>"))
            #expect(preview.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the textarea keeps the source, escaped")
            #expect(try office.store.database.list(Paper.self).count == papersBefore, "preview saves nothing")

            let saved = try await browser.post("/admin/items/\(item.id!)/papers/new", [
                ("_csrf", csrf), ("action", "save"), ("title", "Options appraisal"), ("author", "Treasurer"), ("markdown", "## Options\n\nA or B."),
            ])
            let paper = try #require(try office.store.database.list(Paper.self).last)
            #expect(saved.location == "/admin/papers/\(paper.id!)")
            #expect(paper.status == .draft)
            #expect(try await Browser.anonymous(client, "/papers/\(paper.id!)").status == .notFound, "drafts stay private")

            let edited = try await browser.post("/admin/papers/\(paper.id!)", [
                ("_csrf", csrf), ("action", "save"), ("title", "Options appraisal (revised)"), ("markdown", "## Options\n\nA, B or C."),
            ])
            #expect(edited.status == .seeOther)
            #expect(try await browser.post("/admin/papers/\(paper.id!)/publish", [("_csrf", csrf)]).status == .seeOther)
            let resident = try await Browser.anonymous(client, "/papers/\(paper.id!)")
            #expect(resident.status == .ok)
            #expect(resident.body.contains("Options appraisal (revised)"))
            #expect(resident.body.contains("A, B or C."))
            // Published papers can no longer be edited in place.
            let again = try await browser.post("/admin/papers/\(paper.id!)", [("_csrf", csrf), ("action", "save"), ("title", "X"), ("markdown", "Y")])
            #expect(again.status == .conflict)
            let actions = try office.store.database.auditEntries(limit: 3).map(\.action)
            #expect(actions == ["publish", "edit", "add"])
        }
    }

    @Test func latePublicationNeedsAReasonThatThePublicSees() async throws {
        let office = try BackOffice()
        let late = office.store.database
        // The demo's later board meeting is 49 days away and unpublished: move the clock to two days before it.
        let meeting = try late.list(Meeting.self).first { $0.agendaPublishedAt == nil }!
        office.clock.advance(meeting.startsAt.timeIntervalSince(office.clock.now) - 2 * 86_400)
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await browser.get("/admin/meetings/\(meeting.id!)")
            #expect(page.body.contains("Reason for late publication"))
            let refused = try await browser.post("/admin/meetings/\(meeting.id!)/publish-agenda", [("_csrf", page.csrf!), ("reason", " ")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("The agenda is published after"))
            #expect(refused.body.contains("give the special circumstances that make it urgent"))
            #expect(try late.list(Meeting.self).first { $0.id == meeting.id }?.agendaPublishedAt == nil)
            let published = try await browser.post("/admin/meetings/\(meeting.id!)/publish-agenda", [
                ("_csrf", page.csrf!), ("reason", "Urgent item: flooding response costs"),
            ])
            #expect(published.status == .seeOther)
            let resident = try await Browser.anonymous(client, "/meetings/\(meeting.id!)")
            #expect(resident.body.contains("Published late because"))
            #expect(resident.body.contains("Urgent item: flooding response costs"))
        }
    }

    /// Found by `invalid_forms.py` in a real browser: saving a paper with its title cleared showed an empty `<h1>`
    /// (axe: empty-heading), because the heading came from the submitted title instead of the stored one.
    @Test func aPaperSavedWithoutATitleKeepsItsStoredTitleAsTheHeading() async throws {
        let office = try BackOffice()
        let db = office.store.database
        let meeting = try db.list(Meeting.self).first { $0.agendaPublishedAt == nil }!
        let item = try db.addAgendaItem(meetingId: meeting.id!, title: "Custody review", type: .report, rule: testRule, actor: .test)
        let draft = try db.addPaper(itemId: item.id!, title: "Custody review findings", author: "", markdown: "Findings.", now: office.clock.now,
                                    actor: .test)
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await browser.get("/admin/papers/\(draft.id!)")
            let refused = try await browser.post("/admin/papers/\(draft.id!)", [
                ("_csrf", page.csrf!), ("action", "save"), ("title", ""), ("markdown", "Findings, revised."),
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("<h1 class=\"heading-xl\">Custody review findings</h1>"))
            #expect(refused.body.contains("Findings, revised."))
        }
    }

    @Test func aLatePaperNeedsAReasonThatThePublicSees() async throws {
        let office = try BackOffice()
        let db = office.store.database
        let meeting = try db.list(Meeting.self).first { $0.agendaPublishedAt == nil }!
        let item = try db.addAgendaItem(meetingId: meeting.id!, title: "Custody review", type: .report, rule: testRule, actor: .test)
        let draft = try db.addPaper(itemId: item.id!, title: "Custody review", author: "", markdown: "Findings.", now: office.clock.now, actor: .test)
        office.clock.advance(meeting.startsAt.timeIntervalSince(office.clock.now) - 3 * 86_400)
        _ = try db.publishAgenda(meetingId: meeting.id!, at: office.clock.now, rule: office.store.rule, lateReason: "Urgent item", actor: .test)
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await browser.get("/admin/papers/\(draft.id!)")
            #expect(page.body.contains("Reason for late publication"))
            let refused = try await browser.post("/admin/papers/\(draft.id!)/publish", [("_csrf", page.csrf!), ("lateReason", "")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("The paper is published after"), "the store's own words, as the CLI prints them")
            #expect(try db.list(Paper.self).first { $0.id == draft.id }?.status == .draft)
            let published = try await browser.post("/admin/papers/\(draft.id!)/publish", [
                ("_csrf", page.csrf!), ("lateReason", "Custody figures arrived from the force on Monday"),
            ])
            #expect(published.status == .seeOther)
            let paperPage = try await Browser.anonymous(client, "/papers/\(draft.id!)")
            #expect(paperPage.body.contains("Published late"))
            #expect(paperPage.body.contains("Custody figures arrived from the force on Monday"))
            let meetingPage = try await Browser.anonymous(client, "/meetings/\(meeting.id!)")
            #expect(meetingPage.body.contains("published late: Custody figures arrived"))
        }
    }

    @Test func theStoreRefusesLatePublicationWithoutAReason() throws {
        let office = try BackOffice()
        let db = office.store.database
        let meeting = try db.list(Meeting.self).first { $0.agendaPublishedAt == nil }!
        let item = try db.addAgendaItem(meetingId: meeting.id!, title: "Late item", type: .report, rule: testRule, actor: .test)
        let draft = try db.addPaper(itemId: item.id!, title: "Late", author: "", markdown: "Text.", now: office.clock.now, actor: .test)
        let dayBefore = meeting.startsAt.addingTimeInterval(-86_400)
        #expect(throws: TownhallError.self) {
            try db.publishAgenda(meetingId: meeting.id!, at: dayBefore, rule: office.store.rule, actor: .test)
        }
        #expect(throws: TownhallError.self) {
            try db.publishPaper(id: draft.id!, renderer: MarkdownRenderer(), at: dayBefore, rule: office.store.rule, lateReason: "  ", actor: .test)
        }
        #expect(try db.list(Paper.self).first { $0.id == draft.id }?.status == .draft)
        // On time, a reason given anyway is not recorded as lateness.
        let (paper, _) = try db.publishPaper(
            id: draft.id!, renderer: MarkdownRenderer(), at: office.clock.now, rule: office.store.rule, lateReason: "not late", actor: .test)
        #expect(paper.lateReason == nil)
    }

    @Test func onTimePublicationNeedsNoReason() async throws {
        let office = try BackOffice()
        let meeting = try office.store.database.list(Meeting.self).first { $0.agendaPublishedAt == nil }!
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("admin@townhall.test", BackOffice.password)
            let page = try await browser.get("/admin/meetings/\(meeting.id!)")
            #expect(!page.body.contains("Reason for late publication"))
            #expect(try await browser.post("/admin/meetings/\(meeting.id!)/publish-agenda", [("_csrf", page.csrf!)]).status == .seeOther)
            let stored = try office.store.database.list(Meeting.self).first { $0.id == meeting.id }!
            #expect(stored.agendaPublishedAt != nil && stored.lateReason == nil)
        }
    }
}
