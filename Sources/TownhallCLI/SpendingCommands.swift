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
        static let configuration = CommandConfiguration(
            abstract: "Cite a spending line from an inquiry, a recommendation or a paper of written evidence of the same committee.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Spending line id (from spending list)") var line: Int64
        @Option(help: "Inquiry slug") var inquiry: String?
        @Option(help: "Recommendation id") var recommendation: Int64?
        @Option(help: "Paper id of written evidence") var paper: Int64?

        func run() async throws {
            try await reportingErrors {
                let citers: [(SpendingCitation.Citer, String)] = [
                    inquiry.map { (.inquiry(slug: $0), "inquiry \($0)") }, recommendation.map { (.recommendation(id: $0), "recommendation \($0)") },
                    paper.map { (.paper(id: $0), "paper \($0)") },
                ].compactMap { $0 }
                guard citers.count == 1, let (citer, name) = citers.first else {
                    throw TownhallError.invalid("give one of --inquiry, --recommendation or --paper")
                }
                let (_, database) = try store.open()
                _ = try database.citeSpending(lineId: line, by: citer, actor: .commandLine)
                print("spending line \(line) is cited by \(name)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an LPAC's spending lines with their ids.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The LPAC's slug") var body: String
        @Option(help: "Only this financial year, as 2025/26") var year: String?

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                guard let found = try database.list(Body.self).first(where: { $0.slug == body }) else { throw TownhallError.notFound("no body \(body)") }
                let years = try await database.spendingYears(bodyId: found.id!)
                if let year, !years.contains(year) { throw TownhallError.notFound("\(body) has no spending for \(year)") }
                for year in year.map({ [$0] }) ?? years {
                    for entry in try await database.spendingEntries(bodyId: found.id!, year: year) {
                        print("\(entry.line.id!)\t\(entry.line.year)\t\(entry.organisation.slug)\t\(entry.line.service)\t\(entry.line.amount)")
                    }
                }
            }
        }
    }
}
