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

@Suite("Following by e-mail: confirm, alerts, digests, feeds, unsubscribe")
struct FollowTests {
    static let email = "resident@example.com"

    /// The newest message of a kind to an address.
    static func message(_ office: BackOffice, _ kind: NotificationKind, to recipient: String = email) throws -> OutboxMessage? {
        try office.store.database.outbox().last { $0.kind == kind && $0.recipient.lowercased() == recipient.lowercased() }
    }

    /// The first link in a message to a path starting `prefix`.
    static func link(_ message: OutboxMessage?, _ prefix: String) -> String? {
        guard let body = message?.body, let range = body.range(of: "{{site}}" + prefix) else { return nil }
        return String(body[range.lowerBound...].dropFirst("{{site}}".count).prefix { !$0.isWhitespace })
    }

    /// A new board meeting three weeks ahead with one item, agenda not yet published, and an exempt item of the
    /// board's on a published agenda.
    static func newMeeting(_ office: BackOffice) throws -> (meeting: Meeting, item: AgendaItem, exempt: AgendaItem) {
        let db = office.store.database, rule = office.store.rule
        let meeting = try db.addMeeting(
            body: "harford-policing-board", title: "Extraordinary meeting", startsAt: office.clock.now.addingTimeInterval(21 * 86_400), endsAt: nil,
            locationName: nil, address: nil, actor: .test)
        let item = try db.addAgendaItem(meetingId: meeting.id!, title: "Custody suites", type: .report, rule: rule, actor: .test)
        let exempt = try #require(try db.list(AgendaItem.self).first { $0.isExempt && $0.meetingId == office.boardMeeting.id })
        return (meeting, item, exempt)
    }

    /// Asks to follow through the form, as a resident would.
    static func ask(_ browser: inout Browser, _ target: FollowTarget, email: String = email, frequency: String = "instant") async throws -> Browser.Page {
        let form = try await browser.get(SiteURL.follow(target).path)
        return try await browser.post("/follow", [("_csrf", form.csrf ?? ""), ("kind", target.kind.rawValue), ("key", target.key), ("email", email),
                                                  ("frequency", frequency), ("website", "")])
    }

    /// Confirms through the link in the newest confirmation message; returns the follows page's path.
    static func confirm(_ browser: inout Browser, _ office: BackOffice, email: String = email) async throws -> String {
        let link = try #require(link(try message(office, .followConfirmation, to: email), "/follows/"))
        let page = try await browser.get(link)
        #expect(page.status == .ok && page.body.contains("Confirm and start following"))
        let done = try await browser.post(link, [("_csrf", page.csrf ?? "")])
        #expect(done.status == .seeOther)
        return String(link.dropLast("/confirm".count))
    }

    static func catchUp(_ office: BackOffice) throws -> Int {
        try office.store.database.recordPublicEvents(deadlines: try office.store.config.deadlines(), now: office.clock.now)
    }

    static func queue(_ office: BackOffice) throws -> Int {
        let messages = FollowMessages(siteName: "Townhall"), time = office.store.rule.time
        return try office.store.database.queueDueAlerts(now: office.clock.now) { messages.alerts($0, time: time) }
    }

