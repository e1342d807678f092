import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

/// A body calls its recommendations back to a later meeting (issue 18): the clerk's screen, the store's checks, the
/// meeting's "Progress on recommendations" item and the recommendation's timeline, public only with the agenda.
@Suite("Calling recommendations back")
struct CallBackTests {
    @Test func theClerkCallsRecommendationsBackAndResidentsSeeThemWithTheAgenda() async throws {
        let fixture = try RecommendationTests.Fixture()
        let issued = try fixture.issueTwo()
        let (first, second) = (issued[0].id!, issued[1].id!)
        let db = fixture.db, now = fixture.office.clock.now, rule = fixture.office.store.rule
        let later = try db.addMeeting(body: "harford-lpac", title: "Zq progress meeting", startsAt: now.addingTimeInterval(40 * 86_400), endsAt: nil,
                                      locationName: nil, address: nil, actor: .test)
        let frozen = try db.addMeeting(body: "harford-lpac", title: "Zq frozen meeting", startsAt: now.addingTimeInterval(45 * 86_400), endsAt: nil,
                                       locationName: nil, address: nil, actor: .test)
        _ = try db.addAgendaItem(meetingId: frozen.id!, title: "Apologies", type: .procedural, rule: rule, actor: .test)
        _ = try db.publishAgenda(meetingId: frozen.id!, at: now, rule: rule, actor: .test)
        try await fixture.office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("lpac.clerk@townhall.test", BackOffice.password)
            let page = try await clerk.get("/admin/recommendations/\(first)")
            #expect(page.body.contains("Call back to a meeting"))
            #expect(page.body.contains("value=\"\(later.id!)\"") && !page.body.contains("value=\"\(frozen.id!)\""), "only meetings it may go to")
            let csrf = try #require(page.csrf)
            let url = "/admin/recommendations/\(first)/call-back"

            let none = try await clerk.post(url, [("_csrf", csrf), ("callBackMeeting", "")])
            #expect(none.status == .unprocessableContent && none.body.contains("id=\"callBackMeeting-error\"") && none.body.contains("Choose the meeting"))
            let published = try await clerk.post(url, [("_csrf", csrf), ("callBackMeeting", String(frozen.id!))])
            #expect(published.status == .unprocessableContent && published.body.contains("already published"))
            let forged = try await clerk.post(url, [("_csrf", "forged"), ("callBackMeeting", String(later.id!))])
            #expect(forged.status == .forbidden)
            #expect(try db.list(RecommendationCallBack.self).isEmpty, "nothing written by a refused request")

            #expect(try await clerk.post(url, [("_csrf", csrf), ("callBackMeeting", String(later.id!))]).status == .seeOther)
            let twice = try await clerk.post(url, [("_csrf", csrf), ("callBackMeeting", String(later.id!))])
            #expect(twice.status == .conflict && twice.body.contains("already called back to that meeting"))
            #expect(try await clerk.post("/admin/recommendations/\(second)/call-back", [("_csrf", csrf), ("callBackMeeting", String(later.id!))])
                .status == .seeOther)
            let items = try db.list(AgendaItem.self).filter { $0.meetingId == later.id }
            #expect(items.map(\.title) == [CallBack.itemTitle], "one item lists both")
            #expect(try db.list(RecommendationCallBack.self).count == 2)

            // The agenda is not published: the clerk sees the call-back, the public nothing of it.
            let clerkView = try await clerk.get("/admin/recommendations/\(first)")
            #expect(clerkView.body.contains("Called back to a meeting") && clerkView.body.contains("Not public until the meeting&#39;s agenda is published."))
            let before = try await Browser.anonymous(client, "/recommendations/\(first)")
            #expect(before.status == .ok && !before.body.contains("Called back to a meeting") && !before.body.contains("Zq progress meeting"))

            _ = try db.publishAgenda(meetingId: later.id!, at: now, rule: rule, actor: .test)
            let after = try await Browser.anonymous(client, "/recommendations/\(first)").body
            #expect(after.contains("Called back to a meeting") && after.contains("Item 1: \(CallBack.itemTitle)."))
            #expect(!after.contains("Not public until"))
            // One timeline, oldest first: agreed, issued, then the meeting it is called back to.
            let agreed = try #require(after.range(of: "Agreed at a meeting")), issuedAt = try #require(after.range(of: "<strong>Issued</strong>"))
            let called = try #require(after.range(of: "<strong>Called back to a meeting</strong>"))
            #expect(agreed.lowerBound < issuedAt.lowerBound && issuedAt.lowerBound < called.lowerBound)
            let meeting = try await Browser.anonymous(client, "/meetings/\(later.id!)").body
            #expect(meeting.contains("href=\"/recommendations/\(first)\"") && meeting.contains("href=\"/recommendations/\(second)\""))
            #expect(meeting.contains("Publish discharge data weekly.") && meeting.contains("Fund weekend pharmacy."))
            // Removing the item removes its list with it.
            _ = try db.removeAgendaItem(id: items[0].id!, actor: .test)
            #expect(try db.list(RecommendationCallBack.self).isEmpty)
        }
    }

    /// Another body's clerk may not call back what is not theirs.
    @Test func onlyTheBodysClerk() async throws {
        let fixture = try RecommendationTests.Fixture()
        let id = try fixture.issueTwo()[0].id!
        try await fixture.office.run { client in
            var other = Browser(client)
            try await other.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await other.get("/admin/recommendations")
            let csrf = try #require(page.csrf)
            let refused = try await other.post("/admin/recommendations/\(id)/call-back", [("_csrf", csrf), ("callBackMeeting", "1")])
            #expect(refused.status == .forbidden)
        }
    }
}
