import ArgumentParser
import Foundation
import TownhallDomain
import TownhallWeb

/// The bank holiday list working days are counted with (`bankHolidaysFile`, the GOV.UK feed).
struct HolidaysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays", abstract: "The bank holidays that deadlines skip.", subcommands: [Show.self, Import.self])

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
