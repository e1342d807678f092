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
    }

    public let name: String
    public let timeZone: TimeZone

    public init(name: String, timeZone: TimeZone) {
        self.name = name
        self.timeZone = timeZone
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
            lines.append(dateTime("DTSTART", event.start))
            if let end = event.end { lines.append(dateTime("DTEND", end)) }
            lines.append("SUMMARY:" + Self.text(event.summary))
            if let location = event.location { lines.append("LOCATION:" + Self.text(location)) }
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + Self.text(event.description)) }
            lines.append("URL:" + event.url)
            switch event.status {
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

    func local(_ date: Date) -> String { Self.stamp(date, in: timeZone, suffix: "") }
    func utc(_ date: Date) -> String { Self.stamp(date, in: TimeZone(identifier: "UTC")!, suffix: "Z") }

    static func stamp(_ date: Date, in zone: TimeZone, suffix: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!) + suffix
    }

    /// TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 section 3.3.11).
    static func text(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\n")
    }

    /// Folds a content line into chunks of at most 75 octets, never splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var result = "", octets = 0, limit = 75
        for character in line {
            let size = String(character).utf8.count
            if octets + size > limit {
                result += "\r\n "
                octets = 1
                limit = 75
            }
            result.append(character)
            octets += size
        }
        return result
    }
}
