import ArgumentParser
import Foundation
import TownhallDomain
import TownhallStore

/// A body's forward plan (2012 Access to Information Regulations).
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "A body's forward plan of decisions.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a matter on the plan; a key decision or private matter inside \(ForwardPlanRule.noticeClearDays) clear days needs an exception and its reasons.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Body slug") var body: String
        @Option(help: "What is to be decided") var title: String
        @Option(help: "The day the decision is expected, YYYY-MM-DD") var expected: String
        @Flag(help: "A key decision") var key = false
        @Option(name: .customLong("private"), help: "Schedule 12A paragraph (1-7) if it will be taken in private") var paragraph: Int?
        @Option(help: "general-exception (regulation 10) or special-urgency (regulation 11)") var exception: String?
        @Option(help: "The published reasons for the exception") var reason: String?

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let exempt = try paragraph.map { number in
                    guard let found = ExemptParagraph(rawValue: number) else {
                        throw TownhallError.invalid("--private must be a Schedule 12A paragraph from 1 to 7, not \(number)")
                    }
                    return found
                }
                let asked = try exception.map { try parseChoice(PlanNotice.self, $0, option: "exception") }
                let entry = try database.addPlanEntry(
                    body: body, title: title, expectedOn: expected, isKeyDecision: key, exemptParagraph: exempt, exception: asked,
                    reason: reason, at: Date(), actor: .commandLine)
                print("added plan entry \(entry.id!): \(entry.title), expected \(entry.expectedOn) (\(entry.notice.label))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The plan from today on, soonest first.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Body slug") var body: String
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let entries = try await database.forwardPlan(body: body, from: LocalTime(timeZone: config.timeZone).calendarDay(of: Date()))
                try printList(entries, json: json) { entry in
                    let marks = [entry.isKeyDecision ? "key decision" : nil, entry.exemptParagraph.map { "private, paragraph \($0.rawValue)" },
                                 entry.notice == .inTime ? nil : entry.notice.rawValue].compactMap { $0 }
                    return "\(entry.id!)\t\(entry.expectedOn)\t\(entry.title)" + (marks.isEmpty ? "" : "\t" + marks.joined(separator: ", "))
                }
            }
        }
    }
}
