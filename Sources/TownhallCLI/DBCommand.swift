import ArgumentParser
import TownhallDemo
import TownhallDomain
import TownhallStore
import TownhallWeb

struct DB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "db", abstract: "Database tasks.", subcommands: [Migrate.self, Backup.self, Restore.self, Check.self, OParlLedgerCommand.self])

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

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Copy the store to a new file with SQLite's online backup (safe while serving).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "New file to write") var file: String

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let bytes = try database.backup(to: file)
                print("backed up to \(file) (\(bytes) bytes, integrity ok)")
            }
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace the store with a backup that passes its integrity check.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Backup file") var file: String

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                try database.restore(from: file)
                print("restored \(config.databasePath) from \(file)")
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run PRAGMA integrity_check; exits 1 when the store is damaged.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let problems = try database.integrityCheck()
                guard problems == ["ok"] else {
                    problems.forEach { print($0) }
                    throw TownhallError.io("integrity check found \(problems.count) problem(s)")
                }
                print("integrity ok")
            }
        }
    }

    struct OParlLedgerCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "oparl-ledger",
            abstract: "Bring the OParl API's record of published objects up to date (built from every object on a store that has none).",
            discussion: "The server does this itself, before answering OParl and every second; run it after a bulk load or an upgrade so the first OParl client does not wait for it.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let started = ContinuousClock.now
                let changed = try await OParlLedger(config: config, database: database).catchUp()
                print("OParl ledger up to date: \(changed) objects recorded in \(ContinuousClock.now - started)")
            }
        }
    }
}
