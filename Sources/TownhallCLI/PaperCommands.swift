import ArgumentParser
import Foundation
import TownhallDemo
import TownhallDomain
import TownhallMarkdown
import TownhallStore
import TownhallWeb

struct PaperCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paper", abstract: "Papers written in Markdown.", subcommands: [Add.self, Publish.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a Markdown file as a draft paper.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Markdown file") var file: String
        @Option(help: "Agenda item id") var item: Int64
        @Option(help: "Title (default: the file name)") var title: String?
        @Option(help: "Author, e.g. \"Treasurer to the Board\"") var author = ""
        @Option(help: "Kind: \(PaperKind.allCases.map(\.rawValue).joined(separator: ", "))") var kind = "report"
        @Option(help: "For an annual report, the academic year it covers, e.g. 2025/26 (required for one)") var year: String?

        func run() async throws {
            try await reportingErrors {
                let kind = try parseChoice(PaperKind.self, kind, option: "kind")
                let covered = try year.map { text in
                    guard let parsed = AcademicYear(parsing: text) else {
                        throw TownhallError.invalid("--year must be an academic year such as 2025/26, not \"\(text)\"")
                    }
                    return parsed
                }
                let markdown = try readTextFile(file)
                let (_, database) = try store.open()
                let name = title ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
                let paper = try database.addPaper(
                    itemId: item, title: name, author: author, markdown: markdown, kind: kind, reportYear: covered, now: Date(),
                    actor: .commandLine)
                print("added draft paper \(paper.id!): \(paper.title)")
            }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Render and publish a draft paper.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Paper id") var paper: Int64
        @Option(help: "Why the paper is published after the five-clear-working-days deadline (required when it is)")
        var lateReason: String?

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let (record, problems) = try database.publishPaper(
                    id: paper, renderer: MarkdownRenderer(), at: Date(), rule: try config.publicationRule(), lateReason: lateReason,
                    actor: .commandLine)
                for problem in problems { FileHandle.standardError.write(Data("townhall: warning: \(problem)\n".utf8)) }
                print("published paper \(record.id!) revision \(record.revision)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List papers.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let papers = try database.list(Paper.self).map(PaperListing.init)
                try printList(papers, json: json) { "\($0.id)\titem \($0.agendaItemId)\t\($0.status)\t\($0.title)" }
            }
        }
    }

    /// Papers without their (long) bodies, for listing.
    struct PaperListing: Encodable {
        var id: Int64, agendaItemId: Int64, title: String, author: String, status: String, revision: Int, publishedAt: Date?
        init(_ paper: Paper) {
            id = paper.id!; agendaItemId = paper.agendaItemId; title = paper.title; author = paper.author
            status = paper.status.rawValue; revision = paper.revision; publishedAt = paper.publishedAt
        }
    }
}

struct Attach: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Attach a file to an agenda item (and optionally a paper).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "File to attach") var file: String
    @Option(help: "Agenda item id") var item: Int64
    @Option(help: "Paper id on that item") var paper: Int64?

    func run() async throws {
        try await reportingErrors {
            guard FileManager.default.fileExists(atPath: file), let data = FileManager.default.contents(atPath: file) else {
                throw TownhallError.notFound("no such file: \(file)")
            }
            let (config, database) = try store.open()
            let record = try database.attach(
                itemId: item, paperId: paper, fileName: file, data: data,
                files: AttachmentFiles(dataDirectory: config.dataDirectory), maxBytes: config.maxUploadBytes, now: Date(), actor: .commandLine)
            print("attached \(record.fileName) (\(record.size) bytes) as attachment \(record.id!)")
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Demo data.", subcommands: [Seed.self, BenchSeed.self])

    struct BenchSeed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "bench-seed", abstract: "Fill an empty store with a large benchmark data set.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Number of bodies") var bodies = 300
        @Option(help: "Number of published papers") var papers = 100_000

        func run() async throws {
            try await reportingErrors {
                guard bodies >= 1, papers >= 1 else { throw TownhallError.invalid("--bodies and --papers must be at least 1") }
                let (config, database) = try store.open()
                let (b, m, p) = try BenchData(database: database).seed(bodies: bodies, papers: papers, now: Date())
                print("seeded bench store: \(b) bodies, \(m) meetings, \(p) papers")
                let started = ContinuousClock.now
                let objects = try await OParlLedger(config: config, database: database).catchUp()
                print("OParl ledger up to date: \(objects) objects recorded in \(ContinuousClock.now - started)")
            }
        }
    }

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fill an empty store with a realistic demo.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let summary = try DemoData(
                    database: database, files: AttachmentFiles(dataDirectory: config.dataDirectory),
                    rule: try config.publicationRule()
                ).seed(now: Date())
                // The API's ledger of published objects, so the first OParl request does not build it.
                try await OParlLedger(config: config, database: database).catchUp()
                print(summary)
            }
        }
    }
}
