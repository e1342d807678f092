import Foundation
import Hummingbird
import Logging

/// Builds the web application from configuration and an open store; tests call this with a temporary store.
public func buildApplication(
    config: AppConfig, database: AppDatabase, logger: Logger = Logger(label: "townhall"),
    now: @escaping @Sendable () -> Date = { Date() }
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(config: config, database: database, now: now)
    return Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: nil),
        logger: logger)
}

public func buildRouter(
    config: AppConfig, database: AppDatabase, now: @escaping @Sendable () -> Date = { Date() }
) async throws -> Router<AppRequestContext> {
    let pages = try await PageRenderer(templatesDirectory: config.templatesDirectory, siteName: config.siteName)
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(pages: pages))
    router.add(middleware: FileMiddleware(config.publicDirectory, searchForIndexHtml: false))
    PublicRoutes(
        database: database, pages: pages, files: AttachmentFiles(dataDirectory: config.dataDirectory),
        time: LocalTime(timeZone: config.timeZone), now: now
    ).register(on: router)
    return router
}
