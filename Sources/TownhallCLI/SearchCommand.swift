import ArgumentParser
import Foundation
import TownhallDemo
import TownhallDomain
import TownhallStore
import TownhallWeb

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "The public full-text index.", subcommands: [Reindex.self, Query.self])

    struct Reindex: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rebuild the search index from the store.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                print("search index rebuilt: \(try database.reindexSearch()) entries")
            }
        }
    }

    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Search as the public site does (first page of results).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Words to search for") var words: [String]
        @Option(help: "Body slug") var body: String?

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let results = try await database.search(SearchRequest(text: words.joined(separator: " "), bodySlug: body))
                print("\(results.total) result(s)")
                for hit in results.hits { print("\(hit.kind)\t\(hit.refId)\t\(hit.day)\t\(hit.title)") }
            }
        }
    }
}
