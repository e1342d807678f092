import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallStore
@testable import TownhallWeb

/// Issue 21: `serve --read-only` answers residents' and operators' GETs and refuses everything else with one page,
/// and is ready only while its copy is fresh. (The replica itself, kept by Litestream, is checked end to end by
/// `Tests/e2e/replication_check.py`.)
@Suite("Read-only replica")
struct ReadOnlyReplicaTests {
    @Test func everyRouteThatSignsInOrChangesAnythingIsRefused() async throws {
        let office = try BackOffice()
        let objects = try office.sampleObjects()
        var config = office.store.config
        config.readOnly = true
        let clock = office.clock
        let app = try await buildApplication(config: config, database: office.store.database, logger: .quietTests, policy: .testing, now: { clock.now })
        // Every write changes user_version (`TimedWriter.markPageOne`), so an unchanged one means nothing was written.
        func mark() throws -> Int32 { try office.store.database.writer.read { db in try Int32.fetchOne(db, sql: "PRAGMA user_version")! } }
        let before = try mark()
        try await app.test(.router) { client in
            var browser = Browser(client)
            for route in Route.allCases {
                let sample = office.sample(route, objects)
                for method in route.methods {
                    let page = method == .get ? try await browser.get(sample.url.path) : try await browser.post(sample.url.path, sample.fields)
                    if RouteTable.servedReadOnly(route, method) {
                        // (`/metrics` still refuses this in-process client, which has no loopback address, but as any server would.)
                        #expect(!page.body.contains("This copy of the site is read only"), "\(method) \(route) is served")
                    } else {
                        #expect(page.status == .forbidden && page.body.contains("This copy of the site is read only"), "\(method) \(route): \(page.status)")
                    }
                }
            }
            #expect(try await browser.get("/").status == .ok)
            #expect(try await browser.get("/oparl/v1.1/bodies").status == .ok)
        }
        #expect(try mark() == before, "nothing was written")
    }

    @Test func readyOnlyWhileTheHeartbeatIsFresh() async throws {
        let store = try TestStore(seeded: true)
        var config = store.config
        config.readOnly = true
        config.replicaMaxLagSeconds = 30
        let clock = TestClock(store.now)
        let app = try await buildApplication(config: config, database: store.database, logger: .quietTests, now: { clock.now })
        try await app.test(.router) { client in
            let unknown = try await Browser.anonymous(client, "/readyz")
            #expect(unknown.status == .serviceUnavailable && unknown.body == "not ready, replication lag unknown: the writer stamps no heartbeat")
            try await store.database.beat(at: clock.now.addingTimeInterval(-2))
            let fresh = try await Browser.anonymous(client, "/readyz")
            #expect(fresh.status == .ok && fresh.body == "ready, replication lag 2.0 s", "\(fresh.body)")
            clock.advance(40)
            let stale = try await Browser.anonymous(client, "/readyz")
            #expect(stale.status == .serviceUnavailable && stale.body == "not ready, replication lag 42.0 s")
        }
    }

    /// The writer's heartbeat, and the mark every write leaves on page 1 so Litestream flags each change to replicas.
    @Test func everyWriteChangesPageOne() async throws {
        let store = try TestStore()
        func userVersion() throws -> Int32 { try store.database.writer.read { db in try Int32.fetchOne(db, sql: "PRAGMA user_version")! } }
        var seen: Set<Int32> = [try userVersion()]
        for second in 1...3 {
            try await store.database.beat(at: Date(timeIntervalSince1970: Double(second)))
            seen.insert(try userVersion())
        }
        #expect(seen.count == 4, "each write left a new mark: \(seen)")
        #expect(try await store.database.lastHeartbeat() == Date(timeIntervalSince1970: 3))
    }

    @Test func theReplicaSettingsAreCheckedAsTheyAreRead() throws {
        let config = try AppConfig.load(
            environment: ["TOWNHALL_REPLICATION_HEARTBEAT": "1", "TOWNHALL_REPLICA_MAX_LAG": "20"], defaultFile: "/nonexistent/default.json")
        #expect(config.replicationHeartbeatSeconds == 1 && config.replicaMaxLagSeconds == 20 && !config.readOnly)
        for (key, bad) in [("TOWNHALL_REPLICATION_HEARTBEAT", "61"), ("TOWNHALL_REPLICATION_HEARTBEAT", "-1"), ("TOWNHALL_REPLICA_MAX_LAG", "0")] {
            #expect(throws: ConfigError.self) { try AppConfig.load(environment: [key: bad], defaultFile: "/nonexistent/default.json") }
        }
    }
}