    @Test func aConfirmedFollowerIsToldOfTheAgendaAndStopsInOneClick() async throws {
        let office = try BackOffice()
        let (meeting, _, _) = try Self.newMeeting(office)
        try await office.run { client in
            var browser = Browser(client)
            let page = try await browser.get(SiteURL.meeting(meeting.id!).path)
            #expect(page.body.contains("href=\"/follow?kind=meeting&amp;key=\(meeting.id!)\""), "the meeting page offers alerts")
            let sent = try await Self.ask(&browser, .meeting(meeting.id!))
            #expect(sent.status == .ok && sent.body.contains("Check your email"))
            #expect(sent.headers[.cacheControl] == "no-store")

            // Nothing is told before the address confirms.
            _ = try office.store.database.publishAgenda(meetingId: meeting.id!, at: office.clock.now, rule: office.store.rule, lateReason: "x", actor: .test)
            #expect(try Self.catchUp(office) >= 1)
            #expect(try Self.queue(office) == 0, "an unconfirmed follow is sent nothing")

            let manage = try await Self.confirm(&browser, office)
            let follows = try await browser.get(manage + "?changed=1")
            #expect(follows.body.contains("You are now following") && follows.body.contains("Extraordinary meeting"))

            _ = try office.store.database.setMeetingStatus(meetingId: meeting.id!, status: .postponed, reason: "The room is flooded", actor: .test)
            #expect(try Self.catchUp(office) == 1)
            #expect(try Self.queue(office) == 1)
            let alert = try #require(try Self.message(office, .alert))
            #expect(alert.subject.hasPrefix("Meeting postponed: Harford and Marsh Vale Policing Board: Extraordinary meeting"))
            #expect(alert.body.contains("Reason: The room is flooded") && alert.body.contains("{{site}}/meetings/\(meeting.id!)"))
            #expect(!alert.body.contains("Agenda published"), "what happened before the follow was confirmed is not sent")
            let token = try #require(alert.unsubscribeToken)
            let text = try Mailer(config: office.store.config).message(alert, date: office.clock.now)
            #expect(text.contains("\r\nList-Unsubscribe: <\(office.store.config.baseURL)/follows/\(token)/unsubscribe>\r\n"))
            #expect(text.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
            #expect(try Self.queue(office) == 0, "each alert is queued once")

            // RFC 8058: a bare POST, no cookie, no page.
            var mailProgram = Browser(client)
            let stopped = try await mailProgram.post("/follows/\(token)/unsubscribe", [("List-Unsubscribe", "One-Click")])
            #expect(stopped.status == .ok && stopped.body.contains("You have stopped following"))
            #expect(try office.store.database.follows().isEmpty)
            #expect(try await browser.get(manage).status == .notFound)
            _ = try office.store.database.setMeetingStatus(meetingId: meeting.id!, status: .cancelled, reason: "Not needed", actor: .test)
            #expect(try Self.catchUp(office) == 1)
            #expect(try Self.queue(office) == 0)
        }
    }

    @Test func theFormKeepsWhatWasTypedAndRefusesWhatCannotBeFollowed() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            let target = FollowTarget.body("harford-policing-board")
            let empty = try await Self.ask(&browser, target, email: "")
            #expect(empty.status == .unprocessableContent && empty.body.contains("There is a problem") && empty.body.contains("href=\"#email\""))
            let bad = try await Self.ask(&browser, target, email: "not an address", frequency: "hourly")
            #expect(bad.status == .unprocessableContent && bad.body.contains("value=\"not an address\"") && bad.body.contains("Choose how often"))
            #expect(try office.store.database.follows().isEmpty)

            let form = try await browser.get(SiteURL.follow(target).path)
            let forged = try await browser.post("/follow", [("_csrf", "forged"), ("kind", "body"), ("key", target.key), ("email", Self.email), ("frequency", "instant")])
            #expect(forged.status == .forbidden)
            let robot = try await browser.post("/follow", [("_csrf", form.csrf!), ("kind", "body"), ("key", target.key), ("email", Self.email),
                                                          ("frequency", "instant"), ("website", "http://spam.example")])
            #expect(robot.status == .ok && robot.body.contains("Check your email"))
            #expect(try office.store.database.follows().isEmpty, "the honeypot's filler is told it worked and nothing is stored")

