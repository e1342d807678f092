import Foundation

/// Conversions between stored UTC instants and the wall-clock times people type and read (Europe/London by
/// default). Parsing is strict so that "2026-02-30" or "25:00" is refused rather than silently rolled over.
public struct LocalTime: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone = TimeZone(identifier: "Europe/London")!) {
        self.timeZone = timeZone
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_GB")
        return calendar
    }

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
    public func day(of date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// "18:30": the value an HTML time input holds.
    public func clock24(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour!, c.minute!)
    }

    /// "Tuesday 8 December 2026"
    public func longDate(_ date: Date) -> String { format(date, "EEEE d MMMM yyyy") }

    /// "Tuesday 8 December 2026" for a calendar day (no time zone involved).
    public func longDate(day: Day) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let c = day.components
        let noon = utc.date(from: DateComponents(year: c.year, month: c.month, day: c.day, hour: 12))!
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = utc.timeZone
        formatter.dateFormat = "EEEE d MMMM yyyy"
        return formatter.string(from: noon)
    }

    /// The local calendar day of an instant.
    public func calendarDay(of date: Date) -> Day { Day(day(of: date))! }

    /// "8 December 2026"
    public func shortDate(_ date: Date) -> String { format(date, "d MMMM yyyy") }

    /// GOV.UK style times: "10am", "6:30pm", "midday", "midnight".
    public func time(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        let hour = c.hour!, minute = c.minute!
        if minute == 0 && hour == 12 { return "midday" }
        if minute == 0 && hour == 0 { return "midnight" }
        let h12 = hour % 12 == 0 ? 12 : hour % 12
        let suffix = hour < 12 ? "am" : "pm"
        return minute == 0 ? "\(h12)\(suffix)" : String(format: "%d:%02d%@", h12, minute, suffix)
    }

    /// "Tuesday 8 December 2026, 10am"
    public func dateTime(_ date: Date) -> String { "\(longDate(date)), \(time(date))" }

    /// Machine-readable value for `<time datetime>`: ISO 8601 with the local offset.
    public func isoLocal(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    private func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    private static func dayParts(_ text: String) -> (Int, Int, Int)? {
        let bits = text.split(separator: "-", omittingEmptySubsequences: false)
        guard bits.count == 3, bits[0].count == 4, bits[1].count == 2, bits[2].count == 2,
              let y = Int(bits[0]), let m = Int(bits[1]), let d = Int(bits[2]), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        return (y, m, d)
    }
}
