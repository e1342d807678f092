import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

/// A provider asks for more time, the clerk grants or refuses it, and the public sees both (issue 18).
@Suite("Requests for more time")
struct ExtensionRequestTests {
    typealias Fixture = RecommendationTests.Fixture

    @Test func aProviderAsksTheClerkDecidesAndThePublicSeesBoth() async throws {
        let fixture = try Fixture()
        let issued = try fixture.issueTwo()
        let id = issued[0].id!, paperId = fixture.paper.id!
        let due = try #require(issued[0].dueOn.flatMap(Day.init))
        let asked = due.adding(days: 30), time = fixture.deadlines.time
        try await fixture.office.run { client in
            var provider = Browser(client)
            try await provider.signIn("responses@nhs.test", BackOffice.password)
            let form = try await provider.get("/provider/reports/\(paperId)")
            #expect(form.body.contains("Ask for more time to answer recommendation \(issued[0].number)"))
            let csrf = form.csrf!
            // Mistakes: the page comes back with the summary, the fields marked and what was typed kept; nothing is saved.
            for (day, reason, field) in [("", "Board meets in June", "requestedDue"), (due.description, "Board meets in June", "requestedDue"),
                                         ("2027-02-30", "Board meets in June", "requestedDue"), (asked.description, "  ", "extensionReason"),
                                         (due.adding(days: 400).description, "Board meets in June", "requestedDue")] {
                let page = try await provider.post("/provider/recommendations/\(id)/extension-request", [
                    ("_csrf", csrf), ("requestedDue-\(id)", day), ("extensionReason-\(id)", reason)])
                #expect(page.status == .unprocessableContent, "\(day) \(reason)")
                #expect(page.body.contains("<a href=\"#\(field)-\(id)\">"), "\(day) \(reason): the summary links to the field")
                #expect(page.body.contains("id=\"\(field)-\(id)-error\""), "\(day) \(reason)")
                if !reason.trimmingCharacters(in: .whitespaces).isEmpty { #expect(page.body.contains(reason)) }
            }
            #expect(try fixture.db.list(ExtensionRequest.self).isEmpty)
            // Without the form's token: refused, nothing saved.
            let forged = try await provider.post("/provider/recommendations/\(id)/extension-request", [
                ("requestedDue-\(id)", asked.description), ("extensionReason-\(id)", "x")])
            #expect(forged.status == .forbidden)
            // Another organisation's responder cannot ask for it.
            var police = Browser(client)
            try await police.signIn("responses@police.test", BackOffice.password)
            let other = try await police.post("/provider/recommendations/\(id)/extension-request", [
                ("_csrf", try await police.get("/provider").csrf!), ("requestedDue-\(id)", asked.description), ("extensionReason-\(id)", "x")])
            #expect(other.status == .forbidden)
            #expect(try fixture.db.list(ExtensionRequest.self).isEmpty)

            let sent = try await provider.post("/provider/recommendations/\(id)/extension-request", [
                ("_csrf", csrf), ("requestedDue-\(id)", asked.description), ("extensionReason-\(id)", "The trust board meets in June")])
            #expect(sent.status == .seeOther && sent.location == "/provider/reports/\(paperId)#progress-\(id)")
            let waiting = try await Browser.anonymous(client, "/recommendations/\(id)")
            #expect(waiting.body.contains("Extension requested"))
            #expect(waiting.body.contains("Asked for \(time.longDate(day: asked)) instead of \(time.longDate(day: due)): Waiting for a decision"))
            #expect(waiting.body.contains("The trust board meets in June") && waiting.body.contains("Nia NHS"))
            // The form is gone while it waits, and a second request is refused.
            let after = try await provider.get("/provider/reports/\(paperId)")
            #expect(!after.body.contains("Ask for more time to answer recommendation \(issued[0].number)<"))
            let again = try await provider.post("/provider/recommendations/\(id)/extension-request", [
                ("_csrf", csrf), ("requestedDue-\(id)", asked.description), ("extensionReason-\(id)", "Again")])
            #expect(again.status == .unprocessableContent)
            #expect(try fixture.db.list(ExtensionRequest.self).count == 1)
            // The clerks are told.
            let told = try fixture.db.list(OutboxMessage.self).filter { $0.kind == .extensionRequest }
            #expect(told.contains { $0.recipient == "lpac.clerk@townhall.test" && $0.subject.contains("asks for more time") })

            // Past the deadline while it waits: not overdue, and no overdue notice.
            fixture.office.clock.advance(Double(due.ordinal - time.calendarDay(of: fixture.office.clock.now).ordinal + 3) * 86_400)
            #expect(try await Browser.anonymous(client, "/recommendations/\(id)").body.contains("Extension requested"))
            #expect(try fixture.db.overdueRecommendations(deadlines: fixture.deadlines, now: fixture.office.clock.now).allSatisfy { $0.recommendation.id != id })
            #expect(try fixture.db.overdueRecommendations(deadlines: fixture.deadlines, now: fixture.office.clock.now).contains { $0.recommendation.id == issued[1].id })

            // The clerk: a refusal needs reasons; a grant cannot give more than was asked; both keep what was typed.
            var clerk = Browser(client)
            try await clerk.signIn("lpac.clerk@townhall.test", BackOffice.password)
            let screen = try await clerk.get("/admin/recommendations/\(id)")
            #expect(screen.body.contains("Decide the request for more time"))
            #expect(!screen.body.contains("Extend the deadline"), "the clerk decides the request rather than extending around it")
            let noReasons = try await clerk.post("/admin/recommendations/\(id)/extension-request", [("_csrf", screen.csrf!), ("action", "refuse"), ("decisionNote", "")])
            #expect(noReasons.status == .unprocessableContent)
            #expect(noReasons.body.contains("id=\"decisionNote-error\""))
            let tooLong = try await clerk.post("/admin/recommendations/\(id)/extension-request", [
                ("_csrf", screen.csrf!), ("action", "grant"), ("grantedDue", asked.adding(days: 1).description), ("decisionNote", "Kept note")])
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.body.contains("id=\"grantedDue-error\"") && tooLong.body.contains("Kept note"))
            let granted = try await clerk.post("/admin/recommendations/\(id)/extension-request", [
                ("_csrf", screen.csrf!), ("action", "grant"), ("grantedDue", asked.adding(days: -2).description), ("decisionNote", "Two days short of the ask")])
            #expect(granted.status == .seeOther && granted.location == "/admin/recommendations/\(id)")
            let now = fixture.office.clock.now
            #expect(try fixture.db.list(Recommendation.self).first { $0.id == id }?.dueOn == asked.adding(days: -2).description)
            let page = try await Browser.anonymous(client, "/recommendations/\(id)")
            #expect(page.body.contains("Granted on \(time.shortDate(now)) by"))
            #expect(page.body.contains("the response is due by \(time.longDate(day: asked.adding(days: -2)))"))
            #expect(page.body.contains("(extended on \(time.shortDate(now)) from \(time.longDate(day: due)))"))
            #expect(!page.body.contains("Extension requested"))
            #expect(try fixture.db.list(OutboxMessage.self).contains { $0.recipient == "responses@nhs.test" && $0.subject.contains("granted") })

            // Asked again (signed in afresh: the clock moved past the session's life) and refused: the reasons are
            // public and the deadline stays.
            var responder = Browser(client)
            try await responder.signIn("responses@nhs.test", BackOffice.password)
            let second = try await responder.post("/provider/recommendations/\(id)/extension-request", [
                ("_csrf", try await responder.get("/provider/reports/\(paperId)").csrf!), ("requestedDue-\(id)", asked.adding(days: 20).description),
                ("extensionReason-\(id)", "Data not ready")])
            #expect(second.status == .seeOther && second.location?.hasPrefix("/provider/reports/") == true)
            let refused = try await clerk.post("/admin/recommendations/\(id)/extension-request", [
                ("_csrf", screen.csrf!), ("action", "refuse"), ("decisionNote", "Enough time was given")])
            #expect(refused.status == .seeOther && refused.location == "/admin/recommendations/\(id)")
            let final = try await Browser.anonymous(client, "/recommendations/\(id)")
            #expect(final.body.contains("Refused on \(time.shortDate(now)) by") && final.body.contains("Enough time was given"))
            #expect(try fixture.db.list(Recommendation.self).first { $0.id == id }?.dueOn == asked.adding(days: -2).description)
            // A decided request is permanent in the store itself.
            #expect(throws: DatabaseError.self) {
                try fixture.db.writer.write { db in try db.execute(sql: "UPDATE extensionRequest SET reason = 'changed' WHERE decision != 'pending'") }
            }
        }
    }
}
