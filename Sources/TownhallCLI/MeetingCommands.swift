import ArgumentParser
import Foundation
import TownhallDemo
import TownhallDomain
import TownhallStore
import TownhallWeb

struct MeetingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Meetings.", subcommands: [Add.self, List.self, PublishAgenda.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Schedule a meeting.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Body slug") var body: String
        @Option(help: "Title, e.g. \"Board meeting\"") var title: String
        @Option(help: "Start, local time: \"YYYY-MM-DD HH:MM\"") var starts: String
        @Option(help: "End, local time: \"YYYY-MM-DD HH:MM\"") var ends: String?
        @Option(help: "Place name (created if new)") var location: String?
        @Option(help: "Address of a new place") var address: String?

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let time = LocalTime(timeZone: config.timeZone)
                let start = try time.parseDateTime(starts)
                let end = try ends.map { try time.parseDateTime($0) }
                let meeting = try database.addMeeting(
                    body: body, title: title, startsAt: start, endsAt: end, locationName: location, address: address, actor: .commandLine)
                print("added meeting \(meeting.id!): \(meeting.title), \(time.dateTime(meeting.startsAt))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List meetings.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let time = LocalTime(timeZone: config.timeZone)
                try printList(try database.list(Meeting.self), json: json) {
                    "\($0.id!)\tbody \($0.bodyId)\t\(time.dateTime($0.startsAt))\t\($0.status.rawValue)\t\($0.title)"
                }
            }
        }
    }

    struct PublishAgenda: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish-agenda", abstract: "Publish a meeting's agenda so the public can see its items.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Meeting id") var meeting: Int64
        @Option(help: "Why the agenda is published after the five-clear-working-days deadline (required when it is)")
        var lateReason: String?

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let record = try database.publishAgenda(
                    meetingId: meeting, at: Date(), rule: try config.publicationRule(), lateReason: lateReason, actor: .commandLine)
                print("agenda of meeting \(record.id!) is published")
            }
        }
    }
}

struct AgendaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda", abstract: "Agenda items.", subcommands: [AddItem.self, List.self])

    struct AddItem: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-item", abstract: "Add an item to a meeting's agenda.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Meeting id") var meeting: Int64
        @Option(help: "Item title") var title: String
        @Option(help: "Type: \(AgendaItemType.allCases.map(\.rawValue).joined(separator: ", "))") var type = "report"
        @Option(help: "Schedule 12A paragraph (1-7) if the item is exempt") var exempt: Int?
        @Option(help: "Item number as printed (default: next in order)") var number: String?

        func run() async throws {
            try await reportingErrors {
                let type = try parseChoice(AgendaItemType.self, type, option: "type")
                let paragraph = try exempt.map { value in
                    guard let paragraph = ExemptParagraph(rawValue: value) else {
                        throw TownhallError.invalid("--exempt must be a Schedule 12A paragraph from 1 to 7, not \(value)")
                    }
                    return paragraph
                }
                let (_, database) = try store.open()
                let item = try database.addAgendaItem(
                    meetingId: meeting, title: title, type: type, exemptParagraph: paragraph, number: number, actor: .commandLine)
                print("added item \(item.id!) as number \(item.number) of meeting \(meeting)\(item.isExempt ? " (exempt)" : "")")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List agenda items.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try printList(try database.list(AgendaItem.self), json: json) {
                    "\($0.id!)\tmeeting \($0.meetingId)\t\($0.number)\t\($0.isExempt ? "exempt " : "")\($0.title)"
                }
            }
        }
    }
}
