import Foundation
import GRDB
import TownhallDomain

/// The one store shared by the server and the CLI. A WAL-mode pool lets both run on the same file at once;
/// the busy timeout makes a writer wait for the other process instead of failing.
public final class AppDatabase: Sendable {
    /// Internal to the store: every other target reads and writes through the store's methods, and these through
    /// `writer`; only maintenance (backup, restore, integrity, bulk loading) takes the pool itself.
    let pool: any DatabaseWriter
    /// How long reads and writes take, for whoever observes (the server's `/metrics`).
    public let timings = StoreTimings()
    /// The pool, every access timed: what the store's methods read and write through.
    var writer: TimedWriter { TimedWriter(pool: pool, timings: timings) }
    /// This process's committed writes, for the page cache.
    public let changes = ChangeCounter()
    /// The time for every write that is not given one: the composition root's clock (tests move it).
    let clock: @Sendable () -> Date
    /// Peer challenge timing from configuration (`peerChallengeProfile` and its settings).
    public let peerChallengeRules: PeerChallengeRules

    /// `migrating` false for a read-only replica, whose schema is the writer's to change.
    public init(
        _ writer: any DatabaseWriter, clock: @escaping @Sendable () -> Date, peerChallengeRules: PeerChallengeRules = .mission,
        migrating: Bool = true
    ) throws {
        self.pool = writer
        self.clock = clock
        self.peerChallengeRules = peerChallengeRules
        if migrating {
            try Migrations.migrator.migrate(writer)
            try PaperText.fill(writer)
        }
        writer.add(transactionObserver: changes, extent: .databaseLifetime)
    }

    /// Opens (creating if needed) the database file at `path` and runs pending migrations.
    public static func open(
        path: String, clock: @escaping @Sendable () -> Date, peerChallengeRules: PeerChallengeRules = .mission
    ) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            return try AppDatabase(DatabasePool(path: path, configuration: configuration), clock: clock, peerChallengeRules: peerChallengeRules)
        } catch let error as DatabaseError {
            throw TownhallError.io("cannot open database \(path): \(error.message ?? error.description)")
        }
    }

    /// Whether every migration this build knows has been applied.
    public func pendingMigrations() throws -> [String] {
        try writer.read { db in
            let applied = try Migrations.migrator.appliedIdentifiers(db)
            return Migrations.migrator.migrations.filter { !applied.contains($0) }
        }
    }

    static let mmapBytes = 2_147_418_112

    static var configuration: Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        // Reads go through a read-only memory map of the store file instead of a pread copy into each connection's
        // small page cache: on the 100,000-paper bench store, random OParl pages went from p99 128 ms (and 503s
        // shed) to 14 ms, because a page embedding a hundred meetings touches thousands of B-tree pages (issue 15).
        // The mapped pages are the operating system's file cache, shared and reclaimable, not the process's own
        // memory, but they do count in its VmRSS. SQLite caps the map at 2 GB; beyond that it reads as before.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = \(Self.mmapBytes)") }
        return config
    }
}

extension AppDatabase {
    /// One plain line for an SQLite failure, so callers outside the store never see GRDB's types.
    public static func describe(_ error: any Error) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        return "database error: \(error.message ?? error.description)"
    }
}

extension AppDatabase {
    /// Runs synchronous store work (a write, or a sign-in's password hash) on a dispatch queue and awaits it, so a
    /// request handler never holds a cooperative thread or an event loop while SQLite waits for the write lock or
    /// bcrypt runs. The CLI calls the same methods directly.
    public func perform<T: Sendable>(_ work: @escaping @Sendable (AppDatabase) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Self.blockingWork.async { continuation.resume(with: Result { try work(self) }) }
        }
    }

    private static let blockingWork = DispatchQueue(label: "townhall.store.blocking", qos: .userInitiated, attributes: .concurrent)
}
