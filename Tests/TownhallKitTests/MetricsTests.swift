import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallStore
@testable import TownhallWeb

/// Issue 21: `/metrics` in Prometheus' text format, over a real socket from loopback, and refused to anyone else.
@Suite("Metrics")
struct MetricsTests {
    typealias Name = AppMetrics.Name

    /// The value of one series in an exposition, found by its name and labels as Prometheus writes them.
    static func value(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test func aScrapeCountsWhatHappened() async throws {
        let store = try TestStore(seeded: true)
        let app = try await buildApplication(config: store.config, database: store.database, policy: .testing, now: { store.now })
        try await app.test(.live) { client in
            var browser = Browser(client)
            for _ in 0..<5 { #expect(try await browser.get("/").status == .ok) }
            #expect(try await browser.get("/bodies/harford-policing-board").status == .ok)
            #expect(try await browser.get("/no/such/page/\(UUID())").status == .notFound)
            #expect(try await browser.get("/css/townhall.css").status == .ok)
            #expect(try await browser.signIn("nobody@townhall.test", "wrong password").status == .unprocessableContent)
            let scrape = try await browser.get("/metrics")
            #expect(scrape.status == .ok)
            #expect(scrape.headers[.contentType] == OperationsRoutes.contentType && scrape.headers[.cacheControl] == "no-store")
            let text = scrape.body
            #expect(Self.value(text, #"\#(Name.requests){route="/",method="GET",status="200"}"#) == 5, "\(text)")
            // By route pattern, so ids and random paths never make a series each.
            #expect(Self.value(text, #"\#(Name.requests){route="/bodies/{slug}",method="GET",status="200"}"#) == 1)
            #expect(Self.value(text, #"\#(Name.requests){route="unmatched",method="GET",status="404"}"#) == 1)
            #expect(Self.value(text, #"\#(Name.requests){route="static",method="GET",status="200"}"#) == 1)
            #expect(Self.value(text, #"\#(Name.requestDuration)_count{route="/"}"#) == 5)
            // Six public pages asked for; the app's own services may write to the store as it starts (the OParl
            // ledger's catch-up), which makes a cached copy stale, so only the sum and "some hits" are certain.
            let hits = Self.value(text, #"\#(Name.pageCache){result="hit"}"#) ?? 0
            #expect(hits + (Self.value(text, #"\#(Name.pageCache){result="miss"}"#) ?? 0) == 6)
            #expect(hits >= 1)
            #expect((Self.value(text, #"\#(Name.storeDuration)_count{access="read"}"#) ?? 0) > 0)
            #expect((Self.value(text, #"\#(Name.storeDuration)_count{access="write"}"#) ?? 0) > 0, "the failed sign-in is recorded")
            #expect(Self.value(text, Name.signInFailures) == 1)
            #expect(Self.value(text, Name.signInThrottled) == 0)
            let counts = try await store.database.operationalCounts(deadlines: try store.config.deadlines(), now: store.now)
            #expect(Self.value(text, Name.recommendationsOverdue) == Double(counts.recommendationsOverdue))
            #expect(counts.recommendationsOverdue > 0, "the demo has overdue responses")
            #expect(Self.value(text, Name.outboxUnsent) == Double(counts.outboxUnsent))
        }
    }

    @Test func onlyThisMachineOrTheTokenMayRead() {
        let token = "s3cret-token-0123456789"
        var headers = HTTPFields()
        #expect(OperationsRoutes.allowed(headers, remoteAddress: "127.0.0.1", token: nil))
        #expect(OperationsRoutes.allowed(headers, remoteAddress: "::1", token: nil))
        #expect(!OperationsRoutes.allowed(headers, remoteAddress: "192.0.2.7", token: nil))
        #expect(!OperationsRoutes.allowed(headers, remoteAddress: "192.0.2.7", token: token))
        headers[.authorization] = "Bearer \(token)"
        #expect(OperationsRoutes.allowed(headers, remoteAddress: "192.0.2.7", token: token))
        #expect(!OperationsRoutes.allowed(headers, remoteAddress: "192.0.2.7", token: nil), "no token configured: none accepted")
        headers[.authorization] = "Bearer \(token)x"
        #expect(!OperationsRoutes.allowed(headers, remoteAddress: "127.0.0.1", token: token), "a wrong token is refused, even locally")
        // A proxy on the same host makes every visitor a loopback peer: its header disqualifies.
        var proxied = HTTPFields()
        proxied[HTTPField.Name("X-Forwarded-For")!] = "198.51.100.4"
        #expect(!OperationsRoutes.allowed(proxied, remoteAddress: "127.0.0.1", token: nil))
    }

    /// Each label value is a series kept for the process's life, so none may come from what a client chooses.
    @Test func labelsAreBoundedWhateverClientsSend() {
        #expect(RequestLogMiddleware.methodLabel(.get) == "GET" && RequestLogMiddleware.methodLabel(.post) == "POST")
        #expect(RequestLogMiddleware.methodLabel(HTTPRequest.Method("PURGE")!) == "other")
        #expect(RequestLogMiddleware.methodLabel(HTTPRequest.Method("X\(UUID().uuidString.prefix(8))")!) == "other")
        #expect(RequestLogMiddleware.routeLabel(nil) == "unmatched" && RequestLogMiddleware.routeLabel("FileMiddleware") == "static")
    }

    @Test func aScrapeFromElsewhereIsRefused() async throws {
        let store = try TestStore()
        let app = try await buildApplication(config: store.config, database: store.database, now: { store.now })
        try await app.test(.live) { client in
            let refused = try await client.execute(uri: "/metrics", method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: "198.51.100.4"])
            #expect(refused.status == .forbidden)
            #expect(!String(buffer: refused.body).contains("townhall_"))
        }
    }

    @Test func theTokenIsCheckedAsItIsRead() throws {
        let config = try AppConfig.load(environment: ["TOWNHALL_METRICS_TOKEN": "0123456789abcdef"], defaultFile: "/nonexistent/default.json")
        #expect(config.metricsToken == "0123456789abcdef")
        #expect(try AppConfig.load(environment: [:], defaultFile: "/nonexistent/default.json").metricsToken == nil)
        for bad in ["short", "has a space in it here"] {
            #expect(throws: ConfigError.self) { try AppConfig.load(environment: ["TOWNHALL_METRICS_TOKEN": bad], defaultFile: "/nonexistent/default.json") }
        }
    }
}
