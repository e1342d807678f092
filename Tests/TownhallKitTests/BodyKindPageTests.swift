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

/// Each kind's public page leads with what residents look for; the clerk's members page enforces the seat rules.
@Suite("Body kind pages over HTTP")
struct BodyKindPageTests {
    /// The page's text between the opening of <main> and its end, for order checks.
    func main(_ html: String) -> String {
        guard let start = html.range(of: "<main"), let end = html.range(of: "</main>") else { return html }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func aPolicingBoardLeadsWithItsNextMeetingPlanBudgetAndChiefConstable() async throws {
        try await withDemo { _, client in
            let page = try await Browser.anonymous(client, "/bodies/harford-policing-board")
            #expect(page.status == .ok)
            let html = main(page.body)
            for text in [
                "Next meeting", "Budget and precept meeting", "The policing plan", "Neighbourhood policing", "Road safety",
                "£208,400,000", "£255.47", "Joanne Hartley QPM", "Councils in the force area: Harford City Council, Marsh Vale Council",
                "Council leader, Harford City Council", "Lead member, Marsh Vale Council",
            ] {
                #expect(html.contains(text), "\(text)")
            }
            let order = ["Next meeting", "id=\"plan-heading\"", "id=\"budget-heading\"", "id=\"chief-heading\"", "id=\"members\""]
                .compactMap { html.range(of: $0)?.lowerBound }
            #expect(order.count == 5 && order == order.sorted(), "what residents look for comes before the member list")
            #expect(!html.contains("Vacant seats"), "every seat of the demo board is filled")
            // The plan card shows the plan, not the budget decision's amounts.
            let planCard = html.components(separatedBy: "plan-heading")[1].components(separatedBy: "budget-heading")[0]
            #expect(!planCard.contains("£"), "plan card: \(planCard)")
        }
    }

    @Test func aVacantBoardSeatIsShownToResidents() async throws {
        try await withDemo { store, client in
            let board = try store.database.list(Body.self).first { $0.slug == "harford-policing-board" }!
            let leader = try store.database.list(Membership.self).first { $0.bodyId == board.id && $0.category == .leader }!
            _ = try store.database.endMembership(id: leader.id!, on: leader.startDate, actor: .test)
            let html = try await Browser.anonymous(client, "/bodies/harford-policing-board").body
            #expect(html.contains("Vacant seats"))
            #expect(html.contains("<li>Council leader, Harford City Council</li>"))
        }
    }

    @Test func anEducationPanelShowsItsPlanAnnualReportsAndTheReminder() async throws {
        try await withDemo { store, client in
            let html = main(try await Browser.anonymous(client, "/bodies/harford-education-panel").body)
            let cycle = AnnualReportSchedule().state(reports: [:], today: LocalTime().calendarDay(of: store.now), firstYear: nil)
            #expect(html.contains(cycle.label), "\(cycle.label)")
            #expect(html.contains("Long-term plan for school standards 2027 to 2032"))
            #expect(html.contains("Harford Local Education Panel annual report"))
            for category in ["Director of Children&#39;s Services", "Head teacher representative", "Governor representative", "Parent representative"] {
                #expect(html.contains(category), "\(category)")
            }
        }
    }

    @Test func anLPACListsItsInquiryAndTheInquiryPageGroupsTheEvidence() async throws {
        try await withDemo { _, client in
            let lpac = main(try await Browser.anonymous(client, "/bodies/harford-lpac").body)
            #expect(lpac.contains("href=\"/inquiries/hospital-discharge\""))
            #expect(lpac.contains("Councillor (backbench)") && lpac.contains("Lay member") && lpac.contains("Service-user representative"))
            let page = try await Browser.anonymous(client, "/inquiries/hospital-discharge")
            #expect(page.status == .ok)
            let html = main(page.body)
            for text in [
                "Evidence session: delays in hospital discharge", "Dr Sarah Coleman", "Chief Operating Officer",
                "Written evidence from Harford Carers&#39; Forum", "Delays in hospital discharge: final report",
                "Open a discharge lounge", "Responded: accepted",
            ] {
                #expect(html.contains(text), "\(text)")
            }
            #expect(try await Browser.anonymous(client, "/inquiries/no-such-inquiry").status == .notFound)
        }
    }

    @Test func draftAndExemptEvidenceNeverReachTheInquiryPage() async throws {
        try await withDemo { store, client in
            let db = store.database
            let session = try db.list(Meeting.self).first { $0.title.hasPrefix("Evidence session") }!
            let item = try db.list(AgendaItem.self).first { $0.meetingId == session.id && $0.itemType == .report }!
            _ = try db.addPaper(itemId: item.id!, title: "Unpublished submission", author: "", markdown: "secret", kind: .writtenEvidence,
                                now: Date(), actor: .test)
            _ = try db.addPlanEntry(body: "harford-lpac", title: "Exempt evidence", expectedOn: LocalTime().day(of: session.startsAt),
                                    isKeyDecision: false, exemptParagraph: .individual, at: session.startsAt.addingTimeInterval(-40 * 86_400),
                                    actor: .test)
            let exempt = try db.addAgendaItem(meetingId: session.id!, title: "Exempt evidence", type: .report, exemption: try Exemption(paragraph: .individual, publicInterestReason: "An individual's personal information"),
                                         urgency: "A late submission the chair agreed to take", rule: testRule, actor: .test)
            let hidden = try db.addPaper(itemId: exempt.id!, title: "Exempt submission", author: "", markdown: "secret", kind: .writtenEvidence,
                                         now: Date(), actor: .test)
            _ = try db.publishPaper(id: hidden.id!, renderer: MarkdownRenderer(), at: store.now, rule: store.rule, lateReason: "x", actor: .test)
            let html = try await Browser.anonymous(client, "/inquiries/hospital-discharge").body
            #expect(!html.contains("Unpublished submission"))
            #expect(!html.contains("Exempt submission"))
        }
    }

    @Test func peerChallengePagesShowTheActionPlanAndWhatIsDue() async throws {
        try await withDemo { _, client in
            let corporate = main(try await Browser.anonymous(client, "/bodies/harford-corporate-peer-challenge").body)
            for text in [
                "Corporate peer challenge of Harford City Council", "Scope", "On site", "feedback report", "Council's report back",
                "Cabinet received a progress report", "Follow-up challenge", "Not yet due", "Recommendations and the council's action plan",
                "partially accepted", "Member peer (councillor from another council), Northbrook Borough Council", "Health representative",
            ] {
                #expect(corporate.contains(text), "\(text)")
            }
            let safeguarding = main(try await Browser.anonymous(client, "/bodies/marsh-vale-safeguarding-peer-challenge").body)
            #expect(safeguarding.contains("Next safeguarding challenge") && safeguarding.contains("Overdue"))
            #expect(safeguarding.contains("Follow-up challenge") && safeguarding.contains("Done on"))
            let register = try await Browser.anonymous(client, "/peer-challenges")
            #expect(register.status == .ok)
            let due = register.body.components(separatedBy: "All challenges")[0]
            #expect(due.contains("Safeguarding peer challenge of Marsh Vale Council") && due.contains("Overdue"))
            #expect(!due.contains("Corporate peer challenge of Harford"), "not yet due, so not in the due list")
            #expect(!due.contains("Annual report"), "the register is about peer challenges only")
        }
    }

    @Test func aMeetingPageListsItsWitnessesAndInquiry() async throws {
        try await withDemo { store, client in
            let session = try store.database.list(Meeting.self).first { $0.title.hasPrefix("Evidence session") }!
            let html = try await Browser.anonymous(client, "/meetings/\(session.id!)").body
            #expect(html.contains("Witnesses") && html.contains("Mary Quinn"))
            #expect(html.contains("href=\"/inquiries/hospital-discharge\""))
        }
    }

    @Test func theClerksMembersPageEnforcesSeatRulesAndKeepsInput() async throws {
        let office = try BackOffice()
        let db = office.store.database
        let board = try db.list(Body.self).first { $0.slug == "harford-policing-board" }!
        let marshVale = try db.list(Authority.self).first { $0.slug == "marsh-vale" }!
        let northbrook = try db.list(Authority.self).first { $0.slug == "northbrook" }!
        let leader = try db.list(Membership.self).first { $0.bodyId == board.id && $0.category == .leader && $0.authorityId == marshVale.id }!
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            var page = try await browser.get("/admin/bodies/harford-policing-board/members")
            #expect(page.status == .ok)
            #expect(!page.body.contains("These seats are empty"))
            let csrf = try #require(page.csrf)
            #expect(!page.body.contains(">Northbrook Borough Council<"), "only the board's own councils are offered")

            // A second leader for Marsh Vale while one serves: refused, input kept.
            page = try await browser.post("/admin/bodies/harford-policing-board/members", [
                ("_csrf", csrf), ("name", "Councillor Rhiannon Vale"), ("title", "Leader-elect"), ("role", "member"),
                ("category", "leader"), ("council", String(marshVale.id!)), ("start", "2026-01-01"),
            ])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("There is a problem") && page.body.contains("already filled"))
            #expect(page.body.contains("value=\"Councillor Rhiannon Vale\"") && page.body.contains("value=\"Leader-elect\""))
            #expect(page.body.contains("<option value=\"leader\" selected>"))

            // A council outside the force area, typed into the form by hand: refused.
            page = try await browser.post("/admin/bodies/harford-policing-board/members", [
                ("_csrf", csrf), ("name", "X"), ("role", "member"), ("category", "leader"), ("council", String(northbrook.id!)),
                ("start", "2026-01-01"),
            ])
            #expect(page.status == .unprocessableContent && page.body.contains("is not one of the councils"))
            page = try await browser.post("/admin/bodies/harford-policing-board/members", [
                ("_csrf", csrf), ("name", ""), ("role", "member"), ("category", ""), ("council", ""), ("start", "2026-02-30"),
            ])
            #expect(page.body.contains("Enter the member&#39;s name") && page.body.contains("Choose what the member represents")
                && page.body.contains("Enter the first day as a real date"))

