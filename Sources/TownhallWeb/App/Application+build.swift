import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import TownhallDomain
import TownhallStore

/// Builds the web application from configuration and an open store; tests call this with a temporary store.
public func buildApplication(
    config: AppConfig, database: AppDatabase, logger: Logger = Logger(label: "townhall"), policy: SecurityPolicy = SecurityPolicy(),
    now: @escaping @Sendable () -> Date = { Date() }
) async throws -> some ApplicationProtocol {
    let ledger = try OParlLedger(config: config, database: database, now: now)
    let packs = try await AgendaPacks(config: config, database: database, now: now)
    let router = try await buildRouter(config: config, database: database, policy: policy, now: now, ledger: ledger, packs: packs)
    // A read-only replica runs none of the writer's background work: the writer's results arrive by replication.
    var services: [any Service] = []
    if !config.readOnly {
        services = [OParlLedgerService(ledger: ledger, logger: logger),
                    PublicEventService(database: database, deadlines: try config.deadlines(), logger: logger, now: now),
                    AgendaPackService(packs: packs, logger: logger)]
        if config.replicationHeartbeatSeconds > 0 {
            services.append(HeartbeatService(database: database, interval: .seconds(config.replicationHeartbeatSeconds), logger: logger, now: now))
        }
    }
    return Application(
        responder: DisconnectCancellingResponder(inner: router.buildResponder()),
        server: .http1(configuration: .init(
            additionalChannelHandlers: [ConnectionEndHandler()], idleTimeout: .seconds(Int64(config.idleTimeoutSeconds)))),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: nil),
        services: services,
        logger: logger)
}

public func buildRouter(
    config: AppConfig, database: AppDatabase, policy: SecurityPolicy = SecurityPolicy(),
    now: @escaping @Sendable () -> Date = { Date() }
) async throws -> Router<AppRequestContext> {
    try await buildRouter(
        config: config, database: database, policy: policy, now: now, ledger: OParlLedger(config: config, database: database, now: now),
        packs: AgendaPacks(config: config, database: database, now: now))
}

func buildRouter(
    config: AppConfig, database: AppDatabase, policy: SecurityPolicy, now: @escaping @Sendable () -> Date, ledger: OParlLedger,
    packs: AgendaPacks
) async throws -> Router<AppRequestContext> {
    let pages = try await PageRenderer(templatesDirectory: config.templatesDirectory, siteName: config.siteName)
    let rule = try config.publicationRule()
    let time = rule.time
    // HEAD is answered by each GET route, without the body (RFC 9110, section 9.3.2).
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    let deadlines = Deadlines(workingDays: rule.workingDays, time: time)
    let metrics = AppMetrics()
    database.timings.observe { access, duration in metrics.store(access, duration) }
    router.add(middleware: RequestLogMiddleware(trustProxy: config.trustProxy, metrics: metrics))
    let cookies = SiteCookies(secure: config.secureCookies)
    router.add(middleware: SecurityHeadersMiddleware(fields: SecurityHeaders.fields(https: config.secureCookies)))
    // Before anything reads the store: a shed request costs nothing but its 503.
    router.add(middleware: LoadShedMiddleware(limit: config.maxInFlight))
    // The session is loaded before errors are turned into pages, so error pages can show who is signed in. A replica
    // has no sessions: loading one refreshes it, a write.
    if !config.readOnly { router.add(middleware: SessionMiddleware(database: database, policy: policy, cookies: cookies, now: now)) }
    router.add(middleware: ErrorPageMiddleware(pages: pages))
    router.add(middleware: FileMiddleware(config.publicDirectory, searchForIndexHtml: false))
    // Public routes only are wrapped in the page cache: the route table says which they are.
    // One reading of the store's version for the page cache and the fragments kept between renders.
    let versions = StoreVersion(database: database)
    let routes = RouteTable(
        router: router, cache: HTTPCacheMiddleware(versions: versions, time: time, now: now, metrics: metrics), costly: CostlyAdmission(maxInFlight: config.maxInFlight),
        licence: config.licence, readOnly: config.readOnly)
    PublicRoutes(
        database: database, pages: pages, files: AttachmentFiles(dataDirectory: config.dataDirectory), time: time,
        rule: rule, deadlines: deadlines, now: now
    ).register(on: routes)
    AgendaPackRoutes(database: database, packs: packs).register(on: routes)
    BodyKindRoutes(database: database, pages: pages, deadlines: deadlines, baseURL: config.baseURL, now: now).register(on: routes)
    SearchRoutes(database: database, pages: pages, versions: versions).register(on: routes)
    OParlRoutes(
        database: database, ledger: ledger, versions: versions, base: config.baseURL, time: time, siteName: config.siteName, licence: config.licence,
        catchesUp: !config.readOnly
    ).register(on: routes)
    FeedRoutes(
        database: database, pages: pages, deadlines: deadlines, baseURL: config.baseURL, siteName: config.siteName, licence: config.licence, now: now)
        .register(on: routes)
    let tracker = RecommendationRoutes(database: database, pages: pages, deadlines: deadlines, baseURL: config.baseURL, now: now)
    tracker.register(on: routes)
    ResponseRoutes(database: database, pages: pages, deadlines: deadlines, now: now).register(on: routes)
    AuthRoutes(database: database, pages: pages, policy: policy, cookies: cookies, metrics: metrics, now: now)
        .register(on: routes)
    OperationsRoutes(
        metrics: metrics, database: database, deadlines: deadlines, token: config.metricsToken,
        replica: config.readOnly ? ReplicaLag(database: database, maxSeconds: config.replicaMaxLagSeconds) : nil, now: now
    ).register(on: routes)
    PasswordResetRoutes(
        database: database, pages: pages, policy: policy, cookies: cookies, baseURL: config.baseURL,
        siteName: config.siteName, now: now
    ).register(on: routes)
    FollowRoutes(database: database, pages: pages, cookies: cookies, siteName: config.siteName, time: time, now: now).register(on: routes)
    let clerk = BackOfficeRoutes(database: database, pages: pages, time: time, rule: rule, maxUploadBytes: config.maxUploadBytes, deadlines: deadlines, now: now)
    clerk.register(on: routes)
    MinutesRoutes(clerk: clerk).register(on: routes)
    SeatRoutes(clerk: clerk).register(on: routes)
    ForwardPlanRoutes(clerk: clerk, baseURL: config.baseURL).register(on: routes)
    RecommendationFollowUpRoutes(clerk: clerk, tracker: tracker).register(on: routes)
    AttachmentRoutes(clerk: clerk, files: AttachmentFiles(dataDirectory: config.dataDirectory), maxUploadBytes: config.maxUploadBytes)
        .register(on: routes)
    ContributionRoutes(
        database: database, pages: pages, cookies: cookies, files: AttachmentFiles(dataDirectory: config.dataDirectory),
        maxUploadBytes: config.maxUploadBytes, siteName: config.siteName, time: time, now: now
    ).register(on: routes)
    PerformanceRoutes(database: database, pages: pages).register(on: routes)
    PerformanceAdminRoutes(clerk: clerk).register(on: routes)
    SpendingRoutes(clerk: clerk, pages: pages).register(on: routes)
    ContributionAdminRoutes(clerk: clerk, files: AttachmentFiles(dataDirectory: config.dataDirectory), siteName: config.siteName)
        .register(on: routes)
    guard routes.missing.isEmpty else {
        throw TownhallError.invalid("routes without a handler: \(routes.missing.joined(separator: ", "))")
    }
    return router
}
