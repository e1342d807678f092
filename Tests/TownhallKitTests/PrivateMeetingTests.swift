import Foundation
import GRDB
import Testing
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

/// Regulation 5 of the 2012 Access to Information Regulations: private business stands on a notice of intention on
/// the forward plan (28 clear days, or a recorded exception) and a further notice 5 clear days before, or urgency;
/// and the forward plan is kept from the browser and exported as iCalendar and JSON.
@Suite("Private meetings and the forward plan")
struct PrivateMeetingTests {
    /// A meeting of the LPAC on `day` with one private item, and the store, on a clock set to `now`.
    func privateMeeting(now: String, day: String) throws -> (TestStore, Meeting) {
        let clock = try LocalTime().parseDateTime(now)
        let store = try TestStore(now: clock, clock: { clock })
        let db = store.database
        _ = try db.addBody(slug: "zp-lpac", name: "Zp LPAC", kind: .lpac, actor: .test)
        let meeting = try db.addMeeting(body: "zp-lpac", title: "Zp session", startsAt: try LocalTime().parseDateTime("\(day) 10:00"),
                                        endsAt: nil, locationName: nil, address: nil, convenedAt: clock.addingTimeInterval(-90 * 86_400), actor: .test)
        _ = try db.addAgendaItem(meetingId: meeting.id!, title: "Contract award", type: .decision,
                                 exemption: try Exemption(paragraph: .financialAffairs, publicInterestReason: "Bids are confidential"),
                                 rule: testRule, actor: .test)
        return (store, meeting)
    }

