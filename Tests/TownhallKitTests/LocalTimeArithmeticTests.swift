import Foundation
import Testing
@testable import TownhallDomain

/// `LocalTime` reads an instant's wall clock by arithmetic from the zone's offset rather than through `Calendar`
/// (issue 15). Every answer must be the calendar's, in London across the clock changes, in UTC, and in zones with
/// other rules and half-hour offsets, for instants on, just before and just after each change.
@Suite("Local time by arithmetic")
struct LocalTimeArithmeticTests {
    static let zones = ["Europe/London", "UTC", "America/New_York", "Asia/Kolkata", "Australia/Adelaide"]

    /// The calendar's reading, the way `LocalTime` read it before.
    static func expected(_ date: Date, _ zone: TimeZone) -> (day: String, clock: String, iso: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = "\(LocalTime.padded(c.year!, 4))-\(LocalTime.padded(c.month!))-\(LocalTime.padded(c.day!))"
        let offset = zone.secondsFromGMT(for: date)
        let mark = offset == 0 ? "Z" : "\(offset < 0 ? "-" : "+")\(LocalTime.padded(abs(offset) / 3600)):\(LocalTime.padded(abs(offset) % 3600 / 60))"
        return (day, "\(LocalTime.padded(c.hour!)):\(LocalTime.padded(c.minute!))",
                "\(day)T\(LocalTime.padded(c.hour!)):\(LocalTime.padded(c.minute!)):\(LocalTime.padded(c.second!))" + mark)
    }

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// Instants around every clock change of 2015-2030 in the zone, and a spread through the years.
    static func instants(_ zone: TimeZone) -> [Date] {
        var dates: [Date] = []
        var cursor = Date(timeIntervalSince1970: 1_420_070_400)  // 2015-01-01
        let end = Date(timeIntervalSince1970: 1_924_992_000)  // 2031-01-01
        while let change = zone.nextDaylightSavingTimeTransition(after: cursor), change < end {
            for delta in [-3601.0, -1, -0.5, 0, 0.5, 1, 1799, 3599, 3600, 86_399] { dates.append(change.addingTimeInterval(delta)) }
            cursor = change
        }
        for step in stride(from: 0.0, to: 16 * 365 * 86_400, by: 86_400 * 3.7 + 1234.5) {
            dates.append(Date(timeIntervalSince1970: 1_420_070_400 + step))
        }
        // Before 1970 and the far ends the fast path leaves to the calendar.
        dates += [Date(timeIntervalSince1970: -86_400 * 365 * 30 - 0.25), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 0),
                  Date(timeIntervalSince1970: -2_300_000_000), Date(timeIntervalSince1970: 253_402_300_799), Date.distantFuture]
        return dates
    }

    @Test(arguments: zones)
    func everyReadingIsTheCalendars(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let time = LocalTime(timeZone: zone)
        var checked = 0
        for date in Self.instants(zone) {
            let want = Self.expected(date, zone)
            #expect(time.day(of: date) == want.day, "\(zoneName) \(date.timeIntervalSince1970)")
            #expect(time.calendarDay(of: date).description == want.day, "\(zoneName) \(date.timeIntervalSince1970)")
            #expect(time.clock24(date) == want.clock, "\(zoneName) \(date.timeIntervalSince1970)")
            #expect(time.isoLocal(date) == want.iso, "\(zoneName) \(date.timeIntervalSince1970)")
            let clock = want.iso.split(separator: "T")[1].prefix(8)
            #expect(time.basicLocal(date) == want.day.filter { $0 != "-" } + "T" + clock.filter { $0 != ":" }, "\(zoneName) \(date.timeIntervalSince1970)")
            #expect(time.startOfDay(date) == Self.calendar(zone).startOfDay(for: date), "\(zoneName) \(date.timeIntervalSince1970)")
            checked += 1
        }
        #expect(checked > 1_500)
    }
}
