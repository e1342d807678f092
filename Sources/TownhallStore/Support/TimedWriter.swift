import Foundation
import GRDB
import Synchronization

/// Whether a store access was a read (a snapshot on a reader connection) or a write (the one writer, in a transaction).
public enum StoreAccess: String, Sendable, CaseIterable {
    case read, write
}

/// Where the store reports how long each read and write took, from asking for a connection to the end of the
/// transaction, so waiting for the write lock counts (issue 21: `/metrics`). The store only measures; whoever
/// observes decides what to keep. Nothing is measured until someone observes.
public final class StoreTimings: Sendable {
    public typealias Observer = @Sendable (StoreAccess, Duration) -> Void
    /// The observer inside a class, never a bare closure: a function kept in a `Mutex` is re-wrapped in two
    /// reabstraction thunks by every `withLock` that passes it through the generic `inout`, so each access called
    /// the observer through a longer chain than the last (issue 15: a third of a server's CPU after 3,000 requests,
    /// and memory growing with every one; `StoreTimingsTests`). A reference passes through unchanged.
    private final class Reporter: Sendable {
        let report: Observer
        init(_ report: @escaping Observer) { self.report = report }
    }
    private let reporter = Mutex<Reporter?>(nil)

    public init() {}

    /// Sends every later access's duration to `observer` (one observer: the server's metrics).
    public func observe(_ observer: @escaping Observer) {
        let reporter = Reporter(observer)
        self.reporter.withLock { $0 = reporter }
    }

    func time<T>(_ access: StoreAccess, _ body: () throws -> T) rethrows -> T {
        guard let reporter = reporter.withLock({ $0 }) else { return try body() }
        let started = ContinuousClock.now
        defer { reporter.report(access, ContinuousClock.now - started) }
        return try body()
    }

    func time<T>(_ access: StoreAccess, _ body: () async throws -> T) async rethrows -> T {
        guard let reporter = reporter.withLock({ $0 }) else { return try await body() }
        let started = ContinuousClock.now
        defer { reporter.report(access, ContinuousClock.now - started) }
        return try await body()
    }
}

/// The store's view of its pool: GRDB's own read and write, each timed by `StoreTimings`. Every store method reaches
/// SQLite through this, so no read or write goes unmeasured; the overloads mirror GRDB's, so call sites read the same.
struct TimedWriter {
    let pool: any DatabaseWriter
    let timings: StoreTimings

    @_disfavoredOverload
    func read<T>(_ value: (Database) throws -> T) throws -> T {
        try timings.time(.read) { try pool.read(value) }
    }

    func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        try await timings.time(.read) { try await pool.read(value) }
    }

    @_disfavoredOverload
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try timings.time(.write) {
            try pool.write { db in
                let result = try updates(db)
                try Self.markPageOne(db)
                return result
            }
        }
    }

    func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        try await timings.time(.write) {
            try await pool.write { db in
                let result = try updates(db)
                try Self.markPageOne(db)
                return result
            }
        }
    }

    /// Changes page 1 (the header's unused `user_version`) in every write transaction. In WAL mode SQLite leaves page
    /// 1 alone in most transactions, and Litestream's follow mode gives a replica a new change counter, the mark
    /// that makes its readers drop their cached pages, only for a change that includes page 1 (issue 21). So every
    /// change reaches a replica's readers whole, whatever the store's size.
    static func markPageOne(_ db: Database) throws {
        let mark = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        try db.execute(sql: "PRAGMA user_version = \(mark == Int32.max ? 1 : mark + 1)")
    }

    func writeWithoutTransaction<T>(_ updates: (Database) throws -> T) rethrows -> T {
        try timings.time(.write) { try pool.writeWithoutTransaction(updates) }
    }
}
