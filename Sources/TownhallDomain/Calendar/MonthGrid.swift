import Foundation

/// A calendar month, for the meetings archive (issue 19): "2027-01" in a link, the days it runs from and to, and
/// its weeks as a grid from Monday to Sunday with the days outside the month left empty.
public struct CalendarMonth: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// The archive reaches from the first minutes anyone might load to well past any meeting planned.
    public static let years = 1990...2100

    /// A month from "yyyy-MM", or nil for anything else (a month 13, a year out of range, extra characters).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 7, parts.count == 2, parts[0].count == 4, parts[1].count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), Self.years.contains(year), (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// The month a day falls in.
    public init(containing day: Day) {
        let c = day.components
        self.init(year: c.year, month: c.month)
    }

    public var firstDay: Day { Day(ordinal: Day.ordinal(year, month, 1)) }
    public var lastDay: Day { Day(ordinal: Day.ordinal(year, month, Day.daysInMonth(year, month))) }
    public var previous: CalendarMonth? { neighbour(-1) }
    public var next: CalendarMonth? { neighbour(1) }

    private func neighbour(_ step: Int) -> CalendarMonth? {
        let month = CalendarMonth(containing: firstDay.adding(months: step))
        return Self.years.contains(month.year) ? month : nil
    }

    public var description: String { "\(LocalTime.padded(year, 4))-\(LocalTime.padded(month))" }

    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                                    "November", "December"]
    public var label: String { "\(Self.monthNames[month - 1]) \(year)" }

    /// The month's weeks, Monday first; a day of another month is nil.
    public var weeks: [[Day?]] {
        let first = firstDay, last = lastDay
        var day = first.adding(days: -(first.weekday - 1))
        var weeks: [[Day?]] = []
        while day <= last {
            weeks.append((0..<7).map { offset in
                let current = day.adding(days: offset)
                return current < first || current > last ? nil : current
            })
            day = day.adding(days: 7)
        }
        return weeks
    }
}
