import Foundation
import Testing
@testable import TownhallDomain

@Suite("Five clear working days")
struct WorkingDaysTests {
    let days = try! WorkingDays.load(file: packageRoot.appendingPathComponent("Config/bank-holidays.json").path)

    func day(_ text: String) -> Day { Day(text)! }

    @Test func dayArithmetic() {
        #expect(day("2026-12-16").weekday == 3)  // Wednesday
        #expect(day("2026-12-19").isWeekend)
        #expect(day("2028-02-29").description == "2028-02-29")
        #expect(Day("2027-02-29") == nil)
        #expect(day("2026-12-31").adding(days: 1).description == "2027-01-01")
    }

    /// Issue 16: a council may also leave out its Christmas and Easter breaks and days of thanksgiving or mourning
    /// (LGA 1972 s243); beyond the holiday list the clerk is warned.
    @Test func closedDaysAndTheEndOfTheHolidayList() throws {
        let closed = try ClosedDays(parsing: "12-24, 12-29..12-31, 2027-03-25..2027-03-26")
        for text in ["2026-12-24", "2027-12-30", "2027-03-25", "2027-03-26"] { #expect(closed.contains(day(text)), "\(text)") }
        for text in ["2026-12-23", "2027-01-01", "2027-03-24", "2028-03-25"] { #expect(!closed.contains(day(text)), "\(text)") }
        // A Wednesday 6 January 2027 meeting: with 24 and 29-31 December closed too, the five clear days reach back
        // to Monday 21 December, so publication is due by 20 December instead of 28 December.
        #expect(days.lastOnTimePublication(meeting: day("2027-01-06")) == day("2026-12-28"))
        #expect(days.closing(closed).lastOnTimePublication(meeting: day("2027-01-06")) == day("2026-12-20"))
        for bad in ["24-12", "12-32", "02-30", "2027-02-29", "12-31..12-01", "2027-03-26..2027-03-25", "12-24..12-25..12-26", "soon"] {
            #expect(throws: TownhallError.self, "\(bad)") { try ClosedDays(parsing: bad) }
        }
        #expect(try ClosedDays(parsing: " ").contains(day("2026-12-24")) == false)
        #expect(days.covers(day("2028-12-31")) && !days.covers(day("2029-01-01")))
        #expect(days.beyondMessage(day("2028-06-01")) == nil)
        #expect(days.beyondMessage(day("2029-06-01"))?.contains("the bank holiday list ends with 2028, so deadlines in 2029") == true)
    }

    @Test func loadsEnglandAndWalesHolidays() {
        #expect(days.bankHolidays.contains(day("2026-12-25")))
        #expect(days.bankHolidays.contains(day("2026-12-28")))  // Boxing Day substitute
        #expect(!days.bankHolidays.contains(day("2026-11-30")))  // St Andrew's Day is Scotland only
        #expect(days.coveredThrough == 2028)
    }

    @Test(arguments: [
        // A plain week: Wednesday meeting, publish by the Tuesday of the week before.
        ("2026-12-16", "2026-12-08"),
        // Across a weekend: Monday meeting; the five clear days are Mon 23 to Fri 27 November, so publishing
        // any time up to Sunday 22 November is on time.
        ("2026-11-30", "2026-11-22"),
        // Across New Year's Day: clear days are 29, 30, 31 December, 4 and 5 January.
        ("2027-01-06", "2026-12-28"),
        // Across Easter 2027 (Good Friday 26 March, Easter Monday 29 March).
        ("2027-04-01", "2027-03-22"),
        // Across the spring clock change (28 March 2027): days, not hours, are counted.
        ("2027-03-31", "2027-03-21"),
        // Across the autumn clock change (25 October 2026).
        ("2026-10-28", "2026-10-20"),
        // A meeting on a Saturday still needs five working days.
        ("2026-12-05", "2026-11-29"),
    ])
    func lastOnTimePublication(meeting: String, expected: String) {
        let last = days.lastOnTimePublication(meeting: day(meeting))
        #expect(last.description == expected)
        #expect(days.clearWorkingDays(from: last, to: day(meeting)) == 5)
        #expect(days.clearWorkingDays(from: last.adding(days: 1), to: day(meeting)) < 5)
    }

    @Test func addingWorkingDays() {
        // Friday 18 December 2026 + 5 working days: 21, 22, 23, 24 December, then Christmas Day and the Boxing Day
        // substitute (28th) are skipped, so the 29th.
        #expect(days.adding(workingDays: 5, to: day("2026-12-18")).description == "2026-12-29")
    }

    @Test func badFeedIsRefused() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("holidays-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"scotland": {"events": []}}"#.utf8).write(to: file)
        #expect(throws: TownhallError.self) { try WorkingDays.load(file: file.path) }
    }
}
