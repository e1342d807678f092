import Foundation
import Logging
import ServiceLifecycle
import TownhallDomain
import TownhallStore

/// Keeps the OParl ledger (`V20OParlLedger`) up to date with the audit trail, so `modified` is the time an object's
/// public representation last changed, embedded objects included, and an object that stops being public (withdrawn,
/// made exempt, removed, ended) stays at its URL as a tombstone (OParl 1.1, section 2.8).
///
/// Every write leaves an audit line; a catch-up takes the lines since the last one it took, finds the objects they
/// can affect (the store knows the schema's relations, the ledger the links of objects since deleted), renders
/// each as the public sees it now, and compares a hash of that with the ledger's. A changed object gets
/// `modified` = the time of the catch-up, which is never earlier than any request that could have seen the
/// object before the change, so a client that passes the time its last sync started as `modified_since` misses
/// nothing. The server catches up before answering any OParl request and every second in the background; the
/// CLI after seeding. A bulk load (an audit line about the whole store), or a store that has no ledger yet,
/// rebuilds it from every object.
public final class OParlLedger: Sendable {
    let database: AppDatabase
    let time: LocalTime
    let siteName: String
    let licence: OpenDataLicence
    let now: @Sendable () -> Date
    private let position = LockedValue<Int64?>(nil)

    init(database: AppDatabase, time: LocalTime, siteName: String, licence: OpenDataLicence, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.time = time
        self.siteName = siteName
        self.licence = licence
        self.now = now
    }

    /// The ledger for a configured site: its time zone and name, as the API writes them.
    public convenience init(config: AppConfig, database: AppDatabase, now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.init(database: database, time: try config.publicationRule().time, siteName: config.siteName, licence: config.licence, now: now)
    }

    /// Brings the ledger up to date with the store; the number of objects it changed. Cheap when it is. One
    /// catch-up runs at a time, so a request waits for one in flight (a rebuild) rather than reading half of it.
    @discardableResult
    public func catchUp(storeVersion: Int64? = nil) async throws -> Int {
        if let storeVersion, let known = position.value, known >= storeVersion { return 0 }
        return try await gate.serially { [self] in try await self.catchUpNow() }
    }

    private let gate = SerialGate()
    /// Objects per transaction when the ledger is built from every object, so clerks' writes are not held up for
    /// the minutes a large store takes.
    static let rebuildBatch = 1000

    enum Step: Sendable {
        case done(changed: Int, reached: Int64)
        case rebuild([OParlKey], reached: Int64)
    }

    private func catchUpNow() async throws -> Int {
        let (ledger, store) = try await database.oparlRead { try $0.ledgerPosition() }
        if let ledger, ledger >= store {
            position.value = ledger
            return 0
        }
        let (time, siteName, licence, now) = (time, siteName, licence, now)
        // Changes since the last catch-up are taken in one transaction, whose `now` is then their `modified`.
        let step = try await database.oparlLedgerWrite { writer -> Step in
            let (ledger, store) = try writer.reader.ledgerPosition()
            if let ledger, ledger >= store { return .done(changed: 0, reached: ledger) }
            guard let ledger, let keys = try Self.affected(writer, after: ledger, through: store) else {
                return .rebuild(try writer.everyCandidate(), reached: store)
            }
            let changed = try Self.record(keys, writer, time: time, siteName: siteName, licence: licence, now: now())
            try writer.setPosition(store)
            return .done(changed: changed, reached: store)
        }
        switch step {
        case .done(let changed, let reached):
            position.value = reached
            return changed
        case .rebuild(let keys, let reached):
            var changed = 0
            for start in stride(from: 0, to: keys.count, by: Self.rebuildBatch) {
                let batch = Array(keys[start..<min(start + Self.rebuildBatch, keys.count)])
                changed += try await database.oparlLedgerWrite { writer in
                    try Self.record(batch, writer, time: time, siteName: siteName, licence: licence, now: now())
                }
            }
            try await database.oparlLedgerWrite { writer in try writer.setPosition(reached) }
            position.value = reached
            return changed
        }
    }

