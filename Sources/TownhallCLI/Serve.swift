import ArgumentParser
import Foundation
import Hummingbird
import Logging
import TownhallDemo
import TownhallDomain
import TownhallStore
import TownhallWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web server.",
        discussion: "Stops gracefully on SIGTERM or SIGINT: no new connections, requests in flight are answered first.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on (default: from configuration)") var host: String?
    @Option(help: "Port to listen on (default: from configuration)") var port: Int?
    @Option(help: "Log format, text or json (default: from configuration, TOWNHALL_LOG_FORMAT)") var logFormat: String?
    @Option(help: "Log level; debug adds a line per successful read (default: from configuration, TOWNHALL_LOG_LEVEL)")
    var logLevel: String?
    @Flag(help: ArgumentHelp(
        "Serve a replica that Litestream keeps up to date (litestream restore -f): public pages, feeds and the API only.",
        discussion: "No sign-in, forms or background work; /readyz and /metrics report the replication lag. Waits for the replica file."))
    var readOnly = false

    func run() async throws {
        try await reportingErrors {
            var config = try store.config()
            if let host { config.host = host }
            if let port { config.port = port }
            if let logFormat {
                guard let format = AppConfig.LogFormat(rawValue: logFormat) else { throw ValidationError("--log-format must be text or json") }
                config.logFormat = format
            }
            if let logLevel { config.logLevel = logLevel }
            guard let level = Logger.Level(rawValue: config.logLevel) else {
                throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
            }
            let format = config.logFormat
            LoggingSystem.bootstrap { label in
                var handler: any LogHandler = format == .json ? JSONLogHandler(label: label) : StreamLogHandler.standardOutput(label: label)
                handler.logLevel = level
                return handler
            }
            let logger = Logger(label: "townhall")
            config.readOnly = readOnly
            let database = readOnly
                ? try await Self.openReplica(config, logger: logger)
                : try AppDatabase.open(path: config.databasePath, clock: { Date() }, peerChallengeRules: config.peerChallengeRules)
            let app = try await buildApplication(config: config, database: database, logger: logger)
            logger.info("starting \(config.siteName) on http://\(config.host):\(config.port) from \(config.databasePath)\(readOnly ? ", read only" : "")")
            // Meetings are scheduled, and listed in the calendar, up to CalendarWindow.daysAhead days ahead.
            let rule = try config.publicationRule()
            let horizon = rule.time.calendarDay(of: Date()).adding(days: CalendarWindow.daysAhead)
            if let warning = rule.workingDays.beyondMessage(horizon) { logger.warning("\(warning)") }
            do {
                try await app.runService()
            } catch {
                guard let message = StartupFailure.describe(error, host: config.host, port: config.port) else { throw error }
                throw TownhallError.io(message)
            }
            logger.info("stopped")
            // Every request is answered and every write committed (SQLite's WAL needs no close). End here, without the
            // C and C++ static destructors and atexit handlers: twice, after the whole browser and fuzzing suite,
            // the process died of SIGSEGV in that teardown, after this line was logged. The cause was not found.
            fflush(nil)  // every open output stream
            _exit(0)
        }
    }

    /// Waits until Litestream has restored the replica and applied a first change (which marks the file for
    /// rollback-journal readers; see `AppDatabase.isRollbackJournal`), then opens it read-only.
    static func openReplica(_ config: AppConfig, logger: Logger) async throws -> AppDatabase {
        var said = false
        while AppDatabase.isRollbackJournal(path: config.databasePath) != true {
            if !said {
                logger.info("waiting for the replica \(config.databasePath): Litestream's follow mode (litestream restore -f) makes it and marks it on the first change it applies")
                said = true
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try AppDatabase.openReplica(path: config.databasePath, clock: { Date() }, peerChallengeRules: config.peerChallengeRules)
    }
}
