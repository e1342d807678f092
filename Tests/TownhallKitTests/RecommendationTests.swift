import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// Recommendations from issue to response: who may see and answer what, and what the public reads.
@Suite("Recommendations and responses")
struct RecommendationTests {
    /// The demo's LPAC briefing paper (published, public) and the NHS trust, with a responder account for it.
    struct Fixture {
        let office: BackOffice
        let paper: Paper
        let trust: Organisation
        var db: AppDatabase { office.store.database }
        var deadlines: Deadlines { try! office.store.config.deadlines() }

        init() throws {
            office = try BackOffice()
            paper = try office.store.database.list(Paper.self).first { $0.title.hasPrefix("Briefing: discharge delays") }!
            trust = try office.store.database.list(Organisation.self).first { $0.slug == "harford-nhs" }!
            _ = try office.store.database.addUser(
                email: "responses@nhs.test", name: "Nia NHS", role: .provider, organisation: "harford-nhs", password: BackOffice.password,
                bodies: [], policy: .testing, actor: .test)
        }

        /// Two recommendations to the trust on the briefing, issued now.
        func issueTwo() throws -> [Recommendation] {
            _ = try db.addRecommendation(paperId: paper.id!, organisationId: trust.id!, text: "Publish discharge data weekly.", now: office.clock.now, actor: .test)
            _ = try db.addRecommendation(paperId: paper.id!, organisationId: trust.id!, text: "Fund weekend pharmacy.", now: office.clock.now, actor: .test)
            return try db.issueRecommendations(
                paperId: paper.id!, at: office.clock.now, deadlines: deadlines, authority: "Chair's action (test)", actor: .test)
        }
    }

    @Test func clerkIssuesProviderRespondsResidentReads() async throws {
        let fixture = try Fixture()
        let paperId = fixture.paper.id!
        try await fixture.office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("lpac.clerk@townhall.test", BackOffice.password)
            let page = try await clerk.get("/admin/papers/\(paperId)")
            #expect(page.body.contains("Add draft recommendation"))
            let csrf = page.csrf!
            let missing = try await clerk.post("/admin/papers/\(paperId)/recommendations", [("_csrf", csrf), ("recommendation", "Kept text")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.body.contains("Select the organisation"))
            #expect(missing.body.contains("Kept text"))
            for text in ["Publish discharge data weekly.", "Fund weekend pharmacy."] {
                let added = try await clerk.post("/admin/papers/\(paperId)/recommendations", [
                    ("_csrf", csrf), ("organisation", String(fixture.trust.id!)), ("recommendation", text),
                ])
                #expect(added.status == .seeOther)
            }
            // Drafts are not public.
            #expect(!(try await Browser.anonymous(client, "/recommendations")).body.contains("Fund weekend pharmacy."))
            // Issuing is confirmed on a page listing each recommendation and addressee. The briefing's meeting has
            // no decision recorded on its item, so issuing needs the delegated authority; without one nothing is sent.
            let confirm = try await clerk.get("/admin/papers/\(paperId)/recommendations/issue")
            #expect(confirm.status == .ok)
            #expect(confirm.body.contains("<td>Fund weekend pharmacy.</td><td>Harford and Marsh NHS Foundation Trust</td>"))
            #expect(confirm.body.contains("Delegated authority") && !confirm.body.contains("No responder account"))
            let refused = try await clerk.post("/admin/papers/\(paperId)/recommendations/issue", [("_csrf", csrf), ("authority", "  ")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("before issuing its recommendations, or the delegated authority under which they are issued"))
            #expect(try fixture.db.list(Recommendation.self).filter { $0.paperId == paperId }.allSatisfy { $0.status == .draft })
            #expect(try fixture.db.outbox().filter { $0.kind == .issued }.isEmpty, "nothing sent")
            #expect(try await clerk.post("/admin/papers/\(paperId)/recommendations/issue", [
                ("_csrf", csrf), ("authority", "Chair's action under the scheme of delegation"),
            ]).status == .seeOther)
            let issued = try fixture.db.list(Recommendation.self).filter { $0.paperId == paperId }
            #expect(issued.count == 2 && issued.allSatisfy { $0.status == .issued && $0.dueOn != nil })
            #expect(issued.allSatisfy { $0.issueAuthority == "Chair's action under the scheme of delegation" })
            let recommendationPage = try await Browser.anonymous(client, "/recommendations/\(issued[0].id!)")
            #expect(recommendationPage.body.contains("under delegated authority: Chair&#39;s action under the scheme of delegation"))
            let expectedDue = fixture.deadlines.dueDay(rule: ResponseRule(count: 2, unit: .calendarMonths), issuedAt: fixture.office.clock.now)
            #expect(issued[0].dueOn == expectedDue.description)
            let issuedMail = try fixture.db.outbox().filter { $0.kind == .issued }
            #expect(issuedMail.map(\.recipient) == ["responses@nhs.test"], "one message to the trust's responder, none to the police")

