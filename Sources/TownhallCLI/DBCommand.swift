import ArgumentParser
import TownhallKit

struct DB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "db", abstract: "Database tasks.", subcommands: [Migrate.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the database or apply pending migrations.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let pending = try database.pendingMigrations()
                print(pending.isEmpty ? "database \(config.databasePath) is up to date" : "pending: \(pending)")
            }
        }
    }
}
