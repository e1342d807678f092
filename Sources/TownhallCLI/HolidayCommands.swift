import ArgumentParser
import Foundation
import TownhallDomain
import TownhallWeb

/// The bank holiday list working days are counted with (`bankHolidaysFile`, the GOV.UK feed).
struct HolidaysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays", abstract: "The bank holidays that deadlines skip.", subcommands: [Show.self, Import.self, Deadlines.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Which years the bank holiday list covers, and the council's closed days.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let config = try store.config()
                let days = try config.publicationRule().workingDays
                let years = days.bankHolidays.map { $0.components.year }
                print("\(config.bankHolidaysFile): \(days.bankHolidays.count) bank holidays, \(years.min().map(String.init) ?? "none") to \(years.max().map(String.init) ?? "none")")
                print("closed days: \(config.closedDays.description.isEmpty ? "none" : config.closedDays.description)")
            }
        }
    }

    /// Every day of a range with the deadlines Townhall works out from it, as the store applies them: the last on-time
    /// publication of an agenda for a meeting that day, and the response due for a recommendation issued that day
    /// under each rule. For checking the calendar against an independent calculation, and for a clerk's "when is it
    /// due?".
    struct Deadlines: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print, for each day from --from to --to, a meeting's last on-time agenda day and each --rule's due day (tab-separated).")
        @OptionGroup var store: StoreOptions
        @Option(help: "First day, YYYY-MM-DD") var from: String
        @Option(help: "Last day, YYYY-MM-DD (at most 20 years after --from)") var to: String
        @Option(help: "A response rule, for example \"2 months-beginning-with\"; repeat for more") var rule: [String] = []

        func run() async throws {
            try await reportingErrors {
                let publication = try store.config().publicationRule()
                guard let first = Day(from), let last = Day(to) else { throw TownhallError.invalid("--from and --to must be real dates, YYYY-MM-DD") }
                guard first <= last, last.ordinal - first.ordinal <= 7_305 else {
                    throw TownhallError.invalid("--to must be on or after --from and at most 20 years after it")
                }
                let rules = try rule.map { try ResponseRule(parsing: $0) }
                print((["day", "working", "agenda-by"] + rules.map(\.description)).joined(separator: "\t"))
                var day = first
                while day <= last {
                    let row = [day.description, publication.workingDays.isWorkingDay(day) ? "yes" : "no",
                               publication.workingDays.lastOnTimePublication(meeting: day, clearDays: publication.clearDays).description]
                        + rules.map { $0.due(issued: day, workingDays: publication.workingDays).description }
                    print(row.joined(separator: "\t"))
                    day = day.adding(days: 1)
                }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the bank holiday list with a newer GOV.UK bank-holidays.json (https://www.gov.uk/bank-holidays.json).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The downloaded bank-holidays.json") var file: String

        func run() async throws {
            try await reportingErrors {
                let config = try store.config()
                guard let data = FileManager.default.contents(atPath: file) else { throw TownhallError.io("cannot read \(file)") }
                let incoming = try WorkingDays.parse(data, file: file)
                let current = try? WorkingDays.load(file: config.bankHolidaysFile)
                // A list that would lose years the store already counts on is refused, so an old download cannot
                // shorten the calendar by mistake.
                if let have = current?.coveredThrough, let new = incoming.coveredThrough, new < have {
                    throw TownhallError.invalid("\(file) ends with \(new), before the current list's \(have); nothing was changed")
                }
                do {
                    try data.write(to: URL(fileURLWithPath: config.bankHolidaysFile), options: .atomic)
                } catch {
                    throw TownhallError.io("cannot write \(config.bankHolidaysFile): \(error.localizedDescription)")
                }
                let years = incoming.bankHolidays.map { $0.components.year }
                print("imported \(incoming.bankHolidays.count) England and Wales bank holidays, \(years.min() ?? 0) to \(years.max() ?? 0), into \(config.bankHolidaysFile); restart the server to use them")
            }
        }
    }
}
