import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

/// Issue 19: the public record names the officers in attendance, and an agenda item can link to its recording.
@Suite("Officers in attendance and item recordings")
struct OfficersAndRecordingsTests {
    @Test func officersAreRecordedCheckedAndShownOnThePublicRecord() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await clerk.get(SiteURL.adminMeeting(meeting.id!).path)
            let csrf = try #require(page.csrf)
            let before = try office.store.database.list(OfficerInAttendance.self).count
            let missing = try await clerk.post(SiteURL.adminOfficers(meeting.id!).path, [("_csrf", csrf), ("officerName", " "), ("officerRole", "Monitoring Officer")])
            #expect(missing.status == .unprocessableContent && missing.body.contains("href=\"#officerName\"") && missing.body.contains("value=\"Monitoring Officer\""))
            #expect(try office.store.database.list(OfficerInAttendance.self).count == before, "nothing saved")
            let added = try await clerk.post(SiteURL.adminOfficers(meeting.id!).path, [("_csrf", csrf), ("officerName", "Sam Patel"), ("officerRole", "Monitoring Officer")])
            #expect(added.status == .seeOther)
            let record = try await Browser.anonymous(client, SiteURL.meeting(meeting.id!).path)
            #expect(record.body.contains("<h3 class=\"heading-m\">Officers in attendance</h3>") && record.body.contains("Sam Patel, Monitoring Officer"))

            // An officer of another meeting cannot be removed through this one.
            let other = try #require(try office.store.database.list(Meeting.self).first { $0.bodyId == meeting.bodyId && $0.id != meeting.id })
            let elsewhere = try office.store.database.addOfficer(meetingId: other.id!, name: "Elsewhere", role: "", actor: .test)
            #expect(try await clerk.post(SiteURL.adminOfficerDelete(meeting: meeting.id!, officer: elsewhere.id!).path, [("_csrf", csrf)]).status == .notFound)
            let sam = try #require(try office.store.database.list(OfficerInAttendance.self).first { $0.name == "Sam Patel" })
            #expect(try await clerk.post(SiteURL.adminOfficerDelete(meeting: meeting.id!, officer: sam.id!).path, [("_csrf", csrf)]).status == .seeOther)
            #expect(!(try await Browser.anonymous(client, SiteURL.meeting(meeting.id!).path).body.contains("Sam Patel")))
        }
    }

    @Test func anItemLinksToItsRecordingAndOnlyToAWebAddress() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        let item = try #require(try office.store.database.list(AgendaItem.self).first { $0.meetingId == meeting.id && $0.title.hasPrefix("Force budget") })
        let edit = SiteURL.adminItemEdit(item.id!).path
        @Sendable func fields(_ csrf: String, _ link: String) -> [(String, String)] {
            [("_csrf", csrf), ("itemTitle", item.title), ("itemType", item.itemType.rawValue), ("itemRecordingURL", link)]
        }
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let csrf = try #require(try await clerk.get(edit).csrf)
            let bad = try await clerk.post(edit, fields(csrf, "javascript:alert(1)"))
            #expect(bad.status == .unprocessableContent && bad.body.contains("href=\"#itemRecordingURL\"") && bad.body.contains("javascript:alert(1)"))
            #expect(try office.store.database.list(AgendaItem.self).first { $0.id == item.id }?.recordingURL == nil)
            #expect(try await clerk.post(edit, fields(csrf, "https://webcasts.example/budget#t=1200")).status == .seeOther)
            let page = try await Browser.anonymous(client, SiteURL.meeting(meeting.id!).path)
            #expect(page.body.contains("href=\"https://webcasts.example/budget#t=1200\"") && page.body.contains("Watch the recording of this item"))
            // Saving the item again with the field emptied clears it; other edits leave it alone.
            #expect(try await clerk.post(edit, fields(csrf, "")).status == .seeOther)
            #expect(try office.store.database.list(AgendaItem.self).first { $0.id == item.id }?.recordingURL == nil)
        }
        _ = try office.store.database.updateAgendaItem(id: item.id!, title: item.title, type: item.itemType, exemption: nil, decision: nil,
                                                       recordingURL: .some("https://webcasts.example/x"), actor: .test)
        _ = try office.store.database.updateAgendaItem(id: item.id!, title: item.title + " (renamed)", type: item.itemType, exemption: nil, decision: nil, actor: .test)
        #expect(try office.store.database.list(AgendaItem.self).first { $0.id == item.id }?.recordingURL == "https://webcasts.example/x")
    }
}
