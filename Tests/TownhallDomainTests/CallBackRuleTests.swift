import Foundation
import Testing
@testable import TownhallDomain

/// `CallBack`: which meetings a recommendation may be called back to, and the state machine's part.
@Suite("Calling a recommendation back to a meeting")
struct CallBackRuleTests {
    let time = LocalTime()

    func at(_ text: String) throws -> Date { try time.parseDateTime(text) }

    func recommendation(issued: String?) throws -> Recommendation {
        var record = Recommendation(paperId: 1, bodyId: 7, organisationId: 3, number: 1, text: "Do it.", status: issued == nil ? .draft : .issued,
                                    createdAt: try at("2027-01-04 09:00"))
        record.issuedAt = try issued.map(at)
        return record
    }

    func meeting(_ start: String, body: Int64 = 7, status: MeetingStatus = .scheduled, published: Bool = false) throws -> Meeting {
        Meeting(id: 9, bodyId: body, title: "Progress", startsAt: try at(start), status: status,
                agendaPublishedAt: published ? try at("2027-01-05 09:00") : nil)
    }

    @Test func onlyALaterScheduledMeetingOfTheSameBodyWithItsAgendaStillOpen() throws {
        let issued = try recommendation(issued: "2027-01-10 11:00")
        let now = try at("2027-01-10 12:00")
        #expect(CallBack.problem(issued, to: try meeting("2027-02-10 18:00"), now: now, time: time) == nil)
        #expect(CallBack.problem(issued, to: try meeting("2027-02-10 18:00", body: 8), now: now, time: time)?.contains("body that made it") == true)
        #expect(CallBack.problem(issued, to: try meeting("2027-02-10 18:00", status: .cancelled), now: now, time: time)?.contains("cancelled") == true)
        #expect(CallBack.problem(issued, to: try meeting("2027-02-10 18:00", status: .held), now: now, time: time)?.contains("held") == true)
        // The issue day itself is not later; the next day is.
        #expect(CallBack.problem(issued, to: try meeting("2027-01-10 18:00"), now: now, time: time)?.contains("after the day the recommendation was issued") == true)
        #expect(CallBack.problem(issued, to: try meeting("2027-01-11 10:00"), now: now, time: time) == nil)
        #expect(CallBack.problem(issued, to: try meeting("2027-02-10 18:00", published: true), now: now, time: time)?.contains("already published") == true)
        // A meeting that has started, still marked scheduled because nobody recorded its outcome, is not later.
        #expect(CallBack.problem(issued, to: try meeting("2027-02-10 18:00"), now: try at("2027-02-10 18:30"), time: time)?
            .contains("has already started") == true)
        #expect(CallBack.problem(try recommendation(issued: nil), to: try meeting("2027-02-10 18:00"), now: now, time: time)?.contains("draft") == true)
    }

    @Test func candidatesAreTheAllowedMeetingsSoonestFirst() throws {
        let issued = try recommendation(issued: "2027-01-10 11:00")
        let now = try at("2027-01-10 12:00")
        var late = try meeting("2027-03-10 18:00"), soon = try meeting("2027-02-10 18:00")
        late.id = 1
        soon.id = 2
        let refused = try meeting("2027-02-01 18:00", published: true)
        #expect(CallBack.candidates(issued, meetings: [late, refused, soon], now: now, time: time).map(\.id) == [2, 1])
    }
}
