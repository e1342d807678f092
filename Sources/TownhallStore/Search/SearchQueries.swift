import Foundation
import GRDB
import TownhallDomain

/// What a resident searched for; `from` and `to` are calendar days (yyyy-MM-dd), already checked.
public struct SearchRequest: Sendable, Equatable {
    public var text: String
    public var bodySlug: String?
    public var from: String?
    public var to: String?
    public var page: Int
    public static let pageSize = 20
    /// Ranking every match of a very common word costs a full pass over its postings; beyond this many matches the
    /// results are listed newest first instead, and the count stops here.
    public static let countLimit = 1000
    /// The last page a search shows.
    public static let maxPage = 10_000

    public init(text: String, bodySlug: String? = nil, from: String? = nil, to: String? = nil, page: Int = 1) {
        self.text = text
        self.bodySlug = bodySlug
        self.from = from
        self.to = to
        // Bounded, so the offset cannot overflow whatever a caller passes; a page past the end is simply empty.
        self.page = min(max(1, page), Self.maxPage)
    }

    /// The words as an FTS5 query: each word quoted (so no operator syntax gets through), all required, the last
    /// also matching as a prefix. Nil when there is nothing to search for.
    public var ftsQuery: String? {
        let words = text.split { !($0.isLetter || $0.isNumber) }.map(String.init).prefix(12)
        guard !words.isEmpty else { return nil }
        return words.enumerated().map { index, word in
            "\"\(word)\"" + (index == words.count - 1 && word.count >= 3 ? "*" : "")
        }.joined(separator: " ")
    }
}

/// One search hit. The snippet marks matched words with U+E000 and U+E001, so the view can escape the text and
/// then turn only those marks into `<mark>`.
public struct SearchHit: Sendable, Equatable {
    public var kind: String
    public var refId: Int64
    public var meetingId: Int64?
    public var title: String
    public var snippet: String
    public var bodyName: String
    public var bodySlug: String
    public var day: String

    public init(
        kind: String, refId: Int64, meetingId: Int64? = nil, title: String, snippet: String, bodyName: String,
        bodySlug: String, day: String
    ) {
        self.kind = kind
        self.refId = refId
        self.meetingId = meetingId
        self.title = title
        self.snippet = snippet
        self.bodyName = bodyName
        self.bodySlug = bodySlug
        self.day = day
    }
}

public struct SearchResults: Sendable, Equatable {
    public var hits: [SearchHit]
    /// Matches counted up to `SearchRequest.countLimit`; `total > countLimit` means "more than that".
    public var total: Int
    /// Ranked by relevance; false when there were too many matches to rank, and the newest come first.
    public var ranked = true

    public init(hits: [SearchHit], total: Int, ranked: Bool = true) {
        self.hits = hits
        self.total = total
        self.ranked = ranked
    }
}

extension AppDatabase {
    public static let markStart = "\u{E000}"
    public static let markEnd = "\u{E001}"

    public func search(_ request: SearchRequest) async throws -> SearchResults {
        guard let query = request.ftsQuery else { return SearchResults(hits: [], total: 0) }
        var conditions = ["searchText MATCH ?"]
        var arguments: [String] = [query]
        if let slug = request.bodySlug {
            conditions.append("b.slug = ?")
            arguments.append(slug)
        }
        if let from = request.from {
            conditions.append("s.day >= ?")
            arguments.append(from)
        }
        if let to = request.to {
            conditions.append("s.day <= ?")
            arguments.append(to)
        }
        let filter = conditions.joined(separator: " AND ")
        let values = arguments
        let limit = SearchRequest.pageSize, offset = (request.page - 1) * SearchRequest.pageSize
        return try await writer.read { db in
            let total = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT 1 FROM searchText JOIN searchEntry s ON s.id = searchText.rowid JOIN body b ON b.id = s.bodyId
                                      WHERE \(filter) LIMIT \(SearchRequest.countLimit + 1))
                """, arguments: StatementArguments(values)) ?? 0
            let ranked = total <= SearchRequest.countLimit
            let ids = try Int64.fetchAll(db, sql: """
                SELECT searchText.rowid FROM searchText JOIN searchEntry s ON s.id = searchText.rowid JOIN body b ON b.id = s.bodyId
                WHERE \(filter)
                ORDER BY \(ranked ? "bm25(searchText, 5.0, 1.0), s.day DESC" : "searchText.rowid DESC")
                LIMIT ? OFFSET ?
                """, arguments: StatementArguments(values) + [limit, offset])
            guard !ids.isEmpty else { return SearchResults(hits: [], total: total, ranked: ranked) }
            // Snippets for the page shown only. Asked for in the ranking query, SQLite built one for every match
            // before sorting (each a pass over the entry's text), so a common word cost a thousand snippets.
            let rows = try Row.fetchAll(db, sql: """
                SELECT searchText.rowid AS id, s.kind, s.refId, s.meetingId, s.title, s.day, b.name AS bodyName, b.slug AS bodySlug,
                       snippet(searchText, 1, '\(Self.markStart)', '\(Self.markEnd)', '…', 24) AS snippet
                FROM searchText JOIN searchEntry s ON s.id = searchText.rowid JOIN body b ON b.id = s.bodyId
                WHERE searchText MATCH ? AND searchText.rowid IN (\(ids.map(String.init).joined(separator: ",")))
                """, arguments: [query])
            let byId = Dictionary(rows.map { (($0["id"] as Int64), $0) }, uniquingKeysWith: { first, _ in first })
            let hits = ids.compactMap { byId[$0] }.map { row in
                SearchHit(
                    kind: row["kind"], refId: row["refId"], meetingId: row["meetingId"], title: row["title"], snippet: row["snippet"] ?? "",
                    bodyName: row["bodyName"], bodySlug: row["bodySlug"], day: row["day"] ?? "")
            }
            return SearchResults(hits: hits, total: total, ranked: ranked)
        }
    }

    /// Rebuilds the whole index from `searchSource`; returns how many entries it holds.
    public func reindexSearch() throws -> Int {
        try writer.write { db in
            try SearchSchema.rebuild(db)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchEntry") ?? 0
        }
    }
}