            var provider = Browser(client)
            let signedIn = try await provider.signIn("responses@nhs.test", BackOffice.password)
            #expect(signedIn.location == "/provider")
            let dashboard = try await provider.get("/provider")
            #expect(dashboard.body.contains("Fund weekend pharmacy."))
            #expect(!dashboard.body.contains("20-minute target"), "the police's recommendation is not the trust's")
            let form = try await provider.get("/provider/reports/\(paperId)")
            let (first, second) = (issued[0].id!, issued[1].id!)
            let incomplete = try await provider.post("/provider/reports/\(paperId)", [
                ("_csrf", form.csrf!), ("basedOn", "0"), ("action", "submit"),
                ("decision-\(first)", "accepted"), ("action-\(first)", "Weekly dashboard"), ("target-\(first)", "2027-06-30"),
                ("decision-\(second)", "rejected"), ("reasons-\(second)", ""),
            ])
            #expect(incomplete.status == .unprocessableContent)
            #expect(incomplete.body.contains("Give your reasons for rejecting recommendation 2"))
            #expect(incomplete.body.contains("Weekly dashboard"), "what was typed is kept")
            #expect(try fixture.db.list(ProviderResponse.self).filter { $0.paperId == paperId }.isEmpty, "nothing saved")
            let saved = try await provider.post("/provider/reports/\(paperId)", [
                ("_csrf", form.csrf!), ("basedOn", "0"), ("action", "save"), ("decision-\(first)", "accepted"),
            ])
            #expect(saved.location == "/provider/reports/\(paperId)?saved=1")
            #expect(!(try await Browser.anonymous(client, "/recommendations/\(first)")).body.contains("Responded"), "a draft is not public")
            let submitted = try await provider.post("/provider/reports/\(paperId)", [
                ("_csrf", form.csrf!), ("basedOn", "0"), ("action", "submit"),
                ("decision-\(first)", "accepted"), ("action-\(first)", "Weekly dashboard"), ("target-\(first)", "2027-06-30"),
                ("decision-\(second)", "rejected"), ("reasons-\(second)", "Costs £310,000 a year."),
            ])
            #expect(submitted.status == .seeOther)
            #expect(try fixture.db.outbox().filter { $0.kind == .responseReceived }.map(\.recipient) == ["lpac.clerk@townhall.test"])

            let tracker = try await Browser.anonymous(client, "/recommendations?organisation=harford-nhs&state=rejected")
            #expect(tracker.body.contains("Fund weekend pharmacy."))
            #expect(!tracker.body.contains("Publish discharge data weekly."), "filtered to rejections")
            let publicPage = try await Browser.anonymous(client, "/recommendations/\(second)")
            #expect(publicPage.body.contains("Costs £310,000 a year."))
            #expect(publicPage.body.contains("Responded: rejected"))
            let record = try await Browser.anonymous(client, "/organisations/harford-nhs")
            #expect(record.status == .ok && record.body.contains("Answered on time"))
            // The people who answer for it are named; their addresses are not.
            #expect(record.body.contains("Responses are made for it by: Nia NHS.") && !record.body.contains("responses@nhs.test"))

