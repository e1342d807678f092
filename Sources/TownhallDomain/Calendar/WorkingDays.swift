import Foundation

/// A calendar day without a time or zone, so working-day arithmetic cannot drift across clock changes.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Parses `yyyy-MM-dd`; nil for anything that is not a real date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...Day.daysInMonth(y, m)).contains(d)
        else { return nil }
        ordinal = Day.ordinal(y, m, d)
    }

    public var components: (year: Int, month: Int, day: Int) {
        // Civil-from-days (Howard Hinnant).
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 1 = Monday ... 7 = Sunday.
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 + 1 }
    public var isWeekend: Bool { weekday >= 6 }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The same day `count` calendar months later, clamped to the month's end (31 August + 6 months = 28 or 29 February).
    public func adding(months count: Int) -> Day {
        let c = components
        let months = c.month - 1 + count
        let year = c.year + Int((Double(months) / 12).rounded(.down)), month = ((months % 12) + 12) % 12 + 1
        return Day(ordinal: Day.ordinal(year, month, min(c.day, Day.daysInMonth(year, month))))
    }

    /// The day `count` years later; 29 February becomes 28 February in a common year.
    public func adding(years count: Int) -> Day { adding(months: 12 * count) }

    public var description: String {
        let c = components
        return "\(LocalTime.padded(c.year, 4))-\(LocalTime.padded(c.month))-\(LocalTime.padded(c.day))"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    static func ordinal(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// England and Wales working days: not a weekend, not a bank holiday from the GOV.UK feed in `Config/`, and not one
/// of the council's own closed days (`ClosedDays`, LGA 1972 s243).
public struct WorkingDays: Sendable {
    public let bankHolidays: Set<Day>
    public let closedDays: ClosedDays
    /// The last year the holiday list covers; beyond it we cannot promise a correct answer.
    public let coveredThrough: Int?

    public init(bankHolidays: Set<Day>, closedDays: ClosedDays = .none) {
        self.bankHolidays = bankHolidays
        self.closedDays = closedDays
        coveredThrough = bankHolidays.map { $0.components.year }.max()
    }

    /// The same calendar with the council's closed days left out too.
    public func closing(_ days: ClosedDays) -> WorkingDays { WorkingDays(bankHolidays: bankHolidays, closedDays: days) }

    /// Whether the holiday list reaches `day`'s year; beyond it only weekends (and closed days) are known.
    public func covers(_ day: Day) -> Bool { coveredThrough.map { day.components.year <= $0 } ?? false }

    /// What a clerk or the log is told about a day beyond the holiday list.
    public func beyondMessage(_ day: Day) -> String? {
        guard !covers(day) else { return nil }
        let known = coveredThrough.map { "ends with \($0)" } ?? "is empty"
        return "the bank holiday list \(known), so deadlines in \(day.components.year) count only weekends as holidays; "
            + "load a newer GOV.UK list with townhall holidays import FILE"
    }

    /// Reads the GOV.UK bank-holidays JSON (its `england-and-wales` division).
    public static func load(file: String) throws -> WorkingDays {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw TownhallError.io("cannot read bank holidays file \(file)")
        }
        return try parse(data, file: file)
    }

    /// The same from bytes already read (`townhall holidays import` checks a file before copying those bytes).
    public static func parse(_ data: Data, file: String) throws -> WorkingDays {
        struct Feed: Decodable {
            struct Division: Decodable { let events: [Event] }
            struct Event: Decodable { let date: String }
            let englandAndWales: Division
            enum CodingKeys: String, CodingKey { case englandAndWales = "england-and-wales" }
        }
        guard let feed = try? JSONDecoder().decode(Feed.self, from: data) else {
            throw TownhallError.invalid("bank holidays file \(file) is not in the GOV.UK feed format")
        }
        var days = Set<Day>()
        for event in feed.englandAndWales.events {
            guard let day = Day(event.date) else {
                throw TownhallError.invalid("bank holidays file \(file) has a bad date \"\(event.date)\"")
            }
            days.insert(day)
        }
        return WorkingDays(bankHolidays: days)
    }

    public func isWorkingDay(_ day: Day) -> Bool { !day.isWeekend && !bankHolidays.contains(day) && !closedDays.contains(day) }

    /// The last day on which an agenda can be published and still leave `clearDays` clear working days before
    /// the meeting. Clear days exclude both the day of publication and the day of the meeting.
    public func lastOnTimePublication(meeting: Day, clearDays: Int = 5) -> Day {
        var day = meeting
        var counted = 0
        while counted < clearDays {
            day = day.adding(days: -1)
            if isWorkingDay(day) { counted += 1 }
        }
        return day.adding(days: -1)
    }

    /// Working days strictly between publication and meeting.
    public func clearWorkingDays(from publication: Day, to meeting: Day) -> Int {
        guard meeting.ordinal - publication.ordinal > 1 else { return 0 }
        return (publication.ordinal + 1..<meeting.ordinal).filter { isWorkingDay(Day(ordinal: $0)) }.count
    }

    /// `count` working days after `start` (not counting `start`); before it when `count` is negative.
    public func adding(workingDays count: Int, to start: Day) -> Day {
        let step = count < 0 ? -1 : 1
        var day = start
        var remaining = abs(count)
        while remaining > 0 {
            day = day.adding(days: step)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// `day` itself when it is a working day, otherwise the working day before it.
    public func onOrBefore(_ day: Day) -> Day {
        var day = day
        while !isWorkingDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// `day` itself when it is a working day, otherwise the next working day.
    public func onOrAfter(_ day: Day) -> Day {
        var day = day
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// Working days from `start` to `end`, counting `end` but not `start`; negative when `end` is earlier.
    public func workingDays(from start: Day, to end: Day) -> Int {
        if end < start { return -workingDays(from: end, to: start) }
        return (start.ordinal + 1..<end.ordinal + 1).filter { isWorkingDay(Day(ordinal: $0)) }.count
    }
}
