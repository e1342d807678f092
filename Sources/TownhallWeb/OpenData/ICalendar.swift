import Foundation
import TownhallDomain
import TownhallStore

/// Writes RFC 5545 calendars of meetings: CRLF lines folded at 75 octets, escaped text, local times with a
/// Europe/London VTIMEZONE (so calendar apps follow the clock changes), UTC stamps.
public struct ICalendar: Sendable {
    public struct Event: Sendable {
        public var uid: String
        public var stamp: Date
        public var start: Date
        public var end: Date?
        public var summary: String
        public var location: String?
        public var description: String
        public var url: String
        public var status: MeetingStatus
        /// A whole day (a forward plan's expected decision day) rather than a time: `DTSTART;VALUE=DATE`, the day after
        /// as `DTEND` (RFC 5545 section 3.6.1), marked tentative, since a plan's dates are expectations.
        public var allDay: Day? = nil
    }

    public let name: String
    public let timeZone: TimeZone
    /// Made once per calendar, not per date: a calendar and time zone built for every stamp, and `String(format:)`,
    /// were most of the time of a 500-event calendar (issue 15).
    let localTime: LocalTime

    public init(name: String, timeZone: TimeZone) {
        self.name = name
        self.timeZone = timeZone
        localTime = LocalTime(timeZone: timeZone)
    }

    var isLondon: Bool { timeZone.identifier == "Europe/London" }

    public func render(_ events: [Event]) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Townhall//Meetings calendar//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.text(name),
        ]
        if isLondon {
            lines += [
                "X-WR-TIMEZONE:Europe/London", "BEGIN:VTIMEZONE", "TZID:Europe/London",
                "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19810329T010000",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
                "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19961027T020000",
                "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
            ]
        }
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + event.uid, "DTSTAMP:" + utc(event.stamp), "LAST-MODIFIED:" + utc(event.stamp)]
            if let day = event.allDay {
                lines += ["DTSTART;VALUE=DATE:" + Self.basic(day), "DTEND;VALUE=DATE:" + Self.basic(day.adding(days: 1))]
            } else {
                lines.append(dateTime("DTSTART", event.start))
                if let end = event.end { lines.append(dateTime("DTEND", end)) }
            }
            lines.append("SUMMARY:" + Self.text(event.summary))
            if let location = event.location { lines.append("LOCATION:" + Self.text(location)) }
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + Self.text(event.description)) }
            lines.append("URL:" + event.url)
            switch event.status {
            case _ where event.allDay != nil: lines.append("STATUS:TENTATIVE")
            case .cancelled: lines.append("STATUS:CANCELLED")
            case .postponed: lines.append("STATUS:TENTATIVE")
            case .scheduled, .held: lines.append("STATUS:CONFIRMED")
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    func dateTime(_ property: String, _ date: Date) -> String {
        isLondon ? "\(property);TZID=Europe/London:\(local(date))" : "\(property):\(utc(date))"
    }

    /// `yyyyMMdd`, a DATE value.
    static func basic(_ day: Day) -> String { day.description.filter { $0 != "-" } }

    func local(_ date: Date) -> String { Self.stamp(date, in: localTime, suffix: "") }
    func utc(_ date: Date) -> String { Self.stamp(date, in: LocalTime.utc, suffix: "Z") }

    /// `yyyyMMddTHHmmss` in `time`'s zone: its ISO 8601 form without separators or offset.
    static func stamp(_ date: Date, in time: LocalTime, suffix: String) -> String {
        String(time.isoLocal(date).prefix(19).filter { $0 != "-" && $0 != ":" }) + suffix
    }

    /// TEXT values: backslash, semicolon, comma and newlines (CRLF, LF or CR) escaped (RFC 5545 section 3.3.11).
    /// One pass over the scalars: six `replacingOccurrences` per value were half the time of a calendar (issue 15).
    static func text(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count + 8)
        var afterCR = false
        for scalar in value.unicodeScalars {
            let wasCR = afterCR
            afterCR = scalar == "\r"
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r": result += "\\n"
            case "\n": if !wasCR { result += "\\n" }
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Folds a content line into chunks of at most 75 octets, never splitting a character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var result = "", octets = 0
        result.reserveCapacity(line.utf8.count + line.utf8.count / 24)
        for character in line {
            let size = character.utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.append(character)
            octets += size
        }
        return result
    }
}
