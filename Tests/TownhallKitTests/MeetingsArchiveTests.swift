import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

@Suite("The meetings archive: a month calendar with filters")
struct MeetingsArchiveTests {
    @Test func aMonthIsReadStrictlyAndLaidOutMondayFirst() throws {
        #expect(CalendarMonth("2027-02") == CalendarMonth(year: 2027, month: 2))
        for text in ["2027-13", "2027-00", "2027-2", "27-02", "2027-02-01", "١٢٣٤-٠١", "2101-01", "1989-12", "", "9223372036854775807-01"] {
            #expect(CalendarMonth(text) == nil, "\(text)")
        }
        let february = try #require(CalendarMonth("2027-02"))
        #expect(february.weeks.count == 4 && february.weeks.allSatisfy { $0.allSatisfy { $0 != nil } }, "1 February 2027 is a Monday")
        let march = try #require(CalendarMonth("2026-03"))
        #expect(march.weeks.first?.prefix(6).allSatisfy { $0 == nil } == true && march.weeks.first?[6]?.description == "2026-03-01")
        #expect(march.weeks.count == 6 && march.weeks.last?[1]?.description == "2026-03-31")
        #expect(march.previous?.description == "2026-02" && CalendarMonth("2026-12")?.next?.description == "2027-01")
        #expect(CalendarMonth("2100-12")?.next == nil && CalendarMonth("1990-01")?.previous == nil)
    }

    @Test func aMonthListsItsMeetingsFilteredByBodyOrKind() async throws {
        let office = try BackOffice()
        let budget = office.boardMeeting
        let month = CalendarMonth(containing: office.store.rule.time.calendarDay(of: budget.startsAt)).description
        try await office.run { client in
            let page = try await Browser.anonymous(client, "/meetings?month=\(month)")
            #expect(page.status == .ok && page.body.contains("href=\"/meetings/\(budget.id!)\">Budget and precept meeting</a>"))
            #expect(page.body.contains("<caption class=\"visually-hidden\">Meetings in "))
            #expect(page.body.contains("rel=\"next\"") && page.body.contains("rel=\"prev\""))
            let board = try await Browser.anonymous(client, "/meetings?month=\(month)&kind=policing-board")
            #expect(board.body.contains("Budget and precept meeting") && board.body.contains("<option value=\"policing-board\" selected>"))
            #expect(board.body.contains("kind=policing-board"), "the next and previous months keep the filter")
            let lpac = try await Browser.anonymous(client, "/meetings?month=\(month)&body=harford-lpac")
            #expect(lpac.status == .ok && !lpac.body.contains("Budget and precept meeting"))
            let thisMonth = try await Browser.anonymous(client, "/meetings")
            #expect(thisMonth.status == .ok && thisMonth.body.contains("Meetings: \(CalendarMonth(containing: office.store.rule.time.calendarDay(of: office.clock.now)).label)"))
            let wrong = try await Browser.anonymous(client, "/meetings?month=2027-13&body=harford-lpac")
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("href=\"#month\"") && wrong.body.contains("value=\"2027-13\""))
            #expect(wrong.body.contains("<option value=\"harford-lpac\" selected>"), "the other filters are kept")
            #expect(try await Browser.anonymous(client, "/meetings?body=no-such-body").status == .notFound)
            #expect(try await Browser.anonymous(client, "/meetings?kind=parish").status == .notFound)
        }
    }
}
