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

    /// How long a meeting with no end time is shown, stated in its description: without DTEND or DURATION an event
    /// with a start time lasts no time at all (RFC 5545 section 3.6.1), and calendars draw it as a sliver.
    public static let assumedDuration = "PT2H"
    static let assumedNote = "No end time has been set: calendars show this meeting as two hours long."

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
        lines.reserveCapacity(lines.count + events.count * 12 + 1)
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + event.uid, "DTSTAMP:" + utc(event.stamp), "LAST-MODIFIED:" + utc(event.stamp)]
            if let day = event.allDay {
                lines += ["DTSTART;VALUE=DATE:" + Self.basic(day), "DTEND;VALUE=DATE:" + Self.basic(day.adding(days: 1))]
            } else {
                lines.append(dateTime("DTSTART", event.start))
                lines.append(event.end.map { dateTime("DTEND", $0) } ?? "DURATION:" + Self.assumedDuration)
            }
            lines.append("SUMMARY:" + Self.text(event.summary))
            if let location = event.location { lines.append("LOCATION:" + Self.text(location)) }
            let description = event.end == nil && event.allDay == nil
                ? [event.description, Self.assumedNote].filter { !$0.isEmpty }.joined(separator: "\n\n") : event.description
            if !description.isEmpty { lines.append("DESCRIPTION:" + Self.text(description)) }
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
        // Folded and joined as bytes, in one buffer: folding each line as a String, character by character, and
        // joining them was most of the time of a 500-event calendar (issue 15).
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 4 })
        for line in lines {
            Self.appendFolded(line, into: &out)
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return String(decoding: out, as: UTF8.self)
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
        time.basicLocal(date) + suffix
    }

    /// TEXT values: backslash, semicolon, comma and newlines (CRLF, LF or CR) escaped (RFC 5545 section 3.3.11).
    /// One pass over the bytes, and the value itself when nothing needs escaping: six `replacingOccurrences` per
    /// value, then a pass over its scalars, were in turn a large part of the time of a calendar (issue 15).
    static func text(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x3B || $0 == 0x2C || $0 == 0x0D || $0 == 0x0A }) else { return value }
        var result: [UInt8] = []
        result.reserveCapacity(value.utf8.count + 8)
        var afterCR = false
        for byte in value.utf8 {
            let wasCR = afterCR
            afterCR = byte == 0x0D
            switch byte {
            case 0x5C: result += [0x5C, 0x5C]
            case 0x3B: result += [0x5C, 0x3B]
            case 0x2C: result += [0x5C, 0x2C]
            case 0x0D: result += [0x5C, UInt8(ascii: "n")]
            case 0x0A: if !wasCR { result += [0x5C, UInt8(ascii: "n")] }
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Folds a content line into chunks of at most 75 octets, never splitting a character's UTF-8 sequence
    /// (RFC 5545 section 3.1).
    static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        appendFolded(line, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `fold` into a buffer: a continuation line starts with a space, which counts towards its 75 octets.
    static func appendFolded(_ line: String, into out: inout [UInt8]) {
        guard line.utf8.count > 75 else {
            out.append(contentsOf: line.utf8)
            return
        }
        var octets = 0
        for byte in line.utf8 {
            // A lead byte says how long its sequence is; continuation bytes (10xxxxxx) stay with it.
            if byte & 0xC0 != 0x80 {
                let size = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                if octets + size > 75 {
                    out += [0x0D, 0x0A, 0x20]
                    octets = 1
                }
                octets += size
            }
            out.append(byte)
        }
    }
}
