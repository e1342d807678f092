import Foundation
import Hummingbird
import NIOCore
import TownhallDomain
import TownhallStore

/// Rendered public responses kept in memory, so a busy page is not re-read and re-rendered for every request,
/// bounded by bytes (least recently used go first), not by count, so memory stays bounded whatever the pages weigh.
/// An entry is served only while the store is unchanged (the newest audit entry id, which every write adds) and
/// for at most `maxAge` seconds, the same minute a CDN may keep it under `s-maxage=60`, so time-driven changes
/// (a meeting starting, a deadline passing) show within that minute.
///
/// After a write every entry is out of date at once. The first request for a page then renders it afresh while
/// requests arriving during that render get the previous copy (stale-while-refresh, one render per page): before,
/// every one of them rendered the same page at the same moment, and one publication a second took the front pages
/// from 16,000 to 700 requests a second (issue 15). A request made after the write has finished never gets the old
/// copy unless another is already rendering the new one; a page that stops being public is dropped when its refresh
/// finds it gone.
final class PageCache: @unchecked Sendable {
    /// One response as rendered. Once the cache is half full (`compressesNewEntries`), a text body of a kilobyte or
    /// more is kept gzip-compressed (`GzipMiddleware.level`): a paper page goes from 7.5 KB to 2.6 KB, so the same
    /// bytes hold nearly three times the pages. With 10,000 random paper pages the uncompressed cache held about two
    /// thirds of them and served 6,000 requests a second, one big enough for all of them 18,000 (issue 15). Before
    /// that, pages are kept as rendered: inflating costs a cached request about a third of its time (15 µs for a
    /// paper page), which random meeting pages, all of which fit, paid for nothing (`make bench`: 23,343-24,538
    /// requests a second at 41b2890, 11,229-11,280 with everything compressed at 8175de9). A client that accepts gzip gets compressed bytes as they are, with
    /// their own tag; another gets them inflated. Only anonymous public responses are cached, so no secret shares a
    /// compressed body with what a visitor typed (BREACH).
    struct Entry {
        /// The body as rendered, or compressed when `plainBytes` is set.
        let body: ByteBuffer
        /// The headers of the uncompressed representation, its ETag included.
        let headers: HTTPFields
        let version: Int64
        let stored: Date
        let lastModified: Date
        /// The size of the rendered body, for a compressed entry.
        var plainBytes: Int? = nil

        /// The entry for a rendered response, compressed when asked to and that is worth it.
        static func rendered(
            _ plain: ByteBuffer, headers: HTTPFields, version: Int64, stored: Date, lastModified: Date, compress: Bool
        ) -> Entry {
            guard compress, plain.readableBytes >= GzipMiddleware.minimumBytes, GzipMiddleware.isCompressible(headers[.contentType]),
                  headers[.contentEncoding] == nil, let compressed = GzipMiddleware.gzip(plain)
            else { return Entry(body: plain, headers: headers, version: version, stored: stored, lastModified: lastModified) }
            return Entry(body: compressed, headers: headers, version: version, stored: stored, lastModified: lastModified, plainBytes: plain.readableBytes)
        }

        /// The response for a client that does or does not accept gzip (the caller decides, `GzipMiddleware.acceptsGzip`);
        /// `plain`, the rendered bytes when the caller still has them, spares inflating.
        /// Nil only if stored bytes failed to inflate, which `gzip` in this process made: the caller renders afresh.
        func response(gzip accepted: Bool, plain known: ByteBuffer? = nil) -> Response? {
            guard let plainBytes else { return Response(status: .ok, headers: headers, body: .init(byteBuffer: body)) }
            var fields = headers
            fields[.vary] = "Accept-Encoding"
            fields[.contentLength] = nil
            if accepted {
                fields[.contentEncoding] = "gzip"
                fields[.eTag] = headers[.eTag].map(GzipMiddleware.tagged)
                return Response(status: .ok, headers: fields, body: .init(byteBuffer: body))
            }
            guard let plain = known ?? GzipMiddleware.gunzip(body, size: plainBytes) else { return nil }
            return Response(status: .ok, headers: fields, body: .init(byteBuffer: plain))
        }
    }

