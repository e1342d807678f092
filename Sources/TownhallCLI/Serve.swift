import ArgumentParser
import Hummingbird
import Logging
import TownhallKit

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on (default: from configuration)") var host: String?
    @Option(help: "Port to listen on (default: from configuration)") var port: Int?

    func run() async throws {
        try await reportingErrors {
            var config = try store.config()
            if let host { config.host = host }
            if let port { config.port = port }
            let database = try AppDatabase.open(path: config.databasePath)
            var logger = Logger(label: "townhall")
            logger.logLevel = .info
            let app = try await buildApplication(config: config, database: database, logger: logger)
            logger.info("serving \(config.siteName) on http://\(config.host):\(config.port) from \(config.databasePath)")
            try await app.runService()
        }
    }
}