            // End the leader's term: the seat shows as empty here and on the dashboard.
            let today = LocalTime().day(of: office.clock.now)
            let yesterday = LocalTime().day(of: office.clock.now.addingTimeInterval(-86_400))
            page = try await browser.post("/admin/bodies/harford-policing-board/members/\(leader.id!)/end", [("_csrf", csrf), ("end", yesterday)])
            #expect(page.status == .seeOther)
            page = try await browser.get("/admin/bodies/harford-policing-board/members")
            #expect(page.body.contains("These seats are empty") && page.body.contains("<li>Council leader, Marsh Vale Council</li>"))
            #expect(try await browser.get("/admin").body.contains("1 empty seat(s)"))

            page = try await browser.post("/admin/bodies/harford-policing-board/members", [
                ("_csrf", csrf), ("name", "Councillor Rhiannon Vale"), ("title", "Leader, Marsh Vale Council"), ("role", "vice-chair"),
                ("category", "leader"), ("council", String(marshVale.id!)), ("start", today),
            ])
            #expect(page.status == .seeOther)
            page = try await browser.get("/admin/bodies/harford-policing-board/members")
            #expect(!page.body.contains("These seats are empty") && page.body.contains("Councillor Rhiannon Vale"))
            // Another body's membership cannot be ended through this board's address.
            let lpacMember = try db.list(Membership.self).first { $0.bodyId != board.id }!
            page = try await browser.post("/admin/bodies/harford-policing-board/members/\(lpacMember.id!)/end", [("_csrf", csrf), ("end", today)])
            #expect(page.status == .notFound)
            #expect(try db.list(Membership.self).first { $0.id == lpacMember.id }?.endDate == nil)
        }
    }

    @Test func aClerkRecordsAndRemovesWitnessesOfAMeeting() async throws {
        let office = try BackOffice()
        let db = office.store.database
        let meeting = office.boardMeeting.id!
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            var page = try await browser.get("/admin/meetings/\(meeting)")
            let csrf = try #require(page.csrf)
            #expect(page.body.contains("Treasurer to the Board"))
            page = try await browser.post("/admin/meetings/\(meeting)/witnesses", [("_csrf", csrf), ("witnessName", " "), ("witnessRole", "Chief Constable")])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("Enter the witness&#39;s name") && page.body.contains("value=\"Chief Constable\""))
            page = try await browser.post("/admin/meetings/\(meeting)/witnesses",
                                          [("_csrf", csrf), ("witnessName", "Joanne Hartley QPM"), ("witnessRole", "Chief Constable")])
            #expect(page.status == .seeOther)
            let added = try #require(try db.list(Witness.self).first { $0.name == "Joanne Hartley QPM" })
            #expect(added.meetingId == meeting && added.role == "Chief Constable")
            #expect(try await Browser.anonymous(client, "/meetings/\(meeting)").body.contains("Joanne Hartley QPM, Chief Constable"))
            // A witness of another meeting cannot be removed through this meeting's address.
            let other = try db.addWitness(meetingId: office.lpacMeeting.id!, name: "Elsewhere", role: "", actor: .test)
            page = try await browser.post("/admin/meetings/\(meeting)/witnesses/\(other.id!)/delete", [("_csrf", csrf)])
            #expect(page.status == .notFound)
            page = try await browser.post("/admin/meetings/\(meeting)/witnesses/\(added.id!)/delete", [("_csrf", csrf)])
            #expect(page.status == .seeOther)
            #expect(try db.list(Witness.self).map(\.name).sorted() == ["Dr Sarah Coleman", "Elsewhere", "James Adeyemi", "Mary Quinn", "Treasurer"])
        }
    }
}

extension BodyKindPageTests {
    /// Issue 16: the board's page shows its forward plan, key decisions, private matters and any exception's reasons.
    @Test func theBoardPageShowsItsForwardPlan() async throws {
        try await withDemo { _, client in
            let html = main(try await Browser.anonymous(client, "/bodies/harford-policing-board").body)
            #expect(html.contains("<h2 class=\"heading-l\" id=\"forward-plan\">Forward plan</h2>"))
            #expect(html.contains("<strong>Sale of the former Marsh Vale police station</strong> <strong class=\"tag tag--blue\">Key decision</strong>"))
            #expect(html.contains("In private: paragraph 3 of Schedule 12A"))
            #expect(html.contains("Special urgency (regulation 11)</strong> The roof failed in the storm of 30 November"))
        }
    }
}