    @Test func anAgendaWithPrivateBusinessNeedsTheNoticeOfIntention() throws {
        let (store, meeting) = try privateMeeting(now: "2027-01-04 10:00", day: "2027-02-17")
        let db = store.database
        let now = try LocalTime().parseDateTime("2027-01-04 10:00")
        #expect(throws: TownhallError.invalid(
            "the agenda has private business, so notice of the intention to hold the meeting in private must be on the forward plan for 2027-02-17 "
                + "(regulation 5(2)); add the matter to the body's forward plan as private, with its Schedule 12A paragraph")) {
            try db.publishAgenda(meetingId: meeting.id!, at: now, rule: testRule, actor: .test)
        }
        #expect(try db.list(Meeting.self).first!.agendaPublishedAt == nil, "nothing is published")
        // A public entry for that day is no notice of a private meeting.
        _ = try db.addPlanEntry(body: "zp-lpac", title: "Budget", expectedOn: "2027-02-17", isKeyDecision: true, exemptParagraph: nil, at: now, actor: .test)
        #expect(throws: TownhallError.self) { try db.publishAgenda(meetingId: meeting.id!, at: now, rule: testRule, actor: .test) }
        let intention = try db.addPlanEntry(body: "zp-lpac", title: "Contract award", expectedOn: "2027-02-17", isKeyDecision: false,
                                            exemptParagraph: .financialAffairs, at: now, actor: .test)
        #expect(intention.notice == .inTime)
        let published = try db.publishAgenda(meetingId: meeting.id!, at: now, rule: testRule, actor: .test)
        #expect(published.privateNoticeAt == now)
    }

    @Test func insideFiveClearDaysPrivateBusinessNeedsUrgency() throws {
        // Convened in good time, but the agenda is published on Monday for Friday: fewer than 5 clear days.
        let (store, meeting) = try privateMeeting(now: "2027-02-15 09:00", day: "2027-02-19")
        let db = store.database
        let monday = try LocalTime().parseDateTime("2027-02-15 09:00")
        _ = try db.addPlanEntry(body: "zp-lpac", title: "Contract award", expectedOn: "2027-02-19", isKeyDecision: false,
                                exemptParagraph: .financialAffairs, at: monday.addingTimeInterval(-60 * 86_400), actor: .test)
        #expect(PrivateMeetingRule.furtherNoticeDeadline(meetingDay: Day("2027-02-19")!) == Day("2027-02-13")!)
        #expect(throws: TownhallError.self) {
            try db.publishAgenda(meetingId: meeting.id!, at: monday, rule: testRule, lateReason: "  ", actor: .test)
        }
        // Five clear working days are always at least five clear days, so here the agenda's own rule speaks first.
        do {
            _ = try db.publishAgenda(meetingId: meeting.id!, at: monday, rule: testRule, actor: .test)
            Issue.record("published without urgency")
        } catch let error as TownhallError {
            #expect(error.message.contains("give the special circumstances that make it urgent"), "\(error.message)")
        }
        // The agenda is late anyway, so its special circumstances (the chair's urgency) carry the private part too.
        let published = try db.publishAgenda(meetingId: meeting.id!, at: monday, rule: testRule,
                                             lateReason: "The bids closed on Friday and the award cannot wait", actor: .test)
        #expect(published.privateNoticeAt == monday)
        let notice = PrivateMeetingNotice(
            intention: try db.list(PlanEntry.self).first, furtherNoticeAt: monday, meetingDay: Day("2027-02-19")!)
        let lines = notice.statements(time: LocalTime())
        #expect(lines.count == 2)
        #expect(lines[0].contains("published on the forward plan on Thursday 17 December 2026, at least 28 clear days before it (regulation 5(2))"), "\(lines)")
        #expect(lines[1] == "Further notice was given with the agenda on Monday 15 February 2027, fewer than 5 clear days before the meeting, "
            + "as urgent business that could not reasonably be deferred (regulation 5(6)).")
    }

    @Test func aSpecialUrgencyEntryCoversAShortNoticePrivateMeeting() throws {
        // Called on Monday for Thursday: short notice, so the agenda is on time the day it is called and needs no late reason,
        // but the private part needs the regulation 11 agreement, recorded on the plan.
        let monday = try LocalTime().parseDateTime("2027-02-15 09:00")
        let store = try TestStore(now: monday, clock: { monday })
        let db = store.database
        _ = try db.addBody(slug: "zp-lpac", name: "Zp LPAC", kind: .lpac, actor: .test)
        let meeting = try db.addMeeting(body: "zp-lpac", title: "Zp urgent session", startsAt: try LocalTime().parseDateTime("2027-02-18 10:00"),
                                        endsAt: nil, locationName: nil, address: nil, actor: .test)
        #expect(testRule.isShortNotice(meeting))
        _ = try db.addAgendaItem(meetingId: meeting.id!, title: "Provider failure", type: .decision,
                                 exemption: try Exemption(paragraph: .financialAffairs, publicInterestReason: "Commercial position"),
                                 rule: testRule, actor: .test)
        // The decision was on the plan in time, as private, before the meeting was called at short notice.
        _ = try db.addPlanEntry(body: "zp-lpac", title: "Provider failure", expectedOn: "2027-02-18", isKeyDecision: false,
                                exemptParagraph: .financialAffairs, at: monday.addingTimeInterval(-60 * 86_400), actor: .test)
        do {
            _ = try db.publishAgenda(meetingId: meeting.id!, at: monday, rule: testRule, actor: .test)
            Issue.record("a private meeting inside 5 clear days was published without urgency")
        } catch let error as TownhallError {
            #expect(error.message.contains("fewer than 5 clear days remain before this private meeting (the further notice was due by 2027-02-12, "
                + "regulation 5(4)), so it can be held in private only as urgent business"), "\(error.message)")
        }
        #expect(throws: TownhallError.self) {
            _ = try db.addPlanEntry(body: "zp-lpac", title: "Provider failure", expectedOn: "2027-02-18", isKeyDecision: false,
                                    exemptParagraph: .financialAffairs, exception: .generalException, reason: "x", at: monday, actor: .test)
        }
        _ = try db.addPlanEntry(body: "zp-lpac", title: "Provider failure", expectedOn: "2027-02-18", isKeyDecision: false,
                                exemptParagraph: .financialAffairs, exception: .specialUrgency,
                                reason: "The provider goes into administration on Friday; the scrutiny chair agreed", at: monday, actor: .test)
        let published = try db.publishAgenda(meetingId: meeting.id!, at: monday, rule: testRule, actor: .test)
        #expect(published.lateReason == nil && published.privateNoticeAt == monday)
    }

    @Test func privateBusinessAddedToAPublishedAgendaGivesItsNoticeThen() throws {
        let (store, meeting) = try privateMeeting(now: "2027-01-04 10:00", day: "2027-02-17")
        let db = store.database
        let now = try LocalTime().parseDateTime("2027-01-04 10:00")
        // A public agenda first: make its one item public, publish, then add private business.
        let item = try db.list(AgendaItem.self).first!
        _ = try db.updateAgendaItem(id: item.id!, title: item.title, type: item.itemType, exemption: nil, decision: nil, actor: .test)
        let published = try db.publishAgenda(meetingId: meeting.id!, at: now, rule: testRule, actor: .test)
        #expect(published.privateNoticeAt == nil)
        let exemption = try Exemption(paragraph: .individual, publicInterestReason: "A named officer")
        #expect(throws: TownhallError.self) {
            try db.addAgendaItem(meetingId: meeting.id!, title: "Staffing", type: .decision, exemption: exemption, rule: testRule, actor: .test)
        }
        #expect(throws: TownhallError.self) {
            try db.updateAgendaItem(id: item.id!, title: item.title, type: item.itemType, exemption: exemption, decision: nil, actor: .test)
        }
        #expect(try db.list(AgendaItem.self).count == 1 && !(try db.list(AgendaItem.self).first!.isExempt), "nothing changed")
        _ = try db.addPlanEntry(body: "zp-lpac", title: "Staffing", expectedOn: "2027-02-17", isKeyDecision: false,
                                exemptParagraph: .individual, at: now, actor: .test)
        _ = try db.addAgendaItem(meetingId: meeting.id!, title: "Staffing", type: .decision, exemption: exemption, rule: testRule, actor: .test)
        #expect(try db.list(Meeting.self).first!.privateNoticeAt == now)
    }

    @Test func theMeetingPageSaysWhatThePrivatePartStoodOn() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        try await office.run { client in
            let page = try await Browser.anonymous(client, "/meetings/\(meeting.id!)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Private business"))
            #expect(page.body.contains("Notice of the intention to hold part of this meeting in private was published on the forward plan on"))
            #expect(page.body.contains("at least 5 clear days before the meeting (regulation 5(4))"))
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            #expect(try await browser.get("/admin/meetings/\(meeting.id!)").body.contains("Further notice was given with the agenda on"))
        }
    }

    @Test func theClerkKeepsThePlanFromTheBrowserAndResidentsCanExportIt() async throws {
        let office = try BackOffice()
        let board = "harford-policing-board"
        let soon = LocalTime().calendarDay(of: office.clock.now).adding(days: 10).description
        let later = LocalTime().calendarDay(of: office.clock.now).adding(days: 60).description
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let dashboard = try await browser.get("/admin")
            #expect(dashboard.body.contains("href=\"/admin/bodies/\(board)/plan\""))
            let form = try await browser.get("/admin/bodies/\(board)/plan")
            #expect(form.status == .ok)
            let csrf = try #require(form.csrf)

            // Nothing typed right: every error, the input kept.
            let blank = try await browser.post("/admin/bodies/\(board)/plan", [("_csrf", csrf), ("title", ""), ("date", "2027-02-30"), ("paragraph", "9")])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.body.contains("Enter what is to be decided") && blank.body.contains("Enter the expected date as a real date"))
            #expect(blank.body.contains("Choose a paragraph of Schedule 12A") && blank.body.contains("value=\"2027-02-30\""))

            // A key decision ten days ahead without an exception: refused beside the exception field, the input kept.
            let late = try await browser.post("/admin/bodies/\(board)/plan", [
                ("_csrf", csrf), ("title", "Custody <suite> contract"), ("date", soon), ("keyDecision", "yes"), ("paragraph", "3"),
            ])
            #expect(late.status == .unprocessableContent)
            #expect(late.body.contains("id=\"exception-error\"") && late.body.contains("record the general exception or special urgency"))
            #expect(late.body.contains("value=\"Custody &lt;suite&gt; contract\"") && late.body.contains("<option value=\"3\" selected>"))
            #expect(late.body.contains("id=\"keyDecision\" name=\"keyDecision\" type=\"checkbox\" value=\"yes\" checked"))
            // The general exception without its reasons: the reasons field says so.
            let noReason = try await browser.post("/admin/bodies/\(board)/plan", [
                ("_csrf", csrf), ("title", "Custody contract"), ("date", soon), ("keyDecision", "yes"), ("exception", "general-exception"),
            ])
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("id=\"reason-error\""))
            #expect(try office.store.database.list(PlanEntry.self).count == 5, "nothing refused was saved")

            let saved = try await browser.post("/admin/bodies/\(board)/plan", [
                ("_csrf", csrf), ("title", "Custody contract"), ("date", soon), ("keyDecision", "yes"), ("exception", "general-exception"),
                ("reason", "The tender closed late; the scrutiny chair was told on Monday"),
            ])
            #expect(saved.status == .seeOther && saved.location == "/admin/bodies/\(board)/plan?saved=1")
            let ok = try await browser.post("/admin/bodies/\(board)/plan", [("_csrf", csrf), ("title", "Estates strategy"), ("date", later)])
            #expect(ok.status == .seeOther)
            #expect(try await browser.get("/admin/bodies/\(board)/plan?saved=1").body.contains("The entry is on the published forward plan."))

            let page = try await Browser.anonymous(client, "/bodies/\(board)")
            #expect(page.body.contains("Custody contract") && page.body.contains("The tender closed late"))
            #expect(page.body.contains("href=\"/bodies/\(board)/forward-plan.ics\""))

            let calendar = try await Browser.anonymous(client, "/bodies/\(board)/forward-plan.ics")
            #expect(calendar.status == .ok && calendar.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(calendar.body.contains("DTSTART;VALUE=DATE:\(soon.filter { $0 != "-" })\r\n"))
            #expect(calendar.body.contains("SUMMARY:Harford and Marsh Vale Policing Board: Custody contract\r\n"))
            #expect(calendar.body.contains("STATUS:TENTATIVE"))

            let data = try await Browser.anonymous(client, "/bodies/\(board)/forward-plan.json")
            #expect(data.status == .ok && data.headers[.contentType] == "application/json; charset=utf-8")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(data.body.utf8)) as? [String: Any])
            let entries = try #require(json["entries"] as? [[String: Any]])
            let custody = try #require(entries.first { $0["title"] as? String == "Custody contract" })
            #expect(custody["expectedOn"] as? String == soon && custody["keyDecision"] as? Bool == true)
            #expect(custody["notice"] as? String == "general-exception" && custody["private"] as? Bool == false)
            #expect(entries.contains { $0["private"] as? Bool == true && $0["schedule12AParagraph"] as? Int == 3 })
            #expect(json["noticeClearDays"] as? Int == 28)

            #expect(try await Browser.anonymous(client, "/bodies/no-such-body/forward-plan.json").status == .notFound)
            #expect(try await Browser.anonymous(client, "/bodies/no-such-body/forward-plan.ics").status == .notFound)
        }
    }

    @Test func anotherBodysClerkCannotKeepThisPlan() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("lpac.clerk@townhall.test", BackOffice.password)
            #expect(try await browser.get("/admin/bodies/harford-policing-board/plan").status == .forbidden)
            let csrf = try #require(try await browser.get("/admin/bodies/harford-lpac/plan").csrf)
            let posted = try await browser.post("/admin/bodies/harford-policing-board/plan", [("_csrf", csrf), ("title", "X"), ("date", "2040-01-01")])
            #expect(posted.status == .forbidden)
            #expect(try office.store.database.list(PlanEntry.self).count == 5)
        }
    }
}
