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

/// Taking part (issue 19): questions for a meeting and written evidence for an inquiry, from the resident's form
/// through the e-mailed confirmation to the clerk's decision and what the public then sees.
@Suite("Public questions and calls for evidence")
struct ContributionTests {
    static let email = "asker@example.com"

    static func newest(_ office: BackOffice, _ kind: NotificationKind, to recipient: String = email) throws -> OutboxMessage? {
        try office.store.database.outbox().last { $0.kind == kind && $0.recipient == recipient }
    }

    static func link(_ message: OutboxMessage?) -> String? { FollowTests.link(message, "/contributions/") }

    /// Fills in and sends a form as a resident would; returns the answer.
    static func send(_ browser: inout Browser, _ path: String, name: String = "Sam Asker", email: String = email, text: String,
                     organisation: String? = nil, file: (field: String, name: String, data: Data)? = nil, website: String = "") async throws -> Browser.Page {
        let form = try await browser.get(path)
        var fields = [("_csrf", form.csrf ?? ""), ("name", name), ("email", email), ("text", text), ("website", website)]
        if let organisation { fields.append(("organisation", organisation)) }
        if path.hasPrefix("/inquiries/") { return try await browser.upload(path, fields, file: file) }
        return try await browser.post(path, fields)
    }

    /// Uses the link in the newest confirmation message.
    static func confirm(_ browser: inout Browser, _ office: BackOffice, email: String = email) async throws -> Browser.Page {
        let link = try #require(link(try newest(office, .contributionConfirmation, to: email)))
        let page = try await browser.get(link)
        #expect(page.status == .ok && page.body.contains("Send it to the clerk"))
        return try await browser.post(link, [("_csrf", page.csrf ?? "")])
    }

    static func contribution(_ office: BackOffice, text: String) throws -> Contribution {
        try #require(try office.store.database.list(Contribution.self).first { $0.text == text })
    }

    // MARK: Rules

    @Test func questionsCloseAtTheEndOfTheLastWorkingDayLeavingTheClearDays() throws {
        let time = LocalTime()
        let holidays = try WorkingDays.load(file: packageRoot.appendingPathComponent("Config/bank-holidays.json").path)
        // Tuesday 29 December 2026: the 28th (Boxing Day's substitute) and the 25th are bank holidays, so the three
        // clear working days are the 22nd, 23rd and 24th, and questions close at the end of Monday the 21st.
        let meeting = try time.parseDateTime("2026-12-29 10:00")
        #expect(QuestionDeadline.lastDay(meetingStart: meeting, clearDays: 3, workingDays: holidays, time: time) == Day("2026-12-21"))
        let closes = try QuestionDeadline.closesAt(meetingStart: meeting, clearDays: 3, workingDays: holidays, time: time)
        #expect(closes == (try time.parseDateTime("2026-12-22 00:00")))
        // A Thursday meeting with no holidays near: Wednesday, Tuesday and Monday are clear, so Friday is the last day
        // (the Sunday the count lands on is not a working day).
        let thursday = try time.parseDateTime("2027-03-11 18:00")
        #expect(QuestionDeadline.lastDay(meetingStart: thursday, clearDays: 3, workingDays: holidays, time: time) == Day("2027-03-05"))
        #expect(QuestionDeadline.lastDay(meetingStart: thursday, clearDays: 0, workingDays: holidays, time: time) == Day("2027-03-10"))
    }

