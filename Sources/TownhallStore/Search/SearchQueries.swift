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
    /// The last page a search shows: the counted matches and no further, so no page number makes the store walk
    /// every posting of a common word to reach a far offset.
    public static let lastPage = countLimit / pageSize

    public init(text: String, bodySlug: String? = nil, from: String? = nil, to: String? = nil, page: Int = 1) {
        self.text = text
        self.bodySlug = bodySlug
        self.from = from
        self.to = to
        // Bounded, so the offset stays within the counted matches whatever a caller passes.
        self.page = min(max(1, page), Self.lastPage)
    }

    /// The words searched for: letters and digits only, at most 12.
    var words: [String] { text.split { !($0.isLetter || $0.isNumber) }.map(String.init).prefix(12).map { $0 } }

    /// The words as an FTS5 query: each word quoted (so no operator syntax gets through), all required. The index
    /// stems words (Porter), so "lounges" finds "lounge". Nil when there is nothing to search for.
    public var ftsQuery: String? {
        let words = words
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"" }.joined(separator: " ")
    }

    /// The same with the last word (of three letters or more) also matching as a prefix, tried only when the words
    /// as typed find nothing and the last is not a whole word the index holds, so it was cut short ("discharge
    /// loun"). Not always: SQLite merges every posting of every word with that prefix before returning one match,
    /// so a common last word made each search cost the whole index (issue 15).
    public var prefixQuery: String? {
        let words = words
        guard let last = words.last, last.count >= 3 else { return nil }
        return (words.dropLast().map { "\"\($0)\"" } + ["\"\(last)\"*"]).joined(separator: " ")
    }

    /// The last word alone, as a whole word.
    var lastWordQuery: String? { words.last.map { "\"\($0)\"" } }
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
        guard let exact = request.ftsQuery else { return SearchResults(hits: [], total: 0) }
        let prefix = request.prefixQuery
        return try await writer.read { db in
            let found = try Self.search(db, query: exact, request)
            guard found.total == 0, let prefix, let last = request.lastWordQuery,
                  try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM searchText WHERE searchText MATCH ? LIMIT 1"), arguments: [last]) == nil
            else { return found }
            return try Self.search(db, query: prefix, request)
        }
    }

    /// One FTS5 query: count (up to the limit), rank or list newest first, then the page's rows with snippets.
    static func search(_ db: Database, query: String, _ request: SearchRequest) throws -> SearchResults {
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
        let joins = "JOIN searchEntry s ON s.id = searchText.rowid JOIN body b ON b.id = s.bodyId"
        // With no filter the count needs the index alone.
        let filtered = conditions.count > 1
        let total = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM (SELECT 1 FROM searchText \(filtered ? joins : "") WHERE \(filter) LIMIT \(SearchRequest.countLimit + 1))
            """), arguments: StatementArguments(arguments)) ?? 0
        let ranked = total <= SearchRequest.countLimit
        let limit = SearchRequest.pageSize, offset = (request.page - 1) * SearchRequest.pageSize
        let ids = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT searchText.rowid FROM searchText \(joins)
            WHERE \(filter)
            ORDER BY \(ranked ? "bm25(searchText, 5.0, 1.0), s.day DESC" : "searchText.rowid DESC")
            LIMIT ? OFFSET ?
            """), arguments: StatementArguments(arguments) + [limit, offset])
        // Snippets for the page shown only, one entry at a time: asked for in the ranking query, SQLite built one
        // for every match before sorting, and `rowid IN (...)` is not handed to FTS5, which then walked every match.
        let hits = try ids.compactMap { id -> SearchHit? in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT s.kind, s.refId, s.meetingId, s.title, s.day, b.name AS bodyName, b.slug AS bodySlug,
                       snippet(searchText, 1, '\(markStart)', '\(markEnd)', '…', 24) AS snippet
                FROM searchText \(joins)
                WHERE searchText MATCH ? AND searchText.rowid = ?
                """), arguments: [query, id])
            else { return nil }
            return SearchHit(
                kind: row["kind"], refId: row["refId"], meetingId: row["meetingId"], title: row["title"], snippet: row["snippet"] ?? "",
                bodyName: row["bodyName"], bodySlug: row["bodySlug"], day: row["day"] ?? "")
        }
        return SearchResults(hits: hits, total: total, ranked: ranked)
    }

    /// Rebuilds the whole index from `searchSource`; returns how many entries it holds.
    public func reindexSearch() throws -> Int {
        try writer.write { db in
            try SearchSchema.rebuild(db)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchEntry") ?? 0
        }
    }
}
