import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

@Suite("Members' pages: seats, attendance, declarations")
struct PeopleTests {
    @Test func aRateCountsMeetingsAttendedInTheRoomOrRemotely() {
        let rate = AttendanceRate([.present, .remote, .apologies, .absent, .substitute])
        #expect(rate.recorded == 5 && rate.attended == 2 && rate.percent == 40)
        #expect(rate.summary == "2 of 5 meetings (40%)")
        #expect(AttendanceRate([]).summary == "No meetings recorded")
        #expect(AttendanceRate([.present]).summary == "1 of 1 meeting (100%)")
    }

    @Test func aMembersPageGathersSeatsAttendanceAndDeclarations() async throws {
        let office = try BackOffice()
        let db = office.store.database
        let held = try #require(try db.list(Meeting.self).first { $0.title == "Board meeting" && $0.status == .held })
        let record = try await db.meetingRecord(meetingId: held.id!)
        let remote = try #require(record.attendees.first { $0.status == .remote }?.person)
        let declarant = try #require(try db.list(Declaration.self).first { $0.meetingId == held.id }).personId
        let person = try #require(try db.list(Person.self).first { $0.id == declarant })
        // One member is marked absent, so the record must list absence too.
        let absentee = try #require(record.attendees.first { $0.status == .present && $0.person.id != declarant }?.person)
        try db.recordAttendance(meetingId: held.id!, statuses: [absentee.id!: .absent], actor: .test)
        try await office.run { client in
            let meeting = try await Browser.anonymous(client, "/meetings/\(held.id!)")
            for heading in ["Present", "Attended remotely", "Apologies", "Absent"] {
                #expect(meeting.body.contains("<h3 class=\"heading-m\">\(heading)</h3>"), "\(heading)")
            }
            #expect(meeting.body.contains("href=\"/people/\(remote.slug)\""))
            #expect(meeting.body.contains("href=\"/people/\(absentee.slug)\">\(absentee.name)</a>"))

            let page = try await Browser.anonymous(client, "/people/\(person.slug)")
            #expect(page.status == .ok)
            #expect(page.body.contains(person.name) && page.body.contains("Harford and Marsh Vale Policing Board"))
            #expect(page.body.contains("Harford and Marsh Vale Policing Board: 1 of 1 meeting (100%)"))
            #expect(page.body.contains("Trustee of Marsh Vale Victim Support"))
            #expect(page.body.contains("register of interests</a>") && page.body.contains("href=\"https://www."))
            let absent = try await Browser.anonymous(client, "/people/\(absentee.slug)")
            #expect(absent.body.contains("0 of 1 meeting (0%)") && absent.body.contains("<td>Absent</td>"))
            let body = try await Browser.anonymous(client, "/bodies/harford-policing-board")
            #expect(body.body.contains("href=\"/people/\(person.slug)\""), "the body's member list links to each member")
            #expect(try await Browser.anonymous(client, "/people/no-such-person").status == .notFound)
        }
    }
}
