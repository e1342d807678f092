import ArgumentParser
import Foundation
import TownhallDomain
import TownhallStore

/// Following the money (issue 20): an LPAC's spending lines imported from CSV (all or nothing, a problem named by
/// line and column), and citations from inquiries and recommendations.
struct SpendingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spending", abstract: "Spending in an LPAC's place.", subcommands: [Import.self, Cite.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import spending: columns organisation (slug or name), service, year (2025/26), amount (pounds).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The LPAC's slug") var body: String
        @Option(help: "A CSV file") var file: String

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let count = try database.importSpending(body: body, csv: try readTextFile(file), actor: .commandLine)
                print("imported \(count) spending line\(count == 1 ? "" : "s") for \(body)")
            }
        }
    }

    struct Cite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cite a spending line from an inquiry or a recommendation of the same committee.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Spending line id (from spending list)") var line: Int64
        @Option(help: "Inquiry slug") var inquiry: String?
        @Option(help: "Recommendation id") var recommendation: Int64?

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                _ = try database.citeSpending(lineId: line, inquiry: inquiry, recommendationId: recommendation, actor: .commandLine)
                print("spending line \(line) is cited by \(inquiry.map { "inquiry \($0)" } ?? "recommendation \(recommendation ?? 0)")")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an LPAC's spending lines with their ids.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The LPAC's slug") var body: String

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                guard let found = try database.list(Body.self).first(where: { $0.slug == body }) else { throw TownhallError.notFound("no body \(body)") }
                for entry in try await database.spendingEntries(bodyId: found.id!) {
                    print("\(entry.line.id!)\t\(entry.line.year)\t\(entry.organisation.slug)\t\(entry.line.service)\t\(entry.line.amount)")
                }
            }
        }
    }
}
