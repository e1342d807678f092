import CoreMetrics
import Foundation
import Prometheus
import Synchronization
import TownhallStore

/// What `GET /metrics` reports (issue 21), in Prometheus' text format: swift-metrics counters, timers and gauges kept
/// in a Prometheus registry of this app's own, so two apps in one process (the tests) never mix their counts.
/// Counts of things in the store (the outbox, overdue recommendations) are read when scraped, so they hold the CLI's
/// work too (`notify run` is a separate process).
public final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let requestCounters = Mutex<[RequestKey: CoreMetrics.Counter]>([:])
    private let requestTimers = Mutex<[String: CoreMetrics.Timer]>([:])
    private let cacheHits: CoreMetrics.Counter
    private let cacheMisses: CoreMetrics.Counter
    private let storeTimers: [StoreAccess: CoreMetrics.Timer]
    private let signInFailures: CoreMetrics.Counter
    private let signInThrottles: CoreMetrics.Counter
    private let outboxUnsent, outboxFailing, outboxOldestUnsent, recommendationsOverdue: CoreMetrics.Gauge
    private let replicationLag = Mutex<CoreMetrics.Gauge?>(nil)

    /// The metric names, written once: the README's alerts and the tests use the same.
    public enum Name {
        public static let requests = "townhall_http_requests_total"
        public static let requestDuration = "townhall_http_request_duration_seconds"
        public static let pageCache = "townhall_page_cache_lookups_total"
        public static let storeDuration = "townhall_store_access_duration_seconds"
        public static let signInFailures = "townhall_sign_in_failures_total"
        public static let signInThrottled = "townhall_sign_in_throttled_total"
        public static let outboxUnsent = "townhall_outbox_unsent"
        public static let outboxFailing = "townhall_outbox_failing"
        public static let outboxOldestUnsent = "townhall_outbox_oldest_unsent_seconds"
        public static let recommendationsOverdue = "townhall_recommendations_overdue"
        public static let replicationLag = "townhall_replication_lag_seconds"
    }

    struct RequestKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        // From a page-cache hit (well under a millisecond) to a request worth an alert (seconds).
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(10),
        ]
        self.factory = factory
        cacheHits = CoreMetrics.Counter(label: Name.pageCache, dimensions: [("result", "hit")], factory: factory)
        cacheMisses = CoreMetrics.Counter(label: Name.pageCache, dimensions: [("result", "miss")], factory: factory)
        storeTimers = Dictionary(uniqueKeysWithValues: StoreAccess.allCases.map {
            ($0, CoreMetrics.Timer(label: Name.storeDuration, dimensions: [("access", $0.rawValue)], factory: factory))
        })
        signInFailures = CoreMetrics.Counter(label: Name.signInFailures, factory: factory)
        signInThrottles = CoreMetrics.Counter(label: Name.signInThrottled, factory: factory)
        outboxUnsent = CoreMetrics.Gauge(label: Name.outboxUnsent, factory: factory)
        outboxFailing = CoreMetrics.Gauge(label: Name.outboxFailing, factory: factory)
        outboxOldestUnsent = CoreMetrics.Gauge(label: Name.outboxOldestUnsent, factory: factory)
        recommendationsOverdue = CoreMetrics.Gauge(label: Name.recommendationsOverdue, factory: factory)
    }

    /// One answered request, by route pattern (not path, so ids do not make a series each), method and status.
    func request(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestKey(route: route, method: method, status: status)
        let counter = requestCounters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = CoreMetrics.Counter(
                label: Name.requests, dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory)
            counters[key] = counter
            return counter
        }
        counter.increment()
        let timer = requestTimers.withLock { timers in
            if let timer = timers[route] { return timer }
            let timer = CoreMetrics.Timer(label: Name.requestDuration, dimensions: [("route", route)], factory: factory)
            timers[route] = timer
            return timer
        }
        timer.record(duration: duration)
    }

    func pageCache(hit: Bool) {
        (hit ? cacheHits : cacheMisses).increment()
    }

    func store(_ access: StoreAccess, _ duration: Duration) {
        storeTimers[access]?.record(duration: duration)
    }

    func signInFailed() { signInFailures.increment() }
    func signInThrottled() { signInThrottles.increment() }

    /// The text a scrape gets: the store's counts as of now, then everything. `replicationLag` only on a replica
    /// (infinite when the writer stamps no heartbeat, so an alert on it fires).
    func exposition(_ counts: OperationalCounts, replicationLag lag: Double? = nil) -> String {
        if let lag {
            replicationLag.withLock { gauge in
                if gauge == nil { gauge = CoreMetrics.Gauge(label: Name.replicationLag, factory: factory) }
                gauge?.record(lag)
            }
        }
        outboxUnsent.record(counts.outboxUnsent)
        outboxFailing.record(counts.outboxFailing)
        outboxOldestUnsent.record(counts.oldestUnsentSeconds)
        recommendationsOverdue.record(counts.recommendationsOverdue)
        return registry.emitToString()
    }
}

extension CoreMetrics.Timer {
    func record(duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