    private let lock = NSLock()
    private var entries: [String: (entry: Entry, used: UInt64)] = [:]
    private var bytes = 0
    private var clock: UInt64 = 0
    /// Pages being rendered afresh by one request, which the others answer from their old copy meanwhile.
    private var refreshing: Set<String> = []
    /// The memory the cache may hold, counted in the bytes each body's buffer holds (its capacity, which NIO rounds
    /// up to a power of two, not only what it was written with) plus a fixed allowance per entry for its key and
    /// headers, so many small entries cannot grow it past the bound either.
    let maxBytes: Int
    let maxAge: TimeInterval
    /// A body larger than this is never kept (it would push out hundreds of pages).
    let maxEntryBytes: Int
    static let overheadPerEntry = 1024

    init(maxBytes: Int = 64 * 1024 * 1024, maxAge: TimeInterval = 60, maxEntryBytes: Int = 1024 * 1024) {
        self.maxBytes = maxBytes
        self.maxAge = maxAge
        self.maxEntryBytes = maxEntryBytes
    }

    /// The bytes the cache holds now, by the same count as `maxBytes`.
    var size: Int { lock.withLock { bytes } }

    /// Whether a page stored now should be kept compressed: once the cache is half full (see `Entry`).
    var compressesNewEntries: Bool { lock.withLock { bytes >= maxBytes / 2 } }

    /// What a request for `key` should do: send a copy, or render (`refresher`: it renders for the others too and
    /// must call `finishRefresh`).
    enum Lookup {
        case hit(Entry)
        case render(refresher: Bool)
    }

    func lookup(_ key: String, version: Int64, now: Date) -> Lookup {
        lock.withLock {
            guard let found = entries[key] else { return .render(refresher: false) }
            let current = found.entry.version == version && now.timeIntervalSince(found.entry.stored) < maxAge && now >= found.entry.stored
            if current || refreshing.contains(key) {
                clock += 1
                entries[key]?.used = clock
                return .hit(found.entry)
            }
            refreshing.insert(key)
            return .render(refresher: true)
        }
    }

    /// Ends a refresh: the others stop getting the old copy, which is dropped unless the refresh stored a new one.
    func finishRefresh(_ key: String, version: Int64) {
        lock.withLock {
            refreshing.remove(key)
            if let found = entries[key], found.entry.version != version { remove(key) }
        }
    }

    func put(_ key: String, _ entry: Entry) {
        let cost = Self.cost(entry)
        guard entry.body.readableBytes <= maxEntryBytes, cost <= maxBytes else { return }
        lock.withLock {
            remove(key)
            if bytes + cost > maxBytes { evict(toFit: cost) }
            clock += 1
            entries[key] = (entry, clock)
            bytes += cost
        }
    }

    static func cost(_ entry: Entry) -> Int { max(entry.body.capacity, entry.body.readableBytes) + overheadPerEntry }

    private func remove(_ key: String) {
        if let old = entries.removeValue(forKey: key) { bytes -= Self.cost(old.entry) }
    }

    /// Drops the least recently used entries until `cost` more bytes fit, with a quarter of the bound to spare so
    /// eviction (a sort of the entries) runs rarely rather than on every insert.
    private func evict(toFit cost: Int) {
        let target = max(0, maxBytes * 3 / 4 - cost)
        for (key, _) in entries.sorted(by: { $0.value.used < $1.value.used }) {
            guard bytes > target else { break }
            remove(key)
        }
    }
}

/// The store's version (newest audit id) and last write time, asked of SQLite only when this process has written
/// since, or after `recheck` seconds (monotonic) for writes by other processes.
final class StoreVersion: @unchecked Sendable {
    private let lock = NSLock()
    private var memo: (generation: Int64, version: Int64, lastWrite: Date?, checked: TimeInterval)?
    let database: AppDatabase
    let recheck: TimeInterval

    init(database: AppDatabase, recheck: TimeInterval = 0.25) {
        self.database = database
        self.recheck = recheck
    }

    func current() async throws -> (Int64, Date?) {
        let generation = database.changes.generation
        let now = ProcessInfo.processInfo.systemUptime
        if let memo = lock.withLock({ memo }), memo.generation == generation, now - memo.checked < recheck {
            return (memo.version, memo.lastWrite)
        }
        let (version, lastWrite) = try await database.changeVersion()
        lock.withLock { memo = (generation, version, lastWrite, now) }
        return (version, lastWrite)
    }
}

/// Collects a response body so it can be cached and sent again.
struct CollectingWriter: ResponseBodyWriter {
    final class Sink: @unchecked Sendable { var buffer = ByteBuffer() }
    let sink: Sink

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        sink.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
