import Foundation

/// Conversions between stored UTC instants and the wall-clock times people type and read (Europe/London by
/// default). Parsing is strict so that "2026-02-30" or "25:00" is refused rather than silently rolled over.
public struct LocalTime: Sendable {
    public let timeZone: TimeZone
    /// Made once: formatting runs on every page, and building formatters per call dominated request time.
    private let calendar: Calendar

    public init(timeZone: TimeZone = TimeZone(identifier: "Europe/London")!) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_GB")
        self.calendar = calendar
    }

    /// UTC, for machine-readable times (OParl, logs, HTTP dates).
    public static let utc = LocalTime(timeZone: TimeZone(identifier: "UTC")!)

    public static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                                "November", "December"]
    /// Monday first, as `Day.weekday` counts.
    public static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Parses `yyyy-MM-dd HH:mm` (or with a `T`) as a local wall-clock time. A time that does not exist
    /// (skipped by the spring clock change) is refused; an ambiguous autumn time takes the first occurrence.
    public func parseDateTime(_ text: String) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "T", with: " ")
        let parts = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let day = Self.dayParts(String(parts[0])) else {
            throw TownhallError.invalid("\"\(text)\" is not a date and time: use YYYY-MM-DD HH:MM, for example 2026-12-08 18:30")
        }
        let clock = parts[1].split(separator: ":")
        guard clock.count == 2, clock.allSatisfy({ $0.count == 2 }), let hour = Int(clock[0]), let minute = Int(clock[1]),
              (0...23).contains(hour), (0...59).contains(minute)
        else {
            throw TownhallError.invalid("\"\(text)\" has no valid time: use 24-hour HH:MM, for example 18:30")
        }
        _ = try parseDay(String(parts[0]))
        let components = DateComponents(year: day.0, month: day.1, day: day.2, hour: hour, minute: minute)
        guard let date = calendar.date(from: components) else {
            throw TownhallError.invalid("\"\(text)\" is not a real date")
        }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard back.year == day.0, back.month == day.1, back.day == day.2, back.hour == hour, back.minute == minute else {
            throw TownhallError.invalid("\"\(text)\" does not exist in \(timeZone.identifier) (the clocks change then)")
        }
        return date
    }

    /// Validates a calendar day `yyyy-MM-dd` and returns it unchanged.
    public func parseDay(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let day = Self.dayParts(trimmed) else {
            throw TownhallError.invalid("\"\(text)\" is not a date: use YYYY-MM-DD, for example 2026-05-21")
        }
        guard let date = calendar.date(from: DateComponents(year: day.0, month: day.1, day: day.2)),
              calendar.component(.day, from: date) == day.2, calendar.component(.month, from: date) == day.1
        else { throw TownhallError.invalid("\"\(text)\" is not a real date") }
        return trimmed
    }

    /// The local calendar day of an instant, as `yyyy-MM-dd`.
    public func day(of date: Date) -> String { calendarDay(of: date).description }

    /// "18:30": the value an HTML time input holds.
    public func clock24(_ date: Date) -> String {
        let c = clock(date)
        return "\(Self.padded(c.hour)):\(Self.padded(c.minute))"
    }

    /// The local day and the seconds since its midnight of an instant, from the zone's offset by arithmetic:
    /// `Calendar.dateComponents` took half a microsecond a call on Linux, eight times the offset lookup, for every
    /// date of every page and download (issue 15). Outside 1900-9999 (never a stored date) the calendar answers, so
    /// nothing depends on the arithmetic there. `LocalTimeArithmeticTests` compares both across the clock changes.
    private func split(_ date: Date) -> (day: Day, seconds: Int, offset: Int) {
        let interval = date.timeIntervalSince1970
        let offset = timeZone.secondsFromGMT(for: date)
        guard interval > -2_208_988_800, interval < 253_402_300_800 else {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            return (Day(ordinal: Day.ordinal(c.year!, c.month!, c.day!)), c.hour! * 3600 + c.minute! * 60 + c.second!, offset)
        }
        let local = Int(interval.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (Day(ordinal: days), local - days * 86_400, offset)
    }

    /// The instant the local day of `date` began, by the same arithmetic: a midnight under the offset of `date`,
    /// corrected by the offset at that midnight on the days the clocks change. `parseDateTime` of "day 00:00" did
    /// the same through `Calendar`, a tenth of a millisecond on every page the cache had not seen (issue 15).
    public func startOfDay(_ date: Date) -> Date {
        let interval = date.timeIntervalSince1970
        guard interval > -2_208_988_800, interval < 253_402_300_800 else { return calendar.startOfDay(for: date) }
        let (_, seconds, offset) = split(date)
        let midnight = Date(timeIntervalSince1970: Double(Int(interval.rounded(.down)) - seconds))
        return midnight.addingTimeInterval(Double(offset - timeZone.secondsFromGMT(for: midnight)))
    }

    private func clock(_ date: Date) -> (hour: Int, minute: Int, second: Int) {
        let seconds = split(date).seconds
        return (seconds / 3600, seconds % 3600 / 60, seconds % 60)
    }

    /// "Tuesday 8 December 2026"
    public func longDate(_ date: Date) -> String { longDate(day: calendarDay(of: date)) }

    /// "Tuesday 8 December 2026" for a calendar day (no time zone involved).
    public func longDate(day: Day) -> String {
        let c = day.components
        return "\(Self.weekdays[day.weekday - 1]) \(c.day) \(Self.months[c.month - 1]) \(c.year)"
    }

    /// The local calendar day of an instant.
    public func calendarDay(of date: Date) -> Day { split(date).day }

    /// "8 December 2026"
    public func shortDate(_ date: Date) -> String {
        let c = calendarDay(of: date).components
        return "\(c.day) \(Self.months[c.month - 1]) \(c.year)"
    }

    /// GOV.UK style times: "10am", "6:30pm", "midday", "midnight".
    public func time(_ date: Date) -> String {
        let (hour, minute, _) = clock(date)
        if minute == 0 && hour == 12 { return "midday" }
        if minute == 0 && hour == 0 { return "midnight" }
        let h12 = hour % 12 == 0 ? 12 : hour % 12
        let suffix = hour < 12 ? "am" : "pm"
        return minute == 0 ? "\(h12)\(suffix)" : "\(h12):\(Self.padded(minute))\(suffix)"
    }

    /// "Tuesday 8 December 2026, 10am"
    public func dateTime(_ date: Date) -> String { "\(longDate(date)), \(time(date))" }

    /// `yyyyMMddTHHmmss`: ISO 8601's basic form with no offset, as iCalendar's DATE-TIME wants it, built directly;
    /// filtering the separators out of `isoLocal` was a fifth of the calendar's render (issue 15).
    public func basicLocal(_ date: Date) -> String {
        let (day, seconds, _) = split(date)
        let c = day.components
        return Self.padded(c.year, 4) + Self.padded(c.month) + Self.padded(c.day) + "T" + Self.padded(seconds / 3600)
            + Self.padded(seconds % 3600 / 60) + Self.padded(seconds % 60)
    }

    /// Machine-readable value for `<time datetime>`: ISO 8601 with the local offset.
    public func isoLocal(_ date: Date) -> String {
        let (day, seconds, offset) = split(date)
        let zone = offset == 0 ? "Z" : "\(offset < 0 ? "-" : "+")\(Self.padded(abs(offset) / 3600)):\(Self.padded(abs(offset) % 3600 / 60))"
        return "\(day)T\(Self.padded(seconds / 3600)):\(Self.padded(seconds % 3600 / 60)):\(Self.padded(seconds % 60))" + zone
    }

    /// `value` with leading zeros to `width` digits. `String(format:)` did this at a twentieth of a paper page's CPU
    /// on Linux (issue 15).
    public static func padded(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func dayParts(_ text: String) -> (Int, Int, Int)? {
        let bits = text.split(separator: "-", omittingEmptySubsequences: false)
        guard bits.count == 3, bits[0].count == 4, bits[1].count == 2, bits[2].count == 2,
              let y = Int(bits[0]), let m = Int(bits[1]), let d = Int(bits[2]), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        return (y, m, d)
    }
}
