import ArgumentParser
import Foundation
import TownhallDomain
import TownhallStore

/// Plans with measured priorities (issue 20): build a plan, then import its results and targets from CSV or from a
/// published report's csv table. A bad file is refused with its line and column, and nothing is stored.
struct PerformanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "performance", abstract: "Plans, their measures, targets and results.",
        subcommands: [AddPlan.self, AddPriority.self, AddMeasure.self, Import.self, List.self])

    struct AddPlan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-plan", abstract: "Add a plan (a policing plan, an education plan) to a body.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Body slug") var body: String
        @Option(help: "Plan slug, e.g. policing-plan-2026") var slug: String
        @Option(help: "Title") var title: String
        @Option(help: "One paragraph saying what the plan is for") var summary = ""
        @Option(help: "The paper that set the plan") var paper: Int64?

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let plan = try database.addPerformancePlan(body: body, slug: slug, title: title, summary: summary, paperId: paper, actor: .commandLine)
                print("added plan \(plan.slug): \(plan.title)")
            }
        }
    }

    struct AddPriority: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-priority", abstract: "Add a priority at the end of a plan.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Plan slug") var plan: String
        @Option(help: "The priority, e.g. \"Neighbourhood policing\"") var title: String

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let priority = try database.addPlanPriority(plan: plan, title: title, actor: .commandLine)
                print("added priority \(priority.position) to \(plan): \(priority.title)")
            }
        }
    }

    struct AddMeasure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-measure", abstract: "Add a measure to a priority of a plan.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Plan slug") var plan: String
        @Option(help: "The priority's title") var priority: String
        @Option(help: "The measure, e.g. \"Emergency calls attended within 15 minutes\"") var name: String
        @Option(help: "Unit, e.g. %, minutes, pupils") var unit = ""
        @Option(help: "Which is better: higher or lower") var direction: String
        @Option(help: "Baseline value") var baseline: String
        @Option(help: "Baseline period, e.g. 2025/26") var baselinePeriod: String

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let direction = try parseChoice(MeasureDirection.self, direction, option: "direction")
                guard let value = MeasureNumber.parse(baseline) else { throw TownhallError.invalid("--baseline \"\(baseline)\" is not a number") }
                let measure = try database.addPlanMeasure(
                    plan: plan, priority: priority, name: name, unit: unit, direction: direction, baseline: value, baselinePeriod: baselinePeriod,
                    actor: .commandLine)
                print("added measure \(measure.id!): \(measure.name)")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import results and targets: columns priority, measure, period, value and optionally target; all rows or none.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Plan slug") var plan: String
        @Option(help: "A CSV file") var file: String?
        @Option(help: "A published report whose csv table has those columns (results then name it)") var paper: Int64?

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let result: PerformanceImportResult
                switch (file, paper) {
                case (let file?, nil): result = try database.importPerformance(plan: plan, csv: try readTextFile(file), actor: .commandLine)
                case (nil, let paper?): result = try database.importPerformance(plan: plan, fromPaper: paper, actor: .commandLine)
                default: throw TownhallError.invalid("give either --file or --paper")
                }
                print("imported \(result.results) result\(result.results == 1 ? "" : "s") and \(result.targets) target\(result.targets == 1 ? "" : "s") into \(plan)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plans.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try printList(try database.performancePlans(), json: json) { "\($0.slug)\tbody \($0.bodyId)\t\($0.title)" }
            }
        }
    }
}
