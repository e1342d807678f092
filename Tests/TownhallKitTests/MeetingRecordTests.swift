import Foundation
import HTTPTypes
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

@Suite("Attendance, declarations and minutes")
struct MeetingRecordTests {
    @Test func attendanceAndDeclarationsArePublic() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        let people = try office.store.database.list(Person.self)
        let chair = people.first { $0.slug == "cllr-amara-okafor" }!
        let viceChair = people.first { $0.slug == "cllr-david-lloyd" }!
        let item = try office.store.database.list(AgendaItem.self).first { $0.meetingId == meeting.id && $0.title.hasPrefix("Force budget") }!
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await clerk.get("/admin/meetings/\(meeting.id!)")
            #expect(page.body.contains("name=\"attendance-\(chair.id!)\""))
            let csrf = page.csrf!
            #expect(try await clerk.post("/admin/meetings/\(meeting.id!)/attendance", [
                ("_csrf", csrf), ("attendance-\(chair.id!)", "present"), ("attendance-\(viceChair.id!)", "apologies"),
            ]).status == .seeOther)
            #expect(try await clerk.post("/admin/meetings/\(meeting.id!)/attendance", [
                ("_csrf", csrf), ("attendance-\(chair.id!)", "asleep"),
            ]).status == .badRequest)

            let missing = try await clerk.post("/admin/meetings/\(meeting.id!)/declarations", [
                ("_csrf", csrf), ("declarant", ""), ("kind", "other-registerable"), ("interest", "Governor of a school"),
            ])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.body.contains("Select who declared the interest"))
            #expect(missing.body.contains("value=\"Governor of a school\""))
            #expect(try await clerk.post("/admin/meetings/\(meeting.id!)/declarations", [
                ("_csrf", csrf), ("declarant", String(chair.id!)), ("declarationItem", String(item.id!)),
                ("kind", "disclosable-pecuniary"), ("interest", "Spouse employed by the force"),
            ]).status == .seeOther)

            let resident = try await Browser.anonymous(client, "/meetings/\(meeting.id!)")
            #expect(resident.body.contains("<h3 class=\"heading-m\">Present</h3><ul class=\"link-list\"><li><a class=\"link\" href=\"/people/\(chair.slug)\">Councillor Amara Okafor</a></li>"))
            #expect(resident.body.contains("<h3 class=\"heading-m\">Apologies</h3><ul class=\"link-list\"><li><a class=\"link\" href=\"/people/\(viceChair.slug)\">Councillor David Lloyd</a></li>"))
            #expect(resident.body.contains("Councillor Amara Okafor (item 4): Disclosable pecuniary interest. Spouse employed by the force"))
        }
    }

    /// Issue 14.4: the record of a meeting holds its body's members on the day, not anyone in the directory.
    @Test func onlyTheBodysMembersOnTheDayCanBeRecorded() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting
        let db = office.store.database
        let record = try await db.meetingRecord(meetingId: meeting.id!)
        let memberIds = Set(record.attendees.map { $0.person.id! })
        let outsider = try db.list(Person.self).first { !memberIds.contains($0.id!) }!
        let member = record.attendees.first!.person
        let before = record.attendees.map(\.status)
        #expect(throws: TownhallError.self) {
            try db.recordAttendance(meetingId: meeting.id!, statuses: [member.id!: .present, outsider.id!: .present], actor: .test)
        }
        #expect(try await db.meetingRecord(meetingId: meeting.id!).attendees.map(\.status) == before, "nothing written")
        #expect(throws: TownhallError.self) {
            try db.addDeclaration(meetingId: meeting.id!, personId: outsider.id!, agendaItemId: nil, kind: .otherRegisterable,
                                  interest: "Owns a shop", actor: .test)
        }
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let csrf = try await clerk.get("/admin/meetings/\(meeting.id!)").csrf!
            let attendance = try await clerk.post("/admin/meetings/\(meeting.id!)/attendance", [
                ("_csrf", csrf), ("attendance-\(outsider.id!)", "present"),
            ])
            #expect(attendance.status == .unprocessableContent)
            #expect(attendance.body.contains("was not a member of the body on"))
            let declaration = try await clerk.post("/admin/meetings/\(meeting.id!)/declarations", [
                ("_csrf", csrf), ("declarant", String(outsider.id!)), ("kind", "other-registerable"), ("interest", "Owns a shop"),
            ])
            #expect(declaration.status == .unprocessableContent)
            #expect(declaration.body.contains("value=\"Owns a shop\""), "the input is kept")
        }
        #expect(try await db.meetingRecord(meetingId: meeting.id!).declarations.count == record.declarations.count)
    }

    @Test func minutesGoFromDraftToPublishedToApproved() async throws {
        let office = try BackOffice()
        let past = try office.store.database.list(Meeting.self).first { $0.title == "Board meeting" && $0.status == .held }!
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await clerk.get("/admin/meetings/\(past.id!)/minutes")
            let csrf = page.csrf!
            let empty = try await clerk.post("/admin/meetings/\(past.id!)/minutes", [("_csrf", csrf), ("action", "save"), ("markdown", " ")])
            #expect(empty.status == .unprocessableContent)
            let preview = try await clerk.post("/admin/meetings/\(past.id!)/minutes", [
                ("_csrf", csrf), ("action", "preview"), ("markdown", "## Policing plan\n\nResolved: the plan was agreed."),
            ])
            #expect(preview.body.contains("<h2 id=\"h-policing-plan\">Policing plan</h2>"))
            #expect(try await clerk.post("/admin/meetings/\(past.id!)/minutes", [
                ("_csrf", csrf), ("action", "save"), ("markdown", "## Policing plan\n\nResolved: the plan was agreed."),
            ]).status == .seeOther)
            #expect(!(try await Browser.anonymous(client, "/meetings/\(past.id!)").body.contains("the plan was agreed")), "draft stays private")

            #expect(try await clerk.post("/admin/meetings/\(past.id!)/minutes/publish", [("_csrf", csrf)]).status == .seeOther)
            let published = try await Browser.anonymous(client, "/meetings/\(past.id!)")
            #expect(published.body.contains("Resolved: the plan was agreed."))
            #expect(published.body.contains("Draft minutes, published"))
            // Published minutes are no longer editable.
            #expect(try await clerk.post("/admin/meetings/\(past.id!)/minutes", [("_csrf", csrf), ("action", "save"), ("markdown", "x")]).status == .conflict)

            // The next meeting is still to come, so nothing can have approved these minutes yet.
            let early = try await clerk.post("/admin/meetings/\(past.id!)/minutes/approve", [("_csrf", csrf)])
            #expect(early.status == .conflict)
            #expect(early.body.contains("once it has been held"))
            #expect(try await Browser.anonymous(client, "/meetings/\(past.id!)").body.contains("Draft minutes, published"))

            // Last year's budget meeting was followed by this held one: its minutes are approved there.
            let db = office.store.database
            let earlier = try db.list(Meeting.self).first { $0.title == "Budget and precept meeting" && $0.status == .held }!
            _ = try db.saveMinutes(meetingId: earlier.id!, markdown: "The budget was set.", actor: .test)
            _ = try db.publishMinutes(meetingId: earlier.id!, renderer: MarkdownRenderer(), at: Date(), actor: .test)
            #expect(try await clerk.post("/admin/meetings/\(earlier.id!)/minutes/approve", [("_csrf", csrf)]).status == .seeOther)
            let approved = try await Browser.anonymous(client, "/meetings/\(earlier.id!)")
            #expect(approved.body.contains("Approved as a correct record at Board meeting"))
        }
    }

    @Test func approvalNeedsANextMeeting() throws {
        let store = try TestStore(seeded: true)
        let lastBoard = try store.database.list(Meeting.self).filter { $0.bodyId == 1 }.max { $0.startsAt < $1.startsAt }!
        _ = try store.database.saveMinutes(meetingId: lastBoard.id!, markdown: "Minutes", actor: .test)
        #expect(throws: TownhallError.conflict("only published draft minutes can be approved")) {
            try store.database.approveMinutes(meetingId: lastBoard.id!, at: Date(), actor: .test)
        }
        _ = try store.database.publishMinutes(meetingId: lastBoard.id!, renderer: MarkdownRenderer(), at: Date(), actor: .test)
        let refusal = TownhallError.conflict("minutes are approved at a later meeting of the body once it has been held; mark that meeting held first")
        #expect(throws: refusal) { try store.database.approveMinutes(meetingId: lastBoard.id!, at: Date(), actor: .test) }

        // The past board meeting's next meeting is still to come: it cannot have approved anything yet.
        let past = try store.database.list(Meeting.self).first { $0.bodyId == 1 && $0.title == "Board meeting" && $0.status == .held }!
        _ = try store.database.saveMinutes(meetingId: past.id!, markdown: "Minutes", actor: .test)
        _ = try store.database.publishMinutes(meetingId: past.id!, renderer: MarkdownRenderer(), at: Date(), actor: .test)
        #expect(throws: refusal) { try store.database.approveMinutes(meetingId: past.id!, at: Date(), actor: .test) }
        // The budget meeting of last year is followed by held meetings, so its minutes are approved at the first of them.
        let earlier = try store.database.list(Meeting.self).first { $0.title == "Budget and precept meeting" && $0.status == .held }!
        _ = try store.database.saveMinutes(meetingId: earlier.id!, markdown: "Minutes", actor: .test)
        _ = try store.database.publishMinutes(meetingId: earlier.id!, renderer: MarkdownRenderer(), at: Date(), actor: .test)
        let approved = try store.database.approveMinutes(meetingId: earlier.id!, at: Date(), actor: .test)
        #expect(approved.approvedAtMeetingId == past.id)
    }
}