            for uri in ["/follow?kind=meeting&key=999999", "/follow?kind=body&key=no-such-body", "/follow?kind=planet&key=mars", "/follow?kind=meeting&key=-1",
                        "/follow?kind=search&key=%20%2B%2B", "/follow", "/feeds/updates.atom?kind=meeting&key=999999"] {
                #expect(try await browser.get(uri).status == .notFound, "\(uri)")
            }
            let paper = try #require(try office.store.database.list(Paper.self).first { $0.status == .published })
            let police = try #require(try office.store.database.list(Organisation.self).first { $0.slug == "harford-police" })
            let draft = try office.store.database.addRecommendation(paperId: paper.id!, organisationId: police.id!, text: "Draft", now: office.clock.now, actor: .test)
            #expect(try await browser.get(SiteURL.follow(.recommendation(draft.id!)).path).status == .notFound, "a draft recommendation cannot be followed")
            for uri in ["/follows/0123", "/follows/0123/confirm", "/follows/0123/unsubscribe"] {
                let page = try await browser.get(uri)
                #expect(page.status == .notFound && page.body.contains("That link does not work"), "\(uri)")
            }
            var mailProgram = Browser(client)
            #expect(try await mailProgram.post("/follows/0123/unsubscribe", [("List-Unsubscribe", "One-Click")]).status == .notFound)
        }
    }

    @Test func confirmationsAndRequestsAreLimited() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            for _ in 0..<FollowLimits.confirmationsPerAddressPerDay {
                #expect(try await Self.ask(&browser, .body("harford-policing-board")).status == .ok)
            }
            let refused = try await Self.ask(&browser, .body("harford-policing-board"))
            #expect(refused.status == .tooManyRequests && refused.body.contains("confirmation emails to this address today"))
            #expect(try office.store.database.outbox().filter { $0.kind == .followConfirmation }.count == FollowLimits.confirmationsPerAddressPerDay)
            #expect(try office.store.database.follows().count == 1, "asking again is one follow")
            office.clock.advance(25 * 3600)
            #expect(try await Self.ask(&browser, .body("harford-policing-board")).status == .ok, "a day later the address may ask again")

            for index in 0..<(FollowLimits.requestsPerClientPerHour - 1) {
                _ = try await Self.ask(&browser, .body("harford-lpac"), email: "person\(index)@example.com")
            }
            let flood = try await Self.ask(&browser, .body("harford-lpac"), email: "one.more@example.com")
            #expect(flood.status == .tooManyRequests && flood.body.contains("from your connection"))
        }
    }

    @Test func aWeeklyFollowerGetsOneDigestAWeekAndOnlyWhatIsPublic() async throws {
        let office = try BackOffice()
        let (meeting, item, exempt) = try Self.newMeeting(office)
        let db = office.store.database
        try await office.run { client in
            var browser = Browser(client)
            _ = try await Self.ask(&browser, .body("harford-policing-board"), frequency: "weekly")
            _ = try await Self.confirm(&browser, office)
            _ = try Self.catchUp(office)
            _ = try db.publishAgenda(meetingId: meeting.id!, at: office.clock.now, rule: office.store.rule, lateReason: "x", actor: .test)
            let renderer = MarkdownRenderer()
            let open = try db.addPaper(itemId: item.id!, title: "Custody suite inspection", author: "Chief Constable", markdown: "# Findings\nAll well.",
                                       now: office.clock.now, actor: .test)
            _ = try db.publishPaper(id: open.id!, renderer: renderer, at: office.clock.now, rule: office.store.rule, lateReason: "x", actor: .test)
            let closed = try db.addPaper(itemId: exempt.id!, title: "Named officer's case", author: "Chief Constable", markdown: "Confidential",
                                         now: office.clock.now, actor: .test)
            _ = try db.publishPaper(id: closed.id!, renderer: renderer, at: office.clock.now, rule: office.store.rule, lateReason: "x", actor: .test)
            let withdrawn = try db.addPaper(itemId: item.id!, title: "Paper published then withdrawn", author: "Clerk", markdown: "Oops",
                                            now: office.clock.now, actor: .test)
            _ = try db.publishPaper(id: withdrawn.id!, renderer: renderer, at: office.clock.now, rule: office.store.rule, lateReason: "x", actor: .test)
            _ = try db.withdrawPaper(id: withdrawn.id!, reason: "Published in error", at: office.clock.now, actor: .test)
            #expect(try Self.catchUp(office) == 2, "the agenda and the open paper; never the exempt or the withdrawn one")
            #expect(try Self.queue(office) == 0, "a weekly follower waits for the week")

            let feed = try await browser.get(SiteURL.updatesFeed(.body("harford-policing-board")).path)
            #expect(feed.status == .ok && feed.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            #expect(feed.body.contains("Custody suite inspection") && feed.body.contains("Agenda published"))
            #expect(!feed.body.contains("Named officer") && !feed.body.contains("withdrawn"))

            office.clock.advance(FollowFrequency.digestInterval + 60)
            #expect(try Self.queue(office) == 1)
            let digest = try #require(try Self.message(office, .alert))
            #expect(digest.subject == "This week: 2 updates on Harford and Marsh Vale Policing Board")
            #expect(digest.body.contains("Paper published") && digest.body.contains("Custody suite inspection") && !digest.body.contains("Named officer"))
            #expect(try Self.queue(office) == 0)
        }
    }

    @Test func aSavedSearchIsToldOfMatchingPapers() async throws {
        let office = try BackOffice()
        let (meeting, item, _) = try Self.newMeeting(office)
        let db = office.store.database
        try await office.run { client in
            var browser = Browser(client)
            let search = try await browser.get("/search?q=Custody+SUITES")
            #expect(search.body.contains("href=\"/follow?kind=search&amp;key=custody%20suites\""))
            _ = try await Self.ask(&browser, try #require(FollowTarget(kind: "search", key: "Custody  SUITES")))
            _ = try await Self.confirm(&browser, office)
            _ = try Self.catchUp(office)
            _ = try db.publishAgenda(meetingId: meeting.id!, at: office.clock.now, rule: office.store.rule, lateReason: "x", actor: .test)
            for (title, text) in [("Custody suites review", "The custody suites are old."), ("Fleet replacement", "Vans and cars.")] {
                let paper = try db.addPaper(itemId: item.id!, title: title, author: "Clerk", markdown: text, now: office.clock.now, actor: .test)
                _ = try db.publishPaper(id: paper.id!, renderer: MarkdownRenderer(), at: office.clock.now, rule: office.store.rule, lateReason: "x", actor: .test)
            }
            _ = try Self.catchUp(office)
            #expect(try Self.queue(office) == 1)
            let alert = try #require(try Self.message(office, .alert))
            #expect(alert.subject.contains("Custody suites review") && !alert.body.contains("Fleet replacement"))
        }
    }

    @Test func theManagePageChangesFrequencyAndStopsEverything() async throws {
        let office = try BackOffice()
        let logs = CapturedLogs()
        try await office.run(logger: logs.logger) { client in
            var browser = Browser(client)
            _ = try await Self.ask(&browser, .body("harford-policing-board"))
            let manage = try await Self.confirm(&browser, office)
            _ = try await Self.ask(&browser, .organisation("harford-police"))
            _ = try await Self.confirm(&browser, office)
            let page = try await browser.get(manage)
            #expect(page.body.contains("Harford and Marsh Vale Policing Board") && page.body.contains("Harford and Marsh Vale Police"))
            let first = try #require(try office.store.database.follows().first)
            let weekly = try await browser.post(manage, [("_csrf", page.csrf!), ("follow", String(first.id!)), ("action", "weekly")])
            #expect(weekly.status == .seeOther)
            #expect(try office.store.database.follows().first?.frequency == .weekly)
            let forged = try await browser.post(manage, [("_csrf", "forged"), ("action", "stop-all")])
            #expect(forged.status == .forbidden)
            let again = try await browser.get(manage)
            let all = try await browser.post(manage, [("_csrf", again.csrf!), ("action", "stop-all")])
            #expect(all.status == .ok && all.body.contains("No more email alerts"))
            #expect(try office.store.database.follows().isEmpty)
        }
        let token = try #require(try Self.message(office, .followConfirmation).flatMap { Self.link($0, "/follows/") }?.split(separator: "/")[1])
        #expect(!logs.all.joined().contains(token), "a follower's token never reaches the log")
        #expect(logs.requests.contains { $0["path"] == "/follows/[token]/confirm" })
    }

    @Test func cancellingAMeetingNeedsAReasonThePublicSees() async throws {
        let office = try BackOffice()
        let (meeting, _, _) = try Self.newMeeting(office)
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await clerk.get("/admin/meetings/\(meeting.id!)")
            let refused = try await clerk.post("/admin/meetings/\(meeting.id!)/status", [("_csrf", page.csrf!), ("status", "cancelled"), ("statusReason", " ")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("Say why the meeting is cancelled") && refused.body.contains("href=\"#statusReason\""))
            #expect(try office.store.database.list(Meeting.self).first { $0.id == meeting.id }?.status == .scheduled)
            let done = try await clerk.post("/admin/meetings/\(meeting.id!)/status", [("_csrf", page.csrf!), ("status", "cancelled"), ("statusReason", "Not quorate")])
            #expect(done.status == .seeOther)
            let resident = try await Browser.anonymous(client, "/meetings/\(meeting.id!)")
            #expect(resident.body.contains("This meeting has been cancelled.") && resident.body.contains("Reason: Not quorate"))
        }
    }
}
