import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

/// A provider answers a report's recommendations one at a time, and can say publicly that its answer is coming
/// (issue 18). Before, submitting with any recommendation unanswered was refused.
@Suite("Answering one at a time, and holding replies")
struct AnsweringOneAtATimeTests {
    typealias Fixture = RecommendationTests.Fixture

    @Test func oneRecommendationIsAnsweredNowAndTheOtherLater() async throws {
        let fixture = try Fixture()
        let issued = try fixture.issueTwo()
        let (first, second) = (issued[0].id!, issued[1].id!)
        let paperId = fixture.paper.id!
        try await fixture.office.run { client in
            var provider = Browser(client)
            try await provider.signIn("responses@nhs.test", BackOffice.password)
            let csrf = try await provider.get("/provider/reports/\(paperId)").csrf!
            // Nothing answered: refused at the form level.
            let empty = try await provider.post("/provider/reports/\(paperId)", [("_csrf", csrf), ("basedOn", "0"), ("action", "submit")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.body.contains("Answer at least one recommendation"))
            // Words typed with no decision are not silently dropped.
            let undecided = try await provider.post("/provider/reports/\(paperId)", [
                ("_csrf", csrf), ("basedOn", "0"), ("action", "submit"), ("decision-\(first)", "accepted"), ("action-\(first)", "Weekly dashboard"),
                ("target-\(first)", "2027-06-30"), ("reasons-\(second)", "Still costing it")])
            #expect(undecided.status == .unprocessableContent)
            #expect(undecided.body.contains("or clear its answer to leave it for later") && undecided.body.contains("Still costing it"))
            #expect(try fixture.db.list(ProviderResponse.self).filter { $0.paperId == paperId && $0.status == .submitted }.isEmpty)
            // The first alone.
            let one = try await provider.post("/provider/reports/\(paperId)", [
                ("_csrf", csrf), ("basedOn", "0"), ("action", "submit"), ("decision-\(first)", "accepted"), ("action-\(first)", "Weekly dashboard"),
                ("target-\(first)", "2027-06-30")])
            #expect(one.status == .seeOther)
            let states = Dictionary(uniqueKeysWithValues: try await fixture.db.trackedRecommendations(
                RecommendationScope(paperId: paperId), deadlines: fixture.deadlines, now: fixture.office.clock.now).map { ($0.recommendation.id!, $0.state) })
            #expect(states[first] == .accepted)
            #expect(states[second]?.isWaiting == true, "the one left blank still waits for its answer")
            // The second later, as version 2: the first keeps its answer from version 1.
            let form = try await provider.get("/provider/reports/\(paperId)")
            #expect(form.body.contains("Your submitted answer: Accepted"))
            let two = try await provider.post("/provider/reports/\(paperId)", [
                ("_csrf", csrf), ("basedOn", "1"), ("action", "submit"), ("decision-\(second)", "rejected"), ("reasons-\(second)", "No funding"),
                ("signOff", "Approved by the trust board on 1 March 2027")])
            #expect(two.status == .seeOther)
            let after = Dictionary(uniqueKeysWithValues: try await fixture.db.trackedRecommendations(
                RecommendationScope(paperId: paperId), deadlines: fixture.deadlines, now: fixture.office.clock.now).map { ($0.recommendation.id!, $0.state) })
            #expect(after[first] == .accepted && after[second] == .rejected)
            let firstPage = try await Browser.anonymous(client, "/recommendations/\(first)")
            #expect(firstPage.body.contains("Weekly dashboard") && !firstPage.body.contains("replaced by a correction"),
                    "version 2 did not touch the first recommendation, so its one answer stands")
            #expect(try await Browser.anonymous(client, "/recommendations/\(second)").body.contains(
                "<strong>Sign-off:</strong> Approved by the trust board on 1 March 2027"))
            #expect(!firstPage.body.contains("Sign-off:"), "version 1 carried none")
            // A correction of the first shows what it changed, word by word.
            let corrected = try await provider.post("/provider/reports/\(paperId)", [
                ("_csrf", csrf), ("basedOn", "2"), ("action", "submit"), ("decision-\(first)", "accepted"), ("action-\(first)", "Daily dashboard"),
                ("target-\(first)", "2027-06-30")])
            #expect(corrected.status == .seeOther)
            let diffed = try await Browser.anonymous(client, "/recommendations/\(first)").body
            #expect(diffed.contains("What version 3 changed"))
            #expect(diffed.contains("<del><span class=\"visually-hidden\">removed: </span>Weekly</del> <ins><span class=\"visually-hidden\">added: </span>Daily</ins> dashboard"))
            #expect(!diffed.contains("<dt class=\"summary-list__key\">Target date</dt>"), "an unchanged part is not listed")
        }
    }

    @Test func aHoldingReplyIsPublicAndChangesNothingElse() async throws {
        let fixture = try Fixture()
        let issued = try fixture.issueTwo()
        let id = issued[0].id!, paperId = fixture.paper.id!
        let time = fixture.deadlines.time
        let expected = time.calendarDay(of: fixture.office.clock.now).adding(days: 40)
        try await fixture.office.run { client in
            var provider = Browser(client)
            try await provider.signIn("responses@nhs.test", BackOffice.password)
            let csrf = try await provider.get("/provider/reports/\(paperId)").csrf!
            for (note, day, field) in [("", expected.description, "holdingNote"), ("In preparation", "2020-01-01", "expectedBy"),
                                       ("In preparation", "soon", "expectedBy")] {
                let page = try await provider.post("/provider/reports/\(paperId)/holding-note", [("_csrf", csrf), ("holdingNote", note), ("expectedBy", day)])
                #expect(page.status == .unprocessableContent, "\(note) \(day)")
                #expect(page.body.contains("id=\"\(field)-error\""), "\(note) \(day)")
                #expect(page.body.contains("value=\"\(day)\""), "the day typed is kept")
            }
            #expect(try fixture.db.list(HoldingNote.self).isEmpty)
            let sent = try await provider.post("/provider/reports/\(paperId)/holding-note", [
                ("_csrf", csrf), ("holdingNote", "Our response goes to the trust board first."), ("expectedBy", expected.description)])
            #expect(sent.status == .seeOther && sent.location == "/provider/reports/\(paperId)#holding")
            let page = try await Browser.anonymous(client, "/recommendations/\(id)")
            #expect(page.body.contains("Holding reply, \(time.shortDate(fixture.office.clock.now)):</strong> Our response goes to the trust board first."))
            #expect(page.body.contains("its response will come by \(time.longDate(day: expected))"))
            #expect(page.body.contains("Awaiting response") || page.body.contains("Response due soon"), "a holding reply answers nothing")
            #expect(try fixture.db.list(Recommendation.self).first { $0.id == id }?.dueOn == issued[0].dueOn, "nor moves the deadline")
            // Another organisation cannot publish one for this report.
            var police = Browser(client)
            try await police.signIn("responses@police.test", BackOffice.password)
            let other = try await police.post("/provider/reports/\(paperId)/holding-note", [
                ("_csrf", try await police.get("/provider").csrf!), ("holdingNote", "x")])
            #expect(other.status == .forbidden)
            #expect(try fixture.db.list(HoldingNote.self).count == 1)
        }
        // A day is stored in its one written form, however it was typed ("+3" reads as a month).
        let odd = try fixture.db.publishHoldingNote(paperId: paperId, organisationId: fixture.trust.id!, note: "Board in March", expectedBy: "2099-+3-05",
                                                    at: fixture.office.clock.now, deadlines: fixture.deadlines, actor: .test)
        #expect(odd.expectedBy == "2099-03-05")
        // Once everything is answered there is nothing to hold: refused by the store.
        _ = try fixture.db.submitResponse(
            paperId: paperId, organisationId: fixture.trust.id!,
            answers: [id: ResponseAnswer(decision: .rejected, reasons: "No"), issued[1].id!: ResponseAnswer(decision: .rejected, reasons: "No")],
            basedOnVersion: 0, now: fixture.office.clock.now, deadlines: fixture.deadlines, actor: .test)
        #expect(throws: TownhallError.self) {
            try fixture.db.publishHoldingNote(paperId: paperId, organisationId: fixture.trust.id!, note: "Late note", expectedBy: "",
                                              at: fixture.office.clock.now, deadlines: fixture.deadlines, actor: .test)
        }
    }

    /// Accepted work is followed to its target: past it and not implemented, the action is overdue in public, in the
    /// open data and in one notice to the responders and the clerks; implementing it ends that.
    @Test func anActionPastItsTargetIsOverdueUntilImplemented() async throws {
        let fixture = try Fixture()
        let issued = try fixture.issueTwo()
        let id = issued[0].id!, paperId = fixture.paper.id!
        let time = fixture.deadlines.time
        let target = time.calendarDay(of: fixture.office.clock.now).adding(days: 10)
        _ = try fixture.db.submitResponse(
            paperId: paperId, organisationId: fixture.trust.id!,
            answers: [id: ResponseAnswer(decision: .accepted, action: "Weekly dashboard", targetDate: target.description)],
            basedOnVersion: 0, now: fixture.office.clock.now, deadlines: fixture.deadlines, actor: .test)
        try await fixture.office.run { client in
            var provider = Browser(client)
            try await provider.signIn("responses@nhs.test", BackOffice.password)
            let csrf = try await provider.get("/provider/reports/\(paperId)").csrf!
            let bad = try await provider.post("/provider/recommendations/\(id)/progress", [
                ("_csrf", csrf), ("status-\(id)", "in-progress"), ("note-\(id)", "Kept words"), ("percent-\(id)", "150")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("id=\"percent-\(id)-error\"") && bad.body.contains("Kept words") && bad.body.contains("value=\"150\""))
            let good = try await provider.post("/provider/recommendations/\(id)/progress", [
                ("_csrf", csrf), ("status-\(id)", "in-progress"), ("note-\(id)", "Dashboard half built"), ("percent-\(id)", "40%")])
            #expect(good.status == .seeOther)
            let before = try await Browser.anonymous(client, "/recommendations/\(id)")
            #expect(before.body.contains("In progress, 40% complete; target \(time.longDate(day: target))."))
            #expect(!before.body.contains(ActionTrack.overdueLabel))
            #expect(try fixture.db.enqueueDeadlineNotices(deadlines: fixture.deadlines, now: fixture.office.clock.now) >= 0)
            #expect(try fixture.db.list(OutboxMessage.self).filter { $0.kind == .actionOverdue }.isEmpty)

            fixture.office.clock.advance(11 * 86_400)
            let after = try await Browser.anonymous(client, "/recommendations/\(id)")
            #expect(after.body.contains("<strong class=\"tag tag--red\">Action overdue</strong> The target has passed"))
            #expect(try await Browser.anonymous(client, "/recommendations").body.contains("Action overdue"))
            #expect(try await Browser.anonymous(client, "/organisations/harford-nhs").body.contains(
                "Actions past their target</dt><dd class=\"summary-list__value\">1</dd>"))
            let csv = try await Browser.anonymous(client, "/data/recommendations.csv").body
            #expect(csv.contains(",in-progress,40,\(target),true,"))
            _ = try fixture.db.enqueueDeadlineNotices(deadlines: fixture.deadlines, now: fixture.office.clock.now)
            _ = try fixture.db.enqueueDeadlineNotices(deadlines: fixture.deadlines, now: fixture.office.clock.now)
            let notices = try fixture.db.list(OutboxMessage.self).filter { $0.kind == .actionOverdue }
            let recipients = notices.map(\.recipient)
            #expect(recipients.contains("responses@nhs.test") && recipients.contains("lpac.clerk@townhall.test"), "\(recipients)")
            #expect(Set(recipients).count == recipients.count, "one notice each, however often the run: \(recipients)")

            _ = try fixture.db.addImplementationUpdate(
                recommendationId: id, status: .implemented, note: "Dashboard live", targetDate: nil, percentComplete: 100, at: fixture.office.clock.now,
                deadlines: fixture.deadlines, actor: .test)
            let done = try await Browser.anonymous(client, "/recommendations/\(id)")
            #expect(done.body.contains("Implemented, 100% complete") && !done.body.contains("Action overdue"))
        }
    }

    /// A response that came by letter is entered by the clerk on a screen, with the responder's checks, and marked.
    @Test func theClerkEntersALetterResponse() async throws {
        let fixture = try Fixture()
        let issued = try fixture.issueTwo()
        let id = issued[0].id!, paperId = fixture.paper.id!
        try await fixture.office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("lpac.clerk@townhall.test", BackOffice.password)
            let screen = try await clerk.get("/admin/recommendations/\(id)")
            #expect(screen.body.contains("href=\"/admin/papers/\(paperId)/responses/harford-nhs\""))
            let form = try await clerk.get("/admin/papers/\(paperId)/responses/harford-nhs")
            #expect(form.status == .ok && form.body.contains("Response by letter from Harford and Marsh NHS Foundation Trust"))
            let missing = try await clerk.post("/admin/papers/\(paperId)/responses/harford-nhs", [
                ("_csrf", form.csrf!), ("basedOn", "0"), ("decision-\(id)", "rejected"), ("reasons-\(id)", "Kept reasons")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.body.contains("id=\"receivedOutside-error\"") && missing.body.contains("Kept reasons"))
            #expect(try fixture.db.list(ProviderResponse.self).filter { $0.paperId == paperId && $0.status == .submitted }.isEmpty)
            let entered = try await clerk.post("/admin/papers/\(paperId)/responses/harford-nhs", [
                ("_csrf", form.csrf!), ("basedOn", "0"), ("receivedOutside", "letter of 2 March 2027"), ("decision-\(id)", "rejected"),
                ("reasons-\(id)", "No money this year")])
            #expect(entered.status == .seeOther)
            let page = try await Browser.anonymous(client, "/recommendations/\(id)").body
            #expect(page.contains("received outside Townhall (letter of 2 March 2027) and entered by the clerk") && page.contains("No money this year"))
            // Not for a provider, nor for a paper or organisation that does not exist.
            var provider = Browser(client)
            try await provider.signIn("responses@nhs.test", BackOffice.password)
            #expect(try await provider.get("/admin/papers/\(paperId)/responses/harford-nhs").status == .forbidden)
            #expect(try await clerk.get("/admin/papers/\(paperId)/responses/nobody").status == .notFound)
        }
    }
}
