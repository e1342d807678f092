import Foundation
import GRDB
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// Calendars, feeds, bulk data and HTTP caching, as other software and caches see them.
@Suite("Open data over HTTP")
struct OpenDataTests {
    /// Feed and download dates are RFC 3339 in UTC, as `ISO8601DateFormatter` wrote them before it was replaced (issue 15).
    @Test func feedDatesAreWhatTheISOFormatterWrote() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        for seconds in [0.0, 1_790_000_000, 1_774_746_000, 1_774_746_000.75, 1_793_496_600, -1, 4_102_444_799, 1_234_567_890.5] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(AtomFeed.date(date) == formatter.string(from: date), "\(seconds)")
        }
    }

    @Test func icalendarLinesAreFoldedAndEscaped() {
        let long = String(repeating: "é", count: 60)
        let folded = ICalendar.fold("SUMMARY:" + long)
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == "SUMMARY:" + long, "unfolding restores the line")
        #expect(ICalendar.text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne")
        // Each line ending, whichever convention, is one escaped newline (issue 15 rewrote this as one pass).
        #expect(ICalendar.text("one\r\ntwo\rthree\nfour\n\r\nfive") == "one\\ntwo\\nthree\\nfour\\n\\nfive")
        #expect(ICalendar.fold("short") == "short")
        #expect(ICalendar.fold(String(repeating: "a", count: 75)) == String(repeating: "a", count: 75))
        #expect(ICalendar.fold(String(repeating: "a", count: 76)) == String(repeating: "a", count: 75) + "\r\n a")
        // Folding by bytes (issue 15) gives what folding by characters gave, for every mix of 1- to 4-byte characters.
        func byCharacters(_ line: String) -> String {
            guard line.utf8.count > 75 else { return line }
            var result = "", octets = 0
            for character in line {
                if octets + character.utf8.count > 75 {
                    result += "\r\n "
                    octets = 1
                }
                result.append(character)
                octets += character.utf8.count
            }
            return result
        }
        let alphabet: [Character] = ["a", ",", "é", "€", "🚓", "£", " ", "ß", "中"]
        var generator = SystemRandomNumberGenerator()
        for length in 0..<300 {
            let line = "DESCRIPTION:" + String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(ICalendar.fold(line) == byCharacters(line), "\(line)")
        }
    }

    /// Issue 15: the meetings download is paged by id, `DataSet.pageSize` a file, each page linking the next with
    /// `Link: rel="next"` until the last; every meeting is in exactly one page; a bad `after` is refused.
    @Test func meetingsDataIsPagedByIdWithALinkToTheNextPage() async throws {
        try await withDemo { store, client in
            try await store.database.writer.write { db in
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(DataSet.pageSize + 500))
                    INSERT INTO meeting (bodyId, title, startsAt, status) SELECT (SELECT MIN(id) FROM body), 'Bulk meeting ' || i, '2027-03-01 10:00:00.000', 'scheduled' FROM n
                    """)
            }
            let total = try store.database.list(Meeting.self).count
            #expect(total > DataSet.pageSize && total <= 2 * DataSet.pageSize, "two pages")
            var ids: [Int64] = [], path: String? = "/data/meetings.csv?bom=1", pages = 0
            while let next = path {
                let page = try await Browser.anonymous(client, next)
                #expect(page.status == .ok && page.body.hasPrefix("\u{FEFF}"), "\(next)")
                let lines = page.body.split(separator: "\r\n").dropFirst()
                #expect(lines.count <= DataSet.pageSize)
                ids += lines.compactMap { Int64($0.split(separator: ",")[0].drop { $0 == "\u{FEFF}" }) }
                // Every open-data answer also links its licence; the next page is the `rel="next"` link.
                path = page.headers[values: FeedRoutes.linkField].first(where: { $0.hasSuffix("rel=\"next\"") }).map { link in
                    #expect(link.hasPrefix("<\(store.config.baseURL)/data/meetings.csv?after=") && link.hasSuffix(">; rel=\"next\""), "\(link)")
                    return String(link.dropFirst(1 + store.config.baseURL.count).prefix { $0 != ">" })
                }
                pages += 1
            }
            #expect(pages == 2 && ids.count == total && ids == ids.sorted() && Set(ids).count == total)
            let json = try await Browser.anonymous(client, "/data/meetings.json?after=\(ids[DataSet.pageSize - 1])")
            #expect(json.status == .ok && !json.headers[values: FeedRoutes.linkField].contains { $0.hasSuffix("rel=\"next\"") }
                    && json.body.contains("\"id\":\(ids.last!)"))
            let first = try await Browser.anonymous(client, "/data/meetings.json")
            #expect(first.headers[.accessControlExposeHeaders]?.contains("Link") == true, "a cross-origin harvester can read the link")
            for bad in ["-1", "x", "0x10", "99999999999999999999"] {
                #expect(try await Browser.anonymous(client, "/data/meetings.csv?after=\(bad)").status == .badRequest, "\(bad)")
            }
        }
    }

    /// Issue 15: a calendar is bounded whatever the store holds: the window, then the latest `maxEvents` of it.
    @Test func calendarsAreBoundedByTheirWindow() async throws {
        let store = try TestStore(seeded: true)
        let db = store.database
        let old = try db.addMeeting(body: "harford-lpac", title: "Long ago meeting", startsAt: store.now.addingTimeInterval(-400 * 86_400),
                                    endsAt: nil, locationName: nil, address: nil, actor: .test)
        let far = try db.addMeeting(body: "harford-lpac", title: "Far future meeting", startsAt: store.now.addingTimeInterval(500 * 86_400),
                                    endsAt: nil, locationName: nil, address: nil, actor: .test)
        for day in 1...(CalendarWindow.maxEvents + 5) {
            _ = try db.addMeeting(body: "harford-lpac", title: "Weekly \(day)", startsAt: store.now.addingTimeInterval(Double(day) * 3600),
                                  endsAt: nil, locationName: nil, address: nil, actor: .test)
        }
        let meetings = try await db.calendarMeetings(bodyId: nil, window: CalendarWindow(now: store.now))
        #expect(meetings.count == CalendarWindow.maxEvents)
        #expect(!meetings.contains { $0.summary.meeting.id == old.id || $0.summary.meeting.id == far.id })
        #expect(meetings.map(\.summary.meeting.startsAt) == meetings.map(\.summary.meeting.startsAt).sorted(), "in date order")
        #expect(meetings.contains { $0.summary.meeting.title == "Weekly \(CalendarWindow.maxEvents + 5)" }, "the latest are kept")
    }

    /// Issue 15: the page cache is bounded by bytes, dropping the least recently used entries first.
    @Test func thePageCacheIsBoundedByBytes() {
        let cache = PageCache(maxBytes: 1_000_000, maxAge: 60, maxEntryBytes: 200_000)
        let now = Date()
        func entry(_ size: Int) -> PageCache.Entry {
            .init(body: ByteBuffer(repeating: 0x61, count: size), headers: [:], version: 1, stored: now, lastModified: now)
        }
        func kept(_ key: String) -> Bool { if case .hit = cache.lookup(key, version: 1, now: now) { true } else { false } }
        cache.put("/kept", entry(100_000))
        for i in 0..<100 {
            cache.put("/page/\(i)", entry(100_000))
            #expect(kept("/kept"), "a page in use stays")
            #expect(cache.size <= cache.maxBytes)
        }
        cache.put("/huge", entry(300_000))
        #expect(!kept("/huge"), "an entry over the per-entry limit is not kept")
        #expect(kept("/page/99") && !kept("/page/0"))
    }

    /// Issue 15: after a write, one request renders a page afresh while the others get the old copy; once that
    /// refresh ends, nobody gets the old copy, and a page whose refresh stored nothing (it stopped being public) is gone.
    @Test func afterAWriteOneRequestRefreshesAPageWhileTheOthersGetTheOldCopy() {
        let cache = PageCache()
        let now = Date()
        cache.put("/", .init(body: ByteBuffer(string: "old"), headers: [:], version: 1, stored: now, lastModified: now))
        guard case .hit = cache.lookup("/", version: 1, now: now) else { Issue.record("a current copy is sent"); return }
        guard case .render(refresher: true) = cache.lookup("/", version: 2, now: now) else { Issue.record("the first after a write renders"); return }
        guard case .hit(let stale) = cache.lookup("/", version: 2, now: now) else { Issue.record("others get the old copy meanwhile"); return }
        #expect(String(buffer: stale.body) == "old")
        cache.put("/", .init(body: ByteBuffer(string: "new"), headers: [:], version: 2, stored: now, lastModified: now))
        cache.finishRefresh("/", version: 2)
        guard case .hit(let fresh) = cache.lookup("/", version: 2, now: now) else { Issue.record("the new copy is kept"); return }
        #expect(String(buffer: fresh.body) == "new")
        // A refresh that stores nothing (the page is now a 404) drops the old copy for everyone.
        guard case .render(refresher: true) = cache.lookup("/", version: 3, now: now) else { Issue.record("a refresh starts"); return }
        cache.finishRefresh("/", version: 3)
        guard case .render(refresher: false) = cache.lookup("/", version: 3, now: now) else { Issue.record("the old copy is gone"); return }
    }

    @Test func calendarsFollowRFC5545() async throws {
        try await withDemo { store, client in
            let page = try await Browser.anonymous(client, "/calendar.ics")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/calendar; charset=utf-8")
            let body = page.body
            #expect(body.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && body.hasSuffix("END:VCALENDAR\r\n"))
            let lines = body.components(separatedBy: "\r\n").dropLast()
            #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "folded at 75 octets")
            #expect(!body.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF only")
            let unfolded = body.replacingOccurrences(of: "\r\n ", with: "")
            let events = unfolded.components(separatedBy: "BEGIN:VEVENT").dropFirst()
            let window = CalendarWindow(now: store.now)
            #expect(events.count == (try store.database.list(Meeting.self)).filter { $0.startsAt >= window.from && $0.startsAt <= window.until }.count)
            for event in events {
                #expect(event.contains("\r\nUID:meeting-") && event.contains("\r\nDTSTAMP:") && event.contains("\r\nDTSTART;TZID=Europe/London:"))
                // An end time, or the length calendars are told to show and the description saying so (issue 19).
                #expect(event.contains("\r\nDTEND;TZID=Europe/London:") != event.contains("\r\nDURATION:\(ICalendar.assumedDuration)\r\n"))
                #expect(event.contains("\r\nDURATION:") == event.contains("two hours long"))
            }
            #expect(events.contains { $0.contains("\r\nDURATION:PT2H\r\n") }, "the demo has meetings with no end time")
            #expect(unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London"))
            let cancelled = try #require(events.first { $0.contains("Inquiry planning meeting") })
            #expect(cancelled.contains("STATUS:CANCELLED"))
            #expect(events.first { $0.contains("Budget and precept meeting") }?.contains("STATUS:CONFIRMED") == true)
            // A summer meeting is written in local (BST) time, not UTC.
            let session = try store.database.list(Meeting.self).first { $0.title.hasPrefix("Evidence session") }!
            let local = ICalendar.stamp(session.startsAt, in: LocalTime(timeZone: TimeZone(identifier: "Europe/London")!), suffix: "")
            #expect(unfolded.contains("DTSTART;TZID=Europe/London:\(local)") && local.hasSuffix("T180000"))

            let lpac = try await Browser.anonymous(client, "/bodies/harford-lpac/calendar.ics").body
            #expect(lpac.contains("Inquiry planning meeting") && !lpac.contains("Budget and precept meeting"))
            #expect(try await Browser.anonymous(client, "/bodies/nope/calendar.ics").status == .notFound)
            #expect(try await Browser.anonymous(client, "/bodies/harford-lpac").body.contains("href=\"/bodies/harford-lpac/calendar.ics\""))
        }
    }

    /// Parses XML with Foundation's parser; nil when it is not well-formed.
    final class AtomReader: NSObject, XMLParserDelegate {
        var titles: [String] = []
        var inTitle = false
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            if name == "title" { inTitle = true; text = "" }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { text += string } }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title" { titles.append(text); inTitle = false }
        }
        static func titles(_ xml: String) -> [String]? {
            let reader = AtomReader()
            let parser = XMLParser(data: Data(xml.utf8))
            parser.delegate = reader
            return parser.parse() ? reader.titles : nil
        }
    }

    @Test func atomFeedsListOnlyPublicPapersAndResponses() async throws {
        try await withDemo { store, client in
            let page = try await Browser.anonymous(client, "/feeds/papers.atom")
            #expect(page.headers[.contentType] == "application/atom+xml; charset=utf-8")
            let titles = try #require(AtomReader.titles(page.body), "well-formed XML")
            let visible = try store.database.list(Paper.self).filter { $0.status == .published && !$0.title.contains("(exempt)") }
            #expect(titles.count == visible.count + 1, "feed title plus one entry per public paper")
            #expect(!titles.contains { $0.contains("exempt") || $0.contains("Capital programme") })
            let board = try #require(AtomReader.titles(try await Browser.anonymous(client, "/bodies/harford-policing-board/papers.atom").body))
            #expect(board.first == "New papers: Harford and Marsh Vale Policing Board")
            #expect(board.contains("Force budget and precept 2027/28") && !board.contains("Delays in hospital discharge: final report"))
            let responses = try #require(AtomReader.titles(try await Browser.anonymous(client, "/feeds/responses.atom").body))
            #expect(responses.contains("Harford and Marsh NHS Foundation Trust responded to Delays in hospital discharge: final report"))
            #expect(try await Browser.anonymous(client, "/bodies/nope/responses.atom").status == .notFound)
        }
    }

    @Test func bulkDataHasTheDocumentedColumns() async throws {
        try await withDemo { store, client in
            // One request for more time, so that file has a row to check.
            let deadlines = try store.config.deadlines()
            let waiting = try #require(try await store.database.trackedRecommendations(RecommendationScope(), deadlines: deadlines, now: store.now)
                .first { $0.state.allows(.requestExtension) && $0.recommendation.dueOn != nil })
            try store.database.requestExtension(
                recommendationId: waiting.recommendation.id!, organisationId: nil, to: Day(waiting.recommendation.dueOn!)!.adding(days: 14).description,
                reason: "Board meets later", at: store.now, deadlines: deadlines, actor: .test)
            for (name, columns) in [
                ("extension-requests", ExtensionRequestLine.columns),
                ("meetings", MeetingLine.columns), ("recommendations", RecommendationLine.columns), ("responses", ResponseLine.columns),
            ] {
                let csv = try await Browser.anonymous(client, "/data/\(name).csv")
                #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(csv.body.hasPrefix(columns.joined(separator: ",") + "\r\n"), "\(name)")
                let json = try await Browser.anonymous(client, "/data/\(name).json")
                let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [[String: Any]])
                #expect(!rows.isEmpty && rows.allSatisfy { Set($0.keys) == Set(columns) }, "\(name)")
                let data = try await Browser.anonymous(client, "/data").body
                for column in columns { #expect(data.contains(column), "\(name).\(column) is documented") }
            }
            let recommendations = try #require(
                try JSONSerialization.jsonObject(with: Data(try await Browser.anonymous(client, "/data/recommendations.json").body.utf8)) as? [[String: Any]])
            let issued = try store.database.list(Recommendation.self).filter { $0.status != .draft }
            #expect(recommendations.count == issued.count)
            #expect(CSVWriter.render(header: ["a"], rows: [["=HYPERLINK(\"x\")"], ["-3"], ["-x"], ["a,b"]])
                == "a\r\n\"'=HYPERLINK(\"\"x\"\")\"\r\n-3\r\n'-x\r\n\"a,b\"\r\n")
        }
    }

    @Test func publicResponsesRevalidateWithETagsAndLastModified() async throws {
        try await withDemo { store, client in
            let paper = try store.database.list(Paper.self).first { $0.title == "Force budget and precept 2027/28" }!
            for uri in ["/", "/papers/\(paper.id!)", "/bodies/harford-lpac", "/feeds/papers.atom", "/calendar.ics", "/data/meetings.csv"] {
                let first = try await client.execute(uri: uri, method: .get) { $0 }
                #expect(first.status == .ok)
                let etag = try #require(first.headers[.eTag], "\(uri)")
                #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"), "strong")
                #expect(first.headers[.cacheControl] == "public, max-age=0, s-maxage=60")
                let lastModified = try #require(first.headers[.lastModified])
                let again = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag]) { $0 }
                #expect(again.status == .notModified, "\(uri)")
                #expect(again.body.readableBytes == 0 && again.headers[.eTag] == etag)
                let stale = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"other\""]) { $0 }
                #expect(stale.status == .ok)
                let since = try await client.execute(uri: uri, method: .get, headers: [.ifModifiedSince: lastModified]) { $0 }
                #expect(since.status == .notModified, "\(uri)")
            }
            // A publication changes the list's ETag, and nothing signed-in or private is marked public.
            let home = try await client.execute(uri: "/feeds/papers.atom", method: .get) { $0 }
            let draft = try store.database.list(Paper.self).first { $0.status == .draft }!
            _ = try store.database.publishPaper(id: draft.id!, renderer: MarkdownRenderer(), at: store.now, rule: store.rule, lateReason: "x", actor: .test)
            let after = try await client.execute(uri: "/feeds/papers.atom", method: .get, headers: [.ifNoneMatch: home.headers[.eTag]!]) { $0 }
            #expect(after.status == .ok)
            for uri in ["/login", "/admin", "/provider", "/papers/999999"] {
                let response = try await client.execute(uri: uri, method: .get) { $0 }
                #expect(response.headers[.cacheControl]?.hasPrefix("public") != true, "\(uri)")
            }
        }
    }

    @Test func cachedPagesFollowWritesFromThisProcessAtOnceAndFromOthersWithinAQuarterSecond() async throws {
        try await withDemo { store, client in
            #expect(!(try await Browser.anonymous(client, "/").body.contains("Written here")))
            _ = try store.database.addBody(slug: "written-here", name: "Written here", kind: .jointCommittee, actor: .test)
            #expect(try await Browser.anonymous(client, "/").body.contains("Written here"), "same process: seen at once")
            let otherProcess = try AppDatabase.open(path: store.config.databasePath, clock: { Date() })
            _ = try otherProcess.addBody(slug: "written-elsewhere", name: "Written elsewhere", kind: .jointCommittee, actor: .test)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await Browser.anonymous(client, "/").body.contains("Written elsewhere"), "another connection: seen after the recheck")
        }
    }
}
