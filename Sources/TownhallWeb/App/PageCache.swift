import Foundation
import Hummingbird
import NIOCore
import TownhallDomain
import TownhallStore

/// Rendered public responses kept in memory, so a busy page is not re-read and re-rendered for every request.
/// An entry is served only while the store is unchanged (the newest audit entry id, which every write adds) and
/// for at most `maxAge` seconds, the same minute a CDN may keep it under `s-maxage=60`, so time-driven changes
/// (a meeting starting, a deadline passing) show within that minute.
final class PageCache: @unchecked Sendable {
    struct Entry {
        let body: ByteBuffer
        let headers: HTTPFields
        let version: Int64
        let stored: Date
        let lastModified: Date
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    let maxEntries: Int
    let maxAge: TimeInterval
    let maxBytes: Int

    init(maxEntries: Int = 2000, maxAge: TimeInterval = 60, maxBytes: Int = 512 * 1024) {
        self.maxEntries = maxEntries
        self.maxAge = maxAge
        self.maxBytes = maxBytes
    }

    func get(_ key: String, version: Int64, now: Date) -> Entry? {
        lock.withLock {
            guard let entry = entries[key] else { return nil }
            guard entry.version == version, now.timeIntervalSince(entry.stored) < maxAge, now >= entry.stored else {
                entries[key] = nil
                return nil
            }
            return entry
        }
    }

    func put(_ key: String, _ entry: Entry) {
        guard entry.body.readableBytes <= maxBytes else { return }
        lock.withLock {
            if entries.count >= maxEntries { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
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