    @Test func draftsAndDecisionsAreCheckedOnce() throws {
        let blank = ContributionDraft(kind: .question, name: " ", email: "nope", text: "")
        #expect(blank.problems.map(\.0) == [.name, .email, .text])
        let long = ContributionDraft(kind: .question, name: "A", email: "a@example.org", text: String(repeating: "x", count: 2_001))
        #expect(long.problems.map(\.0) == [.text])
        #expect(ContributionDraft(kind: .evidence, name: "A", email: "a@example.org", text: String(repeating: "x", count: 2_001)).problems.isEmpty)
        #expect(ContributionDraft(kind: .question, name: "A\nB", email: "a@example.org", text: "q").problems.map(\.0) == [.name])

        var received = Contribution(windowId: 1, kind: .question, name: "A", email: "a@example.org", text: "q", token: "t", requestedAt: Date(),
                                    requestedFrom: "", state: .received)
        received.id = 1
        var accepted = received
        accepted.id = 2
        accepted.state = .accepted
        var elsewhere = accepted
        elsewhere.id = 3
        elsewhere.windowId = 9
        #expect(ContributionRules.problem(.accept, on: received) == nil)
        #expect(ContributionRules.problem(.accept, on: accepted) != nil, "decided once")
        #expect(ContributionRules.problem(.reject(reason: "  "), on: received) != nil, "a refusal needs its reason")
        #expect(ContributionRules.problem(.reject(reason: "Not about this meeting"), on: received) == nil)
        #expect(ContributionRules.problem(.merge(into: 2), on: received, target: accepted) == nil)
        #expect(ContributionRules.problem(.merge(into: 3), on: received, target: elsewhere) != nil, "another meeting's question")
        #expect(ContributionRules.problem(.merge(into: 1), on: received, target: received) != nil, "itself")
        #expect(ContributionRules.problem(.answer(text: "Yes", by: "The Chair"), on: received) != nil, "only accepted questions are answered")
        #expect(ContributionRules.problem(.answer(text: "Yes", by: ""), on: accepted) != nil, "who answered")
        #expect(ContributionRules.problem(.answer(text: "Yes", by: "The Chair"), on: accepted) == nil)
        var unconfirmed = received
        unconfirmed.state = .unconfirmed
        #expect(ContributionRules.problem(.accept, on: unconfirmed) != nil, "a clerk cannot act on what its sender never confirmed")
    }

    // MARK: Questions

    @Test func aQuestionIsConfirmedModeratedAnsweredAndPublished() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        let text = "Will the new custody suite be open to independent custody visitors?"
        try await office.run { client in
            var resident = Browser(client)
            let page = try await resident.get(SiteURL.meeting(meeting.id!).path)
            #expect(page.body.contains("href=\"/meetings/\(meeting.id!)/questions\""), "the meeting page offers the form")
            let form = try await resident.get(SiteURL.askQuestion(meeting: meeting.id!).path)
            #expect(form.body.contains("Your email address is never published"), "the form says what is published first")
            #expect(form.headers[.cacheControl] == "no-store")

            // Mistakes: every one beside its field, what was typed kept, nothing stored or sent.
            let wrong = try await Self.send(&resident, SiteURL.askQuestion(meeting: meeting.id!).path, name: "", email: "not-an-address", text: text)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains("href=\"#name\"") && wrong.body.contains("href=\"#email\"") && wrong.body.contains(text))
            #expect(try office.store.database.list(Contribution.self).allSatisfy { $0.text != text })

            let sent = try await Self.send(&resident, SiteURL.askQuestion(meeting: meeting.id!).path, text: text)
            #expect(sent.status == .ok && sent.body.contains("Check your email"))
            #expect(try Self.contribution(office, text: text).state == .unconfirmed)
            let mail = try #require(try Self.newest(office, .contributionConfirmation))
            #expect(!mail.body.contains(text), "the confirmation does not carry the sender's words to an address that may not be theirs")

            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let queue = SiteURL.adminContributions(body: "harford-policing-board").path
            #expect(try await clerk.get(queue).body.contains(text) == false, "a clerk sees nothing its sender has not confirmed")

            let confirmed = try await Self.confirm(&resident, office)
            #expect(confirmed.status == .seeOther)
            let id = try Self.contribution(office, text: text).id!
            let listed = try await clerk.get(queue)
            #expect(listed.status == .ok && listed.body.contains(text) && listed.body.contains(Self.email))
            #expect(!(try await resident.get(SiteURL.meeting(meeting.id!).path).body.contains(text)), "nothing is public before a decision")

