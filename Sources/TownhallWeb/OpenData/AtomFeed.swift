import Foundation
import TownhallDomain
import TownhallStore

/// Writes Atom (RFC 4287) feeds with absolute links; every value is XML-escaped.
public struct AtomFeed: Sendable {
    public struct Entry: Sendable {
        public var id: String
        public var title: String
        public var updated: Date
        public var link: String
        public var summary: String
        public var author: String
        public var category: String
    }

    public var id: String
    public var title: String
    public var selfLink: String
    public var alternateLink: String

    public func render(_ entries: [Entry], fallbackUpdated: Date) -> String {
        let updated = entries.map(\.updated).max() ?? fallbackUpdated
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <id>\(Self.escape(id))</id>
            <title>\(Self.escape(title))</title>
            <updated>\(Self.date(updated))</updated>
            <link rel="self" type="application/atom+xml" href="\(Self.escape(selfLink))"/>
            <link rel="alternate" type="text/html" href="\(Self.escape(alternateLink))"/>

            """
        for entry in entries {
            xml += """
                <entry>
                <id>\(Self.escape(entry.id))</id>
                <title>\(Self.escape(entry.title))</title>
                <updated>\(Self.date(entry.updated))</updated>
                <published>\(Self.date(entry.updated))</published>
                <link rel="alternate" type="text/html" href="\(Self.escape(entry.link))"/>
                <author><name>\(Self.escape(entry.author.isEmpty ? "Townhall" : entry.author))</name></author>
                <category term="\(Self.escape(entry.category))"/>
                <summary type="text">\(Self.escape(entry.summary))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }

    /// RFC 3339 in UTC ("2026-12-03T10:00:00Z"). An `ISO8601DateFormatter` made per date built an ICU formatter each
    /// time: over half the time of a feed (issue 15).
    static func date(_ date: Date) -> String { LocalTime.utc.isoLocal(date) }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // Characters XML 1.0 does not allow are dropped.
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r": continue
            case _ where (0xFFFE...0xFFFF).contains(scalar.value): continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