            // The clerk refers the rejection; then nothing but closing is allowed.
            let refer = try await clerk.post("/admin/recommendations/\(second)/refer", [
                ("_csrf", csrf), ("referTo", "harford-health-and-wellbeing-board"), ("referNote", "For the joint plan."),
            ])
            #expect(refer.status == .seeOther)
            let extend = try await clerk.post("/admin/recommendations/\(second)/extend", [("_csrf", csrf), ("newDue", "2030-01-01"), ("reason", "x")])
            #expect(extend.status == .conflict)
            #expect((try await Browser.anonymous(client, "/recommendations/\(second)")).body.contains("Referred to Harford Health and Wellbeing Board"))
            // The outcome, when it comes, is recorded and public; an empty one is refused with the form kept.
            let empty = try await clerk.post("/admin/recommendations/\(second)/referral-outcome", [("_csrf", csrf), ("outcome", " "), ("outcomeOn", "")])
            #expect(empty.status == .unprocessableContent && empty.body.contains("id=\"outcome-error\""))
            let outcome = try await clerk.post("/admin/recommendations/\(second)/referral-outcome", [
                ("_csrf", csrf), ("outcome", "The board adopted it in the joint plan."), ("outcomeOn", "")])
            #expect(outcome.status == .seeOther)
            #expect((try await Browser.anonymous(client, "/recommendations/\(second)")).body.contains(":</strong> The board adopted it in the joint plan."))
            // Recorded once: the form goes, and a second is refused.
            #expect(!(try await clerk.get("/admin/recommendations/\(second)").body.contains("Record the referral")))
            let again = try await clerk.post("/admin/recommendations/\(second)/referral-outcome", [("_csrf", csrf), ("outcome", "Changed")])
            #expect(again.status == .conflict)
        }
    }

    /// A missing or unreal target date is reported against the target field itself: the summary links to it and
    /// the field is marked, with the rest of the answer kept.
    /// Issue 16: the body's recommendations go out once the meeting has been held and has decided on the item, or
    /// under a delegated authority the clerk records; the store refuses otherwise, whoever asks.
    @Test func recommendationsWaitForTheMeetingsDecision() throws {
        let fixture = try Fixture()
        let db = fixture.db
        let item = try #require(try db.list(AgendaItem.self).first { $0.id == fixture.paper.agendaItemId })
        _ = try db.addRecommendation(paperId: fixture.paper.id!, organisationId: fixture.trust.id!, text: "Publish data.",
                                     now: fixture.office.clock.now, actor: .test)
        func issue(_ authority: String? = nil) throws -> [Recommendation] {
            try db.issueRecommendations(paperId: fixture.paper.id!, at: fixture.office.clock.now, deadlines: fixture.deadlines,
                                        authority: authority, actor: .test)
        }
        func refusal(_ authority: String? = nil) -> String {
            do { _ = try issue(authority); return "issued" } catch let error as TownhallError { return error.message } catch { return "\(error)" }
        }
        _ = try db.setMeetingStatus(meetingId: item.meetingId, status: .postponed, reason: "Room flooded", actor: .test)
        #expect(refusal().contains("once the meeting that considered the report has been held"))
        _ = try db.setMeetingStatus(meetingId: item.meetingId, status: .held, actor: .test)
        #expect(refusal(" ").contains("record the meeting's decision on item \(item.number)"), "a blank authority is none")
        #expect(try db.list(Recommendation.self).filter { $0.paperId == fixture.paper.id }.allSatisfy { $0.status == .draft })
        _ = try db.updateAgendaItem(id: item.id!, title: item.title, type: item.itemType, exemption: nil,
                                    decision: "The committee noted the evidence and agreed to recommend weekly data.", actor: .test)
        let issued = try issue()
        #expect(issued.count == 1 && issued[0].status == .issued && issued[0].issueAuthority == nil)
    }

    @Test func eachAddresseeGetsThePeriodForItsKind() throws {
        let fixture = try Fixture()
        let db = fixture.db
        let statutory = ResponseRule(count: 2, unit: .monthsBeginningWith)
        _ = try db.setResponseRule(body: "harford-lpac", rule: statutory, for: .nhsTrust, dueSoon: nil, longOverdue: nil, actor: .test)
        let council = try #require(try db.list(Organisation.self).first { $0.slug == "harford-council" })
        _ = try db.addRecommendation(paperId: fixture.paper.id!, organisationId: fixture.trust.id!, text: "Publish data.",
                                     now: fixture.office.clock.now, actor: .test)
        _ = try db.addRecommendation(paperId: fixture.paper.id!, organisationId: council.id!, text: "Fund reablement.",
                                     now: fixture.office.clock.now, actor: .test)
        let issued = try db.issueRecommendations(paperId: fixture.paper.id!, at: fixture.office.clock.now, deadlines: fixture.deadlines,
                                                 authority: "Chair's action (test)", actor: .test)
        let today = fixture.deadlines.time.calendarDay(of: fixture.office.clock.now)
        let trustDue = statutory.due(issued: today, workingDays: fixture.deadlines.workingDays)
        let councilDue = ResponseRule(count: 2, unit: .calendarMonths).due(issued: today, workingDays: fixture.deadlines.workingDays)
        #expect(issued.first { $0.organisationId == fixture.trust.id }?.dueOn == trustDue.description)
        #expect(issued.first { $0.organisationId == council.id }?.dueOn == councilDue.description)
        let mail = try #require(try db.outbox().first { $0.kind == .issued && $0.recipient == "responses@nhs.test" })
        #expect(mail.body.contains("(2 months beginning with the day of issue)."))
    }

    @Test func theConfirmationPageWarnsOfAnAddresseeNobodyCanAnswerFor() async throws {
        let fixture = try Fixture()
        let academies = try #require(try fixture.db.list(Organisation.self).first { $0.slug == "vale-academies" })
        _ = try fixture.db.addRecommendation(paperId: fixture.paper.id!, organisationId: academies.id!, text: "Share attendance data.",
                                             now: fixture.office.clock.now, actor: .test)
        try await fixture.office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("lpac.clerk@townhall.test", BackOffice.password)
            let confirm = try await clerk.get("/admin/papers/\(fixture.paper.id!)/recommendations/issue")
            #expect(confirm.body.contains("Vale Academies Trust <strong class=\"tag tag--red\">No responder account</strong>"))
            #expect(confirm.body.contains("no active responder account: Vale Academies Trust;"))
            #expect(try fixture.db.list(Recommendation.self).first { $0.organisationId == academies.id }?.status == .draft,
                    "looking at the page sends nothing")
        }
    }

    @Test func aMissingTargetDateLinksToAndMarksTheTargetField() async throws {
        let fixture = try Fixture()
        let paperId = fixture.paper.id!
        let id = try fixture.issueTwo()[0].id!
        try await fixture.office.run { client in
            var provider = Browser(client)
            try await provider.signIn("responses@nhs.test", BackOffice.password)
            let form = try await provider.get("/provider/reports/\(paperId)")
            for target in ["", "2027-02-30"] {
                let page = try await provider.post("/provider/reports/\(paperId)", [
                    ("_csrf", form.csrf!), ("basedOn", "0"), ("action", "submit"),
                    ("decision-\(id)", "accepted"), ("action-\(id)", "Weekly dashboard kept"), ("target-\(id)", target),
                ])
                #expect(page.status == .unprocessableContent)
                #expect(page.body.contains("<a href=\"#target-\(id)\">"), "the summary links to the target field")
                #expect(page.body.contains("id=\"target-\(id)-error\""), "the target field shows its error")
                #expect(page.body.contains("Weekly dashboard kept"))
            }
        }
    }

    @Test func providersCannotSeeOrAnswerAnotherOrganisationsRecommendations() async throws {
        let fixture = try Fixture()
        let issued = try fixture.issueTwo()
        let paperId = fixture.paper.id!
        try await fixture.office.run { client in
            var police = Browser(client)
            try await police.signIn("responses@police.test", BackOffice.password)
            let csrf = try await police.get("/provider").csrf!
            #expect(try await police.get("/provider/reports/\(paperId)").status == .forbidden)
            let answer = try await police.post("/provider/reports/\(paperId)", [
                ("_csrf", csrf), ("basedOn", "0"), ("action", "submit"), ("decision-\(issued[0].id!)", "rejected"), ("reasons-\(issued[0].id!)", "x"),
            ])
            #expect(answer.status == .forbidden)
            let progress = try await police.post("/provider/recommendations/\(issued[0].id!)/progress", [("_csrf", csrf), ("status-\(issued[0].id!)", "implemented")])
            #expect(progress.status == .forbidden)
            // Clerks and residents are not providers.
            var clerk = Browser(client)
            try await clerk.signIn("lpac.clerk@townhall.test", BackOffice.password)
            #expect(try await clerk.get("/provider").status == .forbidden)
            #expect(try await Browser.anonymous(client, "/provider").status == .seeOther)
            // And providers are not clerks.
            #expect(try await police.get("/admin/recommendations").status == .forbidden)
            #expect(try await police.get("/admin/recommendations/\(issued[0].id!)").status == .forbidden)
        }
        #expect(try fixture.db.list(ProviderResponse.self).filter { $0.paperId == paperId }.isEmpty)
        #expect(try fixture.db.list(ImplementationUpdate.self).filter { $0.recommendationId == issued[0].id }.isEmpty)
    }

    @Test func concurrentSubmissionsOfTheSameResponseExactlyOneWins() async throws {
        let fixture = try Fixture()
        let issued = try fixture.issueTwo()
        let db = fixture.db, deadlines = fixture.deadlines, paperId = fixture.paper.id!, trustId = fixture.trust.id!
        func answers(_ tag: String) -> [Int64: ResponseAnswer] {
            [issued[0].id!: ResponseAnswer(decision: .rejected, reasons: "reason \(tag)"),
             issued[1].id!: ResponseAnswer(decision: .rejected, reasons: "reason \(tag)")]
        }
        let outcomes = await withTaskGroup(of: String?.self) { group in
            for tag in (1...8).map(String.init) {
                group.addTask {
                    do {
                        _ = try db.submitResponse(
                            paperId: paperId, organisationId: trustId, answers: answers(tag), basedOnVersion: 0, now: Date(),
                            deadlines: deadlines, actor: .test)
                        return tag
                    } catch TownhallError.conflict {
                        return nil
                    } catch {
                        return "unexpected \(error)"
                    }
                }
            }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        let winners = outcomes.compactMap { $0 }
        #expect(winners.count == 1, "\(outcomes)")
        let responses = try db.list(ProviderResponse.self).filter { $0.paperId == paperId }
        #expect(responses.count == 1 && responses[0].status == .submitted && responses[0].version == 1)
        let items = try db.list(ResponseItem.self).filter { $0.responseId == responses.first?.id }
        #expect(items.count == 2 && items.allSatisfy { $0.reasons == "reason \(winners[0])" }, "one whole response, not a mix")
        // A submitted response is immutable, even to a direct write.
        #expect(throws: DatabaseError.self) {
            try db.writer.write { db in try db.execute(sql: "UPDATE responseItem SET reasons = 'changed' WHERE responseId = ?", arguments: [responses.first?.id]) }
        }
        // A correction is a new version; the first stays.
        _ = try db.submitResponse(
            paperId: paperId, organisationId: trustId, answers: answers("correction"), basedOnVersion: 1, now: Date(), deadlines: deadlines, actor: .test)
        #expect(try db.list(ProviderResponse.self).filter { $0.paperId == paperId }.map(\.version) == [1, 2])
        let detail = try await db.recommendationDetail(id: issued[0].id!, deadlines: deadlines, now: Date())!
        #expect(detail.answers.map(\.item.reasons) == ["reason correction", "reason \(winners[0])"])
    }

    @Test func clerkActionsFollowTheStateMachine() async throws {
        let fixture = try Fixture()
        let issued = try fixture.issueTwo()
        let db = fixture.db, deadlines = fixture.deadlines, now = fixture.office.clock.now
        let id = issued[0].id!
        #expect(throws: TownhallError.self) { try db.extendDeadline(recommendationId: id, to: Day("2020-01-01")!, reason: "x", at: now, deadlines: deadlines, actor: .test) }
        #expect(throws: TownhallError.self) { try db.extendDeadline(recommendationId: id, to: Day("2040-01-01")!, reason: " ", at: now, deadlines: deadlines, actor: .test) }
        #expect(throws: TownhallError.self) { try db.referRecommendation(id: id, to: "ofsted", note: "", at: now, deadlines: deadlines, actor: .test) }
        #expect(throws: TownhallError.self) { try db.closeRecommendation(id: id, note: "", at: now, deadlines: deadlines, actor: .test) }
        #expect(throws: TownhallError.self) {
            try db.addImplementationUpdate(recommendationId: id, status: .planned, note: "x", targetDate: nil, at: now, deadlines: deadlines, actor: .test)
        }
        try db.extendDeadline(recommendationId: id, to: Day("2040-01-01")!, reason: "Trust board meets late", at: now, deadlines: deadlines, actor: .test)
        #expect(try db.list(Recommendation.self).first { $0.id == id }?.dueOn == "2040-01-01")
        _ = try db.submitResponse(
            paperId: fixture.paper.id!, organisationId: fixture.trust.id!,
            answers: [id: ResponseAnswer(decision: .accepted, action: "Do it", targetDate: "2027-06-30"),
                      issued[1].id!: ResponseAnswer(decision: .partiallyAccepted, reasons: "Half", action: "Some", targetDate: "2027-06-30")],
            basedOnVersion: 0, now: now, deadlines: deadlines, actor: .test)
        #expect(throws: TownhallError.self) { try db.referRecommendation(id: id, to: "ofsted", note: "", at: now, deadlines: deadlines, actor: .test) }
        _ = try db.addImplementationUpdate(recommendationId: id, status: .implemented, note: "Done", targetDate: nil, at: now, deadlines: deadlines, actor: .test)
        try db.referRecommendation(id: issued[1].id!, to: "harford-health-and-wellbeing-board", note: "", at: now, deadlines: deadlines, actor: .test)
        try db.closeRecommendation(id: id, note: "Implemented", at: now, deadlines: deadlines, actor: .test)
        #expect(throws: TownhallError.self) { try db.closeRecommendation(id: id, note: "", at: now, deadlines: deadlines, actor: .test) }
        #expect(throws: TownhallError.self) {
            try db.submitResponse(paperId: fixture.paper.id!, organisationId: fixture.trust.id!, answers: [:], basedOnVersion: 1, now: now,
                                  deadlines: deadlines, actor: .test)
        }
        let tracked = try await db.trackedRecommendations(RecommendationScope(paperId: fixture.paper.id!), deadlines: deadlines, now: now)
        #expect(tracked.sorted { $0.recommendation.number < $1.recommendation.number }.map(\.state) == [.closed, .referred])
    }

    @Test func notifyRunDeliversThroughASendmailProgramAndRetriesFailures() throws {
        let fixture = try Fixture()
        _ = try fixture.issueTwo()
        let mailbox = try TemporaryDirectory()
        let good = mailbox.path("capture.sh"), bad = mailbox.path("refuse.sh")
        try "#!/bin/sh\ncat > \"\(mailbox.path("mail"))-$$.eml\"\n".write(toFile: good, atomically: true, encoding: .utf8)
        try "#!/bin/sh\ncat > /dev/null\necho 'relay refused the message' >&2\nexit 75\n".write(toFile: bad, atomically: true, encoding: .utf8)
        for script in [good, bad] { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script) }
        var config = fixture.office.store.config
        config.baseURL = "https://townhall.example"
        config.sendmailCommand = bad
        let now = fixture.office.clock.now

        // Pending: the issue notice to the trust, and (from the demo) an overdue notice about the council to the LPAC clerk.
        let failed = try Mailer(config: config).run(database: fixture.db, deadlines: fixture.deadlines, now: now)
        #expect(failed == Mailer.RunSummary(queued: 1, sent: 0, failed: 2))
        let waiting = try fixture.db.outbox().first { $0.kind == .issued }!
        #expect(waiting.sentAt == nil && waiting.attempts == 1)
        #expect(waiting.lastError?.contains("relay refused the message") == true)
        #expect(try fixture.db.pendingMessages(now: now).isEmpty, "not retried before its back-off")

        config.sendmailCommand = good
        let retried = try Mailer(config: config).run(database: fixture.db, deadlines: fixture.deadlines, now: now.addingTimeInterval(3600))
        #expect(retried.sent == 2 && retried.failed == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: mailbox.url.path).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 2)
        let mails = try files.map { try String(contentsOfFile: mailbox.path($0), encoding: .utf8) }
        let mail = try #require(mails.first { $0.contains("To: responses@nhs.test\r\n") })
        #expect(mail.contains("To: responses@nhs.test\r\n"))
        #expect(mail.contains("Subject: Recommendations for you from Harford Local Public Accounts Committee"))
        #expect(mail.contains("https://townhall.example/provider/reports/\(fixture.paper.id!)"))
        #expect(try fixture.db.outbox().allSatisfy { $0.sentAt != nil })

        // Time passes: due-soon and overdue notices are queued once each, however often the run happens.
        let late = now.addingTimeInterval(80 * 86_400)
        _ = try fixture.db.enqueueDeadlineNotices(deadlines: fixture.deadlines, now: late)
        #expect(try fixture.db.enqueueDeadlineNotices(deadlines: fixture.deadlines, now: late) == 0, "nothing queued twice")
        let ours = try fixture.db.outbox().filter { $0.kind == .overdue && ($0.body.contains("Fund weekend") || $0.body.contains("Publish discharge")) }
        #expect(ours.map(\.recipient).sorted()
                == ["lpac.clerk@townhall.test", "lpac.clerk@townhall.test", "responses@nhs.test", "responses@nhs.test"],
                "responder and LPAC clerk, for each of the two overdue recommendations")
    }

    /// A target date must be a real day on or after the issue date, checked before anything is saved, a draft
    /// included (a target in 2020 used to be accepted and then stood in the public record).
    @Test func targetDatesAreRealAndNotBeforeTheIssueDate() async throws {
        let fixture = try Fixture()
        let issued = try fixture.issueTwo()
        let db = fixture.db, deadlines = fixture.deadlines, now = fixture.office.clock.now
        let (first, second) = (issued[0].id!, issued[1].id!)
        let issuedOn = deadlines.time.calendarDay(of: now)
        for bad in ["2020-01-15", "2027-02-30", "next spring", issuedOn.adding(days: -1).description] {
            let answers = [first: ResponseAnswer(decision: .accepted, action: "Weekly dashboard", targetDate: bad),
                           second: ResponseAnswer(decision: .rejected, reasons: "No funding")]
            #expect(throws: TownhallError.self, "\(bad)") {
                try db.saveResponseDraft(paperId: fixture.paper.id!, organisationId: fixture.trust.id!, answers: answers, now: now,
                                         time: deadlines.time, actor: .test)
            }
            #expect(throws: TownhallError.self, "\(bad)") {
                try db.submitResponse(paperId: fixture.paper.id!, organisationId: fixture.trust.id!, answers: answers, basedOnVersion: 0,
                                      now: now, deadlines: deadlines, actor: .test)
            }
        }
        #expect(try db.list(ProviderResponse.self).filter { $0.paperId == fixture.paper.id }.isEmpty, "nothing saved")

        try await fixture.office.run { client in
            var provider = Browser(client)
            try await provider.signIn("responses@nhs.test", BackOffice.password)
            let form = try await provider.get("/provider/reports/\(fixture.paper.id!)")
            let refused = try await provider.post("/provider/reports/\(fixture.paper.id!)", [
                ("_csrf", form.csrf!), ("basedOn", "0"), ("action", "save"),
                ("decision-\(first)", "accepted"), ("action-\(first)", "Weekly dashboard"), ("target-\(first)", "2020-01-15"),
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("The target date for recommendation 1 must not be before the recommendation was issued"))
            #expect(refused.body.contains("Weekly dashboard") && refused.body.contains("2020-01-15"), "what was typed is kept")
            #expect(try db.list(ProviderResponse.self).filter { $0.paperId == fixture.paper.id }.isEmpty, "nothing saved")
        }

        // The issue day itself is a fine target; an implementation update is held to the same rule.
        _ = try db.submitResponse(
            paperId: fixture.paper.id!, organisationId: fixture.trust.id!,
            answers: [first: ResponseAnswer(decision: .accepted, action: "Weekly dashboard", targetDate: issuedOn.description),
                      second: ResponseAnswer(decision: .rejected, reasons: "No funding")],
            basedOnVersion: 0, now: now, deadlines: deadlines, actor: .test)
        #expect(throws: TownhallError.self) {
            try db.addImplementationUpdate(recommendationId: first, status: .inProgress, note: "Started", targetDate: "2021-03-31", at: now,
                                           deadlines: deadlines, actor: .test)
        }
        _ = try db.addImplementationUpdate(recommendationId: first, status: .inProgress, note: "Started", targetDate: "2027-03-31", at: now,
                                           deadlines: deadlines, actor: .test)
    }

    /// The deadline says what it rests on: the response period, or the extension and the day it replaced.
    @Test func theDeadlineStatesItsBasis() async throws {
        let fixture = try Fixture()
        let issued = try fixture.issueTwo()
        let id = issued[0].id!
        let original = try #require(issued[0].dueOn.flatMap(Day.init))
        try await fixture.office.run { client in
            let before = try await Browser.anonymous(client, "/recommendations/\(id)")
            #expect(before.body.contains("Response due"))
            #expect(!before.body.contains("extended on"))
            try fixture.db.extendDeadline(recommendationId: id, to: original.adding(days: 28), reason: "Trust board meets late",
                                          at: fixture.office.clock.now, deadlines: fixture.deadlines, actor: .test)
            let after = try await Browser.anonymous(client, "/recommendations/\(id)")
            let time = fixture.deadlines.time
            #expect(after.body.contains("(extended on \(time.shortDate(fixture.office.clock.now)) from \(time.longDate(day: original)))"))
            // A response the clerk entered from a letter says so where it is read.
            _ = try fixture.db.submitResponse(
                paperId: fixture.paper.id!, organisationId: fixture.trust.id!,
                answers: [id: ResponseAnswer(decision: .rejected, reasons: "No funding"), issued[1].id!: ResponseAnswer(decision: .rejected, reasons: "No funding")],
                basedOnVersion: 0, now: fixture.office.clock.now, deadlines: fixture.deadlines, receivedOutside: "letter of 2 March 2027", actor: .test)
            let answered = try await Browser.anonymous(client, "/recommendations/\(id)")
            #expect(answered.body.contains("received outside Townhall (letter of 2 March 2027) and entered by the clerk"))
            #expect(!before.body.contains("received outside Townhall"))
        }
    }

    /// The paper form's second button drafts what the report lists under its own "Recommendations" heading.
    @Test func theClerkDraftsRecommendationsFromTheReportsOwnList() async throws {
        let fixture = try Fixture()
        let db = fixture.db, now = fixture.office.clock.now
        let draft = try db.addPaper(itemId: fixture.paper.agendaItemId, title: "Scrutiny report", author: "LPAC",
                                    markdown: "# Findings\n\n## Recommendations\n\n1. Publish discharge data weekly.\n2. Fund weekend pharmacy.\n",
                                    now: now, actor: .test)
        let (report, _) = try db.publishPaper(id: draft.id!, renderer: MarkdownRenderer(), at: now, rule: fixture.office.store.rule,
                                              lateReason: "Urgent: test", actor: .test)
        try await fixture.office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("lpac.clerk@townhall.test", BackOffice.password)
            let page = try await clerk.get("/admin/papers/\(report.id!)")
            #expect(page.body.contains("Draft them from the report&#39;s list") || page.body.contains("Draft them from the report's list"))
            let drafted = try await clerk.post("/admin/papers/\(report.id!)/recommendations", [
                ("_csrf", page.csrf!), ("organisation", String(fixture.trust.id!)), ("action", "from-text"),
            ])
            #expect(drafted.status == .seeOther)
            let ours = try db.list(Recommendation.self).filter { $0.paperId == report.id }
            #expect(ours.map(\.text) == ["Publish discharge data weekly.", "Fund weekend pharmacy."] && ours.allSatisfy { $0.status == .draft })
            // A report without such a list says so, on the form, and adds nothing.
            let briefing = try await clerk.get("/admin/papers/\(fixture.paper.id!)")
            let refused = try await clerk.post("/admin/papers/\(fixture.paper.id!)/recommendations", [
                ("_csrf", briefing.csrf!), ("organisation", String(fixture.trust.id!)), ("action", "from-text"),
            ])
            #expect(refused.status == .unprocessableContent && refused.body.contains("no numbered list under a"))
            #expect(try db.list(Recommendation.self).filter { $0.paperId == fixture.paper.id }.isEmpty)
        }
    }
}
