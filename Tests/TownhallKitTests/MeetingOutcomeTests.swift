import Foundation
import Testing
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

/// After a meeting starts: the clerk is told when its outcome has not been recorded, and the minutes start from the
/// agenda with each urgent item's special circumstances (LGA 1972 s100B(4)(b): "specified in the minutes").
@Suite("After the meeting")
struct MeetingOutcomeTests {
    @Test func aStartedMeetingStillScheduledIsOnTheDashboardUntilItsOutcomeIsRecorded() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let before = try await browser.get("/admin")
            #expect(!before.body.contains("Outcome not recorded"), "the demo leaves no past meeting scheduled")

            office.clock.advance(meeting.startsAt.timeIntervalSince(office.clock.now) + 60)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)  // the session has expired meanwhile
            let after = try await browser.get("/admin")
            #expect(after.body.contains("Outcome not recorded"))
            #expect(after.body.contains("href=\"/admin/meetings/\(meeting.id!)#status\">Budget and precept meeting</a>"))

            let csrf = try #require(after.csrf)
            #expect(try await browser.post("/admin/meetings/\(meeting.id!)/status", [("_csrf", csrf), ("status", "held")]).status == .seeOther)
            #expect(!(try await browser.get("/admin").body.contains("Outcome not recorded")))
        }
    }

    @Test func theMinutesEditorStartsFromTheAgendaWithTheUrgencyRecord() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        let db = office.store.database
        // The day before the meeting, well inside its clear-days deadline, an added item needs the chair's special
        // circumstances.
        office.clock.advance(meeting.startsAt.timeIntervalSince(office.clock.now) - 86_400)
        #expect(testRule.itemNeedsUrgency(meeting, addedAt: office.clock.now))
        _ = try db.addAgendaItem(
            meetingId: meeting.id!, title: "Custody *suite* closure", type: .decision,
            urgency: "The inspectorate's report arrived on Monday and the suite closes on Friday", rule: testRule, actor: .test)
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let editor = try await browser.get("/admin/meetings/\(meeting.id!)/minutes")
            #expect(editor.status == .ok)
            #expect(editor.body.contains("# Minutes: Budget and precept meeting"))
            #expect(editor.body.contains("Custody \\*suite\\* closure"), "a typed title stays literal Markdown")
            #expect(editor.body.contains(
                "The chair was of the opinion that this item should be considered at the meeting as a matter of urgency because of these special circumstances: The inspectorate&#39;s report arrived on Monday"))
            #expect(try await db.meetingRecord(meetingId: meeting.id!).minutes == nil, "nothing is saved until the clerk saves")
        }
    }

    @Test func theDraftListsEveryItemAndTheExclusionOfThePublic() {
        let items = [
            AgendaItem(meetingId: 1, position: 1, number: "1", title: "Apologies", itemType: .procedural, isExempt: false),
            AgendaItem(meetingId: 1, position: 2, number: "2", title: "Contract [award]", itemType: .decision, isExempt: true,
                       exemptParagraph: .financialAffairs),
        ]
        let draft = MinutesDraft.markdown(meetingTitle: "Board\nmeeting", items: items)
        #expect(draft.hasPrefix("# Minutes: Board meeting\n"))
        #expect(draft.contains("## 1. Apologies\n"))
        #expect(draft.contains("## 2. Contract \\[award\\]\n"))
        #expect(draft.contains("exempt information (Schedule 12A, paragraph 3)"))
        #expect(!draft.contains("urgency"))
    }
}
