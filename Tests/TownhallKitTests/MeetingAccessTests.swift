import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

@Suite("How to attend or watch a meeting")
struct MeetingAccessTests {
    @Test func eachPartIsCheckedAndBlankPartsClear() {
        #expect(MeetingAccess(webcastURL: " ", howToAttend: "\n").isEmpty)
        let bad = MeetingAccess(webcastURL: "javascript:alert(1)", recordingURL: "ftp://example.org/x", contactEmail: "nobody", contactPhone: "call me",
                                howToAttend: String(repeating: "x", count: TextLimits.noteCharacters + 1))
        #expect(bad.problems.map(\.field) == [.webcastURL, .recordingURL, .contactEmail, .contactPhone, .howToAttend, .contactName])
        #expect(MeetingAccess(webcastURL: "https://example.org/live", contactName: "A Clerk", contactEmail: "clerk@example.org",
                              contactPhone: "+44 (0)1632 960 123").problems.isEmpty)
    }

    @Test func theClerkSaysHowToAttendAndResidentsSeeIt() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await clerk.get("/admin/meetings/\(meeting.id!)")
            #expect(page.body.contains("value=\"https://www.harford.example/webcasts/policing-board\""), "the demo's are shown to change")
            let wrong = try await clerk.post("/admin/meetings/\(meeting.id!)/access", [
                ("_csrf", page.csrf!), ("webcastURL", "javascript:alert(1)"), ("contactEmail", "clerk@example.org"), ("howToAttend", "Kept as typed"),
            ])
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("href=\"#webcastURL\"") && wrong.body.contains("href=\"#contactName\""))
            #expect(wrong.body.contains("value=\"javascript:alert(1)\"") && wrong.body.contains(">Kept as typed</textarea>"))
            #expect(try office.store.database.list(Meeting.self).first { $0.id == meeting.id }?.webcastURL == "https://www.harford.example/webcasts/policing-board",
                    "nothing saved")
            let saved = try await clerk.post("/admin/meetings/\(meeting.id!)/access", [
                ("_csrf", page.csrf!), ("webcastURL", "https://example.org/live"), ("recordingURL", ""), ("contactName", "Sam Clerk"),
                ("contactEmail", "sam@example.org"), ("contactPhone", "01632 960 000"), ("howToAttend", "Come to the <b>chamber</b>.\nStep-free."),
            ])
            #expect(saved.status == .seeOther && saved.location == "/admin/meetings/\(meeting.id!)#access")
            let resident = try await Browser.anonymous(client, "/meetings/\(meeting.id!)")
            #expect(resident.body.contains("<a class=\"link\" href=\"https://example.org/live\">Watch the meeting live</a>"))
            #expect(resident.body.contains("Sam Clerk, <a class=\"link\" href=\"mailto:sam@example.org\">sam@example.org</a>, <a class=\"link\" href=\"tel:01632960000\">01632 960 000</a>"))
            #expect(resident.body.contains("Come to the &lt;b&gt;chamber&lt;/b&gt;.\nStep-free."), "the clerk's words, escaped")
            #expect(!resident.body.contains("Watch the recording"))
        }
        #expect(try office.store.database.auditEntries(limit: 5).contains { $0.details == "how to attend or watch" })
    }
}