            // Refusing without a reason is refused beside the field; accepting publishes.
            let noReason = try await clerk.post(SiteURL.adminContribution(id).path, [("_csrf", listed.csrf ?? ""), ("action", "reject"), ("reason-\(id)", " ")])
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("href=\"#reason-\(id)\""))
            let accepted = try await clerk.post(SiteURL.adminContribution(id).path, [("_csrf", listed.csrf ?? ""), ("action", "accept")])
            #expect(accepted.status == .seeOther)
            #expect(try Self.newest(office, .contributionDecision)?.subject.contains("accepted") == true)
            let published = try await resident.get(SiteURL.meeting(meeting.id!).path)
            #expect(published.body.contains(text) && published.body.contains("Sam Asker") && !published.body.contains(Self.email))
            #expect(published.body.contains("Not yet answered"))

            // A second asker of the same thing is merged: published as also asking, and told.
            _ = try await Self.send(&resident, SiteURL.askQuestion(meeting: meeting.id!).path, name: "Jo Second", email: "second@example.com",
                                    text: "Can custody visitors get into the new suite?")
            _ = try await Self.confirm(&resident, office, email: "second@example.com")
            let second = try Self.contribution(office, text: "Can custody visitors get into the new suite?").id!
            let merged = try await clerk.post(SiteURL.adminContribution(second).path,
                                              [("_csrf", listed.csrf ?? ""), ("action", "merge"), ("into-\(second)", String(id))])
            #expect(merged.status == .seeOther)
            #expect(try Self.newest(office, .contributionDecision, to: "second@example.com")?.subject.contains("merged") == true)

            let answered = try await clerk.post(SiteURL.adminContribution(id).path, [
                ("_csrf", listed.csrf ?? ""), ("action", "answer"), ("answer-\(id)", "Yes: the scheme covers every suite."), ("answeredBy-\(id)", "The Chair"),
            ])
            #expect(answered.status == .seeOther)
            let final = try await resident.get(SiteURL.meeting(meeting.id!).path)
            #expect(final.body.contains("Sam Asker, Jo Second") && final.body.contains("Yes: the scheme covers every suite.") && final.body.contains("The Chair"))
            #expect(!final.body.contains("Can custody visitors get into the new suite?"), "a merged question is named, not repeated")

            // The minutes' first draft carries the questions and answers under the item.
            let minutes = try await clerk.get(SiteURL.adminMinutes(meeting.id!).path)
            #expect(minutes.body.contains("Sam Asker, Jo Second") && minutes.body.contains("Yes: the scheme covers every suite."))

            // Deciding twice is refused and changes nothing.
            let again = try await clerk.post(SiteURL.adminContribution(second).path, [("_csrf", listed.csrf ?? ""), ("action", "accept")])
            #expect(again.status == .unprocessableContent)
        }
    }

    @Test func aRefusalIsToldToTheSenderWithItsReasonAndNeverPublished() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        let text = "Why is the chief constable paid so much?"
        try await office.run { client in
            var resident = Browser(client)
            _ = try await Self.send(&resident, SiteURL.askQuestion(meeting: meeting.id!).path, text: text)
            _ = try await Self.confirm(&resident, office)
            let id = try Self.contribution(office, text: text).id!
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let queue = try await clerk.get(SiteURL.adminContributions(body: "harford-policing-board").path)
            let refused = try await clerk.post(SiteURL.adminContribution(id).path,
                                               [("_csrf", queue.csrf ?? ""), ("action", "reject"), ("reason-\(id)", "Pay is set by the Home Office, not the Board.")])
            #expect(refused.status == .seeOther)
            let told = try #require(try Self.newest(office, .contributionDecision))
            #expect(told.body.contains("Pay is set by the Home Office, not the Board."))
            let page = try await resident.get(SiteURL.meeting(meeting.id!).path)
            #expect(!page.body.contains(text) && !page.body.contains("Pay is set by the Home Office"))
        }
    }

    @Test func afterTheDeadlineNothingIsTakenOrConfirmed() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        let window = try #require(try office.store.database.questionWindow(meetingId: meeting.id!))
        try await office.run { client in
            var resident = Browser(client)
            _ = try await Self.send(&resident, SiteURL.askQuestion(meeting: meeting.id!).path, text: "Sent in time, confirmed late")
            var slow = Browser(client)
            let opened = try await slow.get(SiteURL.askQuestion(meeting: meeting.id!).path)
            office.clock.advance(window.closesAt.timeIntervalSince(office.clock.now) + 1)
            let late = try await Self.confirm(&resident, office)
            #expect(late.status == .conflict && late.body.contains("deadline passed"))
            #expect(try Self.contribution(office, text: "Sent in time, confirmed late").state == .unconfirmed)
            let form = try await resident.get(SiteURL.askQuestion(meeting: meeting.id!).path)
            #expect(form.status == .ok && form.body.contains("This closed at") && !form.body.contains("name=\"text\""))
            let count = try office.store.database.list(Contribution.self).count
            // A form opened before the deadline and sent after it.
            let refused = try await slow.post(SiteURL.askQuestion(meeting: meeting.id!).path,
                                              [("_csrf", opened.csrf ?? ""), ("name", "Late"), ("email", "late@example.com"), ("text", "Too late?")])
            #expect(refused.status == .conflict && refused.body.contains("The deadline has passed") && refused.body.contains("Too late?"))
            #expect(try office.store.database.list(Contribution.self).count == count)
        }
    }

    @Test func limitsAndTheHoneypotKeepTheQueueClean() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        try await office.run { client in
            var resident = Browser(client)
            let path = SiteURL.askQuestion(meeting: meeting.id!).path
            let before = try office.store.database.list(Contribution.self).count
            let robot = try await Self.send(&resident, path, text: "Buy cheap watches", website: "https://spam.example")
            #expect(robot.status == .ok && robot.body.contains("Check your email"), "a robot is told it worked")
            #expect(try office.store.database.list(Contribution.self).count == before, "and nothing is stored or sent")
            for number in 1...ContributionLimits.perAddressPerDay {
                #expect(try await Self.send(&resident, path, text: "Question \(number)").status == .ok)
            }
            let over = try await Self.send(&resident, path, text: "One too many")
            #expect(over.status == .tooManyRequests && over.body.contains("One too many"), "refused, with the text kept")
            #expect(try office.store.database.list(Contribution.self).count == before + ContributionLimits.perAddressPerDay)
            let huge = try await Self.send(&resident, path, email: "other@example.com", text: String(repeating: "a", count: 2_500))
            #expect(huge.status == .unprocessableContent && huge.body.contains("2,000 characters or fewer"))
        }
    }

    @Test func questionsOpenOnlyWhereTheAgendaCanListThem() async throws {
        let office = try BackOffice()
        let db = office.store.database
        let deadlines = try office.store.config.deadlines()
        // The demo's past board meeting: held, agenda published, no questions item.
        let past = try #require(try db.list(Meeting.self).first { $0.bodyId == office.meetingBodyId && $0.startsAt < office.clock.now })
        #expect(throws: TownhallError.self) {
            try db.openQuestions(meetingId: past.id!, clearDays: 3, now: office.clock.now, deadlines: deadlines, rule: office.store.rule, actor: .test)
        }
        // A new meeting with an unpublished agenda gets the item added, once.
        let (meeting, _, _) = try FollowTests.newMeeting(office)
        let first = try db.openQuestions(meetingId: meeting.id!, clearDays: 3, now: office.clock.now, deadlines: deadlines, rule: office.store.rule, actor: .test)
        let again = try db.openQuestions(meetingId: meeting.id!, clearDays: 5, now: office.clock.now, deadlines: deadlines, rule: office.store.rule, actor: .test)
        #expect(first.id == again.id && again.clearDays == 5 && again.closesAt < first.closesAt)
        let items = try db.list(AgendaItem.self).filter { $0.meetingId == meeting.id && $0.itemType == .publicQuestions }
        #expect(items.count == 1 && items.first?.id == again.agendaItemId)
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await clerk.get(SiteURL.adminMeeting(past.id!).path)
            let refused = try await clerk.post(SiteURL.adminQuestions(meeting: past.id!).path, [("_csrf", page.csrf ?? ""), ("action", "open"), ("clearDays", "3")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("href=\"#clearDays\""))
            let nonsense = try await clerk.post(SiteURL.adminQuestions(meeting: meeting.id!).path, [("_csrf", page.csrf ?? ""), ("action", "open"), ("clearDays", "three")])
            #expect(nonsense.status == .unprocessableContent && nonsense.body.contains("value=\"three\""), "what was typed is kept")
            let closed = try await clerk.post(SiteURL.adminQuestions(meeting: meeting.id!).path, [("_csrf", page.csrf ?? ""), ("action", "close")])
            #expect(closed.status == .seeOther)
            #expect(try db.questionWindow(meetingId: meeting.id!)?.isOpen(at: office.clock.now) == false)
        }
    }

    // MARK: Evidence

    @Test func writtenEvidenceWithAFileIsModeratedThenPublishedOnTheInquiry() async throws {
        let office = try BackOffice()
        let path = SiteURL.submitEvidence(inquiry: "winter-urgent-care").path
        let text = "Our survey of 300 carers found that discharge letters arrive after the patient does."
        let bytes = Data("question,answer\nLetter before discharge?,31%\n".utf8)
        try await office.run { client in
            var resident = Browser(client)
            let inquiry = try await resident.get(SiteURL.inquiry(slug: "winter-urgent-care").path)
            #expect(inquiry.body.contains("href=\"\(path)\""), "the inquiry page offers the form")

            let wrongType = try await Self.send(&resident, path, text: text, file: ("file", "survey.exe", Data("MZ".utf8)))
            #expect(wrongType.status == .unprocessableContent && wrongType.body.contains("href=\"#file\"") && wrongType.body.contains(text))

            let sent = try await Self.send(&resident, path, text: text, organisation: "Harford Carers' Forum", file: ("file", "survey.csv", bytes))
            #expect(sent.status == .ok && sent.body.contains("Check your email"))
            _ = try await Self.confirm(&resident, office)
            let evidence = try Self.contribution(office, text: text)
            #expect(evidence.fileName == "survey.csv" && evidence.state == .received)
            #expect(try await resident.get(SiteURL.evidence(evidence.id!).path).status == .notFound, "not public before a decision")
            #expect(try await resident.get(SiteURL.evidenceFile(evidence.id!).path).status == .notFound)

            var board = Browser(client)
            try await board.signIn("board.clerk@townhall.test", BackOffice.password)
            let boardPage = try await board.get("/admin")
            #expect(try await board.get(SiteURL.adminContributionFile(evidence.id!).path).status == .forbidden, "another body's clerk")
            #expect(try await board.post(SiteURL.adminContribution(evidence.id!).path, [("_csrf", boardPage.csrf ?? ""), ("action", "accept")]).status == .forbidden)
            #expect(try await board.post(SiteURL.adminEvidenceCall(inquiry: "winter-urgent-care").path,
                                         [("_csrf", boardPage.csrf ?? ""), ("action", "close")]).status == .forbidden)

            var clerk = Browser(client)
            try await clerk.signIn("lpac.clerk@townhall.test", BackOffice.password)
            let queue = try await clerk.get(SiteURL.adminContributions(body: "harford-lpac").path)
            #expect(queue.body.contains(text) && queue.body.contains(SiteURL.adminContributionFile(evidence.id!).path))
            let download = try await clerk.get(SiteURL.adminContributionFile(evidence.id!).path)
            #expect(download.status == .ok && download.body == String(decoding: bytes, as: UTF8.self) && download.headers[.cacheControl] == "no-store")
            #expect(try await clerk.post(SiteURL.adminContribution(evidence.id!).path, [("_csrf", queue.csrf ?? ""), ("action", "accept")]).status == .seeOther)

            let page = try await resident.get(SiteURL.evidence(evidence.id!).path)
            #expect(page.status == .ok && page.body.contains(text) && page.body.contains("Harford Carers&#39; Forum") && !page.body.contains(Self.email))
            let file = try await resident.get(SiteURL.evidenceFile(evidence.id!).path)
            #expect(file.status == .ok && file.body == String(decoding: bytes, as: UTF8.self))
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(try await resident.get(SiteURL.inquiry(slug: "winter-urgent-care").path).body.contains(SiteURL.evidence(evidence.id!).path))

            // The clerk moves the closing day into the past: refused beside the field; closing now works.
            let past = try await clerk.post(SiteURL.adminEvidenceCall(inquiry: "winter-urgent-care").path,
                                            [("_csrf", queue.csrf ?? ""), ("action", "open"), ("closesOn", "2001-01-01")])
            #expect(past.status == .unprocessableContent && past.body.contains("href=\"#closesOn-winter-urgent-care\"") && past.body.contains("2001-01-01"))
            #expect(try await clerk.post(SiteURL.adminEvidenceCall(inquiry: "winter-urgent-care").path,
                                         [("_csrf", queue.csrf ?? ""), ("action", "close")]).status == .seeOther)
            let closed = try await resident.get(path)
            #expect(closed.body.contains("This closed at"))
        }
    }

    @Test func aFileOverTheUploadLimitIsRefusedBeforeItIsRead() async throws {
        let office = try BackOffice(maxUploadBytes: 1_000)
        try await office.run { client in
            var resident = Browser(client)
            let page = try await Self.send(&resident, SiteURL.submitEvidence(inquiry: "winter-urgent-care").path, text: "Big file",
                                           file: ("file", "big.pdf", Data(repeating: 0x25, count: 300_000)))
            #expect(page.status == .contentTooLarge && page.body.contains("href=\"#file\""))
        }
    }
}
