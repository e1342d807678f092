import Foundation
import HummingbirdTesting
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// The package root, so tests use the real templates and static files.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh directory removed when the value is released.
final class TemporaryDirectory: Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("townhall-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A real SQLite file store with configuration pointing at it; optionally filled with the demo.
struct TestStore {
    let directory: TemporaryDirectory
    let config: AppConfig
    let database: AppDatabase
    let now: Date

    /// `clock` is the store's time for writes not given one; `now`, the time the demo is seeded at.
    init(seeded: Bool = false, now: Date = Date(), clock: @escaping @Sendable () -> Date = { Date() },
         maxUploadBytes: Int = 10 * 1024 * 1024, peerChallengeRules: PeerChallengeRules = .mission) throws {
        directory = try TemporaryDirectory()
        var config = AppConfig(
            host: "127.0.0.1", port: 0, databasePath: directory.path("townhall.sqlite"),
            dataDirectory: directory.path("data"), siteName: "Townhall Test",
            templatesDirectory: packageRoot.appendingPathComponent("Templates").path,
            publicDirectory: packageRoot.appendingPathComponent("Public").path, maxUploadBytes: maxUploadBytes,
            bankHolidaysFile: packageRoot.appendingPathComponent("Config/bank-holidays.json").path)
        // Every app under test runs the agenda pack service: HTML packs only, so no test starts a PDF renderer
        // unless it asks for one (`AgendaPackTests`).
        config.pdfCommand = ""
        self.config = config
        database = try AppDatabase.open(path: config.databasePath, clock: clock, peerChallengeRules: peerChallengeRules)
        self.now = now
        if seeded {
            try DemoData(database: database, files: AttachmentFiles(dataDirectory: config.dataDirectory), rule: try config.publicationRule())
                .seed(now: now)
        }
    }

    var files: AttachmentFiles { AttachmentFiles(dataDirectory: config.dataDirectory) }
    var rule: PublicationRule { try! config.publicationRule() }
}

extension Actor {
    static let test = Actor(label: "test:suite")
}

/// A clock tests can move forward, for session expiry and deadline checks.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

extension SecurityPolicy {
    /// Cheap hashing for tests; everything else as in production.
    static var testing: SecurityPolicy {
        var policy = SecurityPolicy()
        policy.bcryptCost = 4
        return policy
    }
}

/// The one seeded demo app for the public-site suites: `body` gets the store and an in-process client of an app
/// built exactly as the server builds it, on the store's fixed clock. Signed-in suites use `BackOffice.run`.
func withDemo(_ body: @escaping @Sendable (TestStore, any TestClientProtocol) async throws -> Void) async throws {
    let store = try TestStore(seeded: true)
    let app = try await buildApplication(config: store.config, database: store.database, now: { store.now })
    try await app.test(.router) { client in try await body(store, client) }
}

/// The publication rule of the project's configuration (its bank holidays, London time), for store calls in tests
/// that have no `TestStore` at hand.
let testRule = PublicationRule(
    workingDays: try! WorkingDays.load(file: packageRoot.appendingPathComponent("Config/bank-holidays.json").path), time: LocalTime())