    /// Renders each object as the public sees it now and records it: published, changed, unchanged or deleted.
    static func record(
        _ keys: [OParlKey], _ writer: OParlLedgerWriter, time: LocalTime, siteName: String, licence: OpenDataLicence, now: Date
    ) throws -> Int {
        let reader = writer.reader
        // The bare representation: no stamps, and paths without the base URL, so the hash does not change with it.
        let objects = OParlObjects(reader: reader, base: "", time: time, siteName: siteName, licence: licence, stamped: false)
        var changed = 0, seen = Set<OParlKey>()
        for key in keys where seen.insert(key).inserted {
            if let json = try objects.object(key) {
                let created = { try createdAt(reader, key) ?? now }
                if try writer.publish(key, hash: hash(json.bytes()), links: links(in: json, except: key), created: created, now: now) {
                    changed += 1
                }
            } else if try writer.delete(key, now: now) {
                changed += 1
            }
        }
        return changed
    }

    /// The objects the audit lines after `after` can affect, with the objects the ledger has linked to or from
    /// them (for rows deleted since); nil when a line is about the whole store.
    static func affected(_ writer: OParlLedgerWriter, after: Int64, through: Int64) throws -> [OParlKey]? {
        var seeds: [OParlKey] = []
        for (type, id) in try writer.auditedObjects(after: after, through: through) {
            guard let found = try writer.affected(type: type, id: id) else { return nil }
            seeds += found
        }
        var keys = seeds
        for seed in Set(seeds) {
            if let entry = try writer.entry(seed) { keys += try writer.links(from: entry) }
            if seed.kind.isEmbedded { keys += try writer.links(to: seed) }
        }
        return keys
    }

    /// When the row an object comes from was first audited; nil for one written before auditing.
    static func createdAt(_ reader: OParlReader, _ key: OParlKey) throws -> Date? {
        let number: Int64?
        let object: AuditObject
        switch key.kind {
        case .bodies: return try reader.storeChanges().first
        case .organizations: object = .body; number = Int64(key.key)
        case .persons: object = .person; number = Int64(key.key)
        case .memberships: object = .membership; number = Int64(key.key)
        case .meetings: object = .meeting; number = Int64(key.key)
        case .agendaitems: object = .agendaItem; number = Int64(key.key)
        case .papers, .consultations: object = .paper; number = Int64(key.key)
        case .files where key.paperFileId != nil: object = .paper; number = key.paperFileId
        case .files: object = .attachment; number = Int64(key.key)
        case .locations: object = .location; number = Int64(key.key)
        case .legislativeterms: return nil
        }
        return try number.flatMap { try reader.changes(object, $0).first }
    }

    static func hash(_ bytes: [UInt8]) -> String { HTTPCacheMiddleware.hex(bytes) }

    /// Every OParl object a representation refers to (embedded or by URL), except itself.
    static func links(in value: JSONValue, except own: OParlKey) -> Set<OParlKey> {
        var found = Set<OParlKey>()
        func visit(_ value: JSONValue) {
            switch value {
            case .string(let text):
                guard text.hasPrefix(prefix) else { return }
                let parts = text.dropFirst(prefix.count).split(separator: "/")
                if parts.count == 2, let kind = OParlKind(rawValue: String(parts[0])) {
                    let key = OParlKey(kind, String(parts[1]))
                    if key != own { found.insert(key) }
                }
            case .array(let values): values.forEach(visit)
            case .object(let members): members.values.forEach(visit)
            case .int, .bool: break
            }
        }
        visit(value)
        return found
    }

    static let prefix = SiteURL.oparlSystem.path.replacingOccurrences(of: "system", with: "")
}

/// Runs async work one piece at a time, in the order asked: each waits for the one before to finish.
actor SerialGate {
    private var tail: Task<Void, Never>?

    func serially<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tail
        let task = Task { () async throws -> T in
            await previous?.value
            return try await work()
        }
        tail = Task { _ = try? await task.value }
        return try await task.value
    }
}

/// A value behind a lock, for the little state a `Sendable` class keeps.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// Catches the ledger up every second while the server runs, so `modified` follows a change (from this process or
/// the CLI) within about a second even when no OParl client is asking; OParl requests catch up themselves too.
struct OParlLedgerService: Service {
    let ledger: OParlLedger
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    do {
                        let started = ContinuousClock.now
                        let changed = try await ledger.catchUp()
                        if changed > 1000 { logger.info("OParl ledger: \(changed) objects updated in \(ContinuousClock.now - started)") }
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        logger.error("OParl ledger catch-up failed: \(error)")
                    }
                    try await Task.sleep(for: .seconds(1))
                }
            }
        } catch is CancellationError {}
    }
}
