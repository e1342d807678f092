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
