import ArgumentParser
import Foundation
import TownhallDemo
import TownhallDomain
import TownhallStore
import TownhallWeb

struct MeetingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Meetings.", subcommands: [Add.self, List.self, Show.self, PublishAgenda.self, SetStatus.self, SetAccess.self, AddOfficer.self])

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
                if let warning = try config.publicationRule().workingDays.beyondMessage(time.calendarDay(of: start)) {
                    FileHandle.standardError.write(Data("townhall: warning: \(warning)\n".utf8))
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List meetings, each with its last on-time publication day and whether it was called at short notice.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let rule = try config.publicationRule()
                try printList(try database.list(Meeting.self).map { MeetingNoticeEntry($0, rule: rule) }, json: json) {
                    "\($0.meeting.id!)\tbody \($0.meeting.bodyId)\t\(rule.time.dateTime($0.meeting.startsAt))\t\($0.meeting.status.rawValue)\t"
                        + "publish by \($0.lastOnTimePublication)\($0.calledAtShortNotice ? " (short notice)" : "")\t\($0.meeting.title)"
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one meeting: its notice, agenda publication and items.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Meeting id") var meeting: Int64
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let rule = try config.publicationRule()
                guard let detail = try await database.clerkMeeting(id: meeting) else {
                    throw TownhallError.notFound("no meeting with id \(meeting)")
                }
                let found = detail.summary.meeting
                let entry = MeetingNoticeEntry(found, rule: rule)
                let items = detail.items.map(\.item)
                if json {
                    try printList([entry], json: true) { _ in "" }
                    return
                }
                let time = rule.time
                print("\(found.id!)\t\(found.title)\t\(time.dateTime(found.startsAt))\t\(found.status.rawValue)")
                print("convened: \(found.convenedAt.map(time.dateTime) ?? "not recorded")\(entry.calledAtShortNotice ? " (called at short notice)" : "")")
                print("last on-time publication: \(entry.lastOnTimePublication)")
                print("agenda: \(found.agendaPublishedAt.map { "published \(time.dateTime($0))" } ?? "not published")"
                    + (found.lateReason.map { ", late: \($0)" } ?? ""))
                for line in detail.privateNotice?.statements(time: time) ?? [] { print("private business: \(line)") }
                for item in items {
                    var marks: [String] = []
                    if item.isExempt { marks.append("exempt, paragraph \(item.exemptParagraph!.rawValue)") }
                    if let added = item.supplementaryAt { marks.append("supplementary, added \(time.dateTime(added))") }
                    if let urgency = item.urgency { marks.append("urgent: \(urgency)") }
                    print("  \(item.number). \(item.title)" + (marks.isEmpty ? "" : " (\(marks.joined(separator: "; ")))"))
                }
            }
        }
    }

    struct AddOfficer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-officer", abstract: "Record an officer in attendance at a meeting (shown on its public record).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Meeting id") var meeting: Int64
        @Option(help: "The officer's name") var name: String
        @Option(help: "Job title, e.g. \"Treasurer to the Board\"") var role = ""

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let officer = try database.addOfficer(meetingId: meeting, name: name, role: role, actor: .commandLine)
                print("recorded officer \(officer.id!) at meeting \(meeting): \(officer.name)")
            }
        }
    }

    struct SetAccess: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-access", abstract: "Say how to attend or watch a meeting; a part left out is cleared.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Meeting id") var meeting: Int64
        @Option(help: "Live webcast (https address)") var webcast: String?
        @Option(help: "Recording (https address)") var recording: String?
        @Option(help: "Contact officer's name") var contactName: String?
        @Option(help: "Contact officer's e-mail") var contactEmail: String?
        @Option(help: "Contact officer's phone") var contactPhone: String?
        @Option(help: "How to attend in person (published)") var howToAttend: String?

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let access = MeetingAccess(
                    webcastURL: webcast, recordingURL: recording, contactName: contactName, contactEmail: contactEmail, contactPhone: contactPhone,
                    howToAttend: howToAttend)
                let record = try database.setMeetingAccess(meetingId: meeting, access, actor: .commandLine)
                print("meeting \(record.id!): how to attend or watch saved")
            }
        }
    }

    struct SetStatus: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-status", abstract: "Mark a meeting held (once it has started), postponed or cancelled.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Meeting id") var meeting: Int64
        @Argument(help: "held, postponed or cancelled") var status: String
        @Option(help: "Why it is postponed or cancelled (required for those; published)") var reason: String?

        func run() async throws {
            try await reportingErrors {
                let status = try parseChoice(MeetingStatus.self, status, option: "status")
                let (_, database) = try store.open()
                let record = try database.setMeetingStatus(meetingId: meeting, status: status, reason: reason, actor: .commandLine)
                print("meeting \(record.id!) is \(record.status.rawValue)")
            }
        }
    }

    struct PublishAgenda: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish-agenda", abstract: "Publish a meeting's agenda so the public can see its items.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Meeting id") var meeting: Int64
        @Option(help: "The special circumstances, when the agenda is published after its deadline (required then)")
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
        @Option(help: "For an exempt item: why the public interest in keeping it exempt outweighs disclosing it")
        var publicInterest: String?
        @Option(help: "For an item added after the agenda's deadline: the special circumstances that make it urgent")
        var urgency: String?
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
                let exemption = try Exemption.validate(exempt: paragraph != nil, paragraph: paragraph, publicInterestReason: publicInterest)
                let (config, database) = try store.open()
                let item = try database.addAgendaItem(
                    meetingId: meeting, title: title, type: type, exemption: exemption, number: number, urgency: urgency,
                    rule: try config.publicationRule(), actor: .commandLine)
                let marks = [item.isExempt ? "exempt" : nil, item.isSupplementary ? "supplementary" : nil].compactMap { $0 }
                print("added item \(item.id!) as number \(item.number) of meeting \(meeting)" + (marks.isEmpty ? "" : " (\(marks.joined(separator: ", ")))"))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List agenda items: id, meeting (id, body and title), number and title.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this meeting's items (its id)") var meeting: Int64?
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let bodies = Dictionary(uniqueKeysWithValues: try database.list(Body.self).map { ($0.id!, $0.slug) })
                let meetings = Dictionary(uniqueKeysWithValues: try database.list(Meeting.self).map { ($0.id!, $0) })
                if let meeting, meetings[meeting] == nil { throw TownhallError.notFound("no meeting with id \(meeting)") }
                let items = try database.list(AgendaItem.self).filter { item in meeting.map { item.meetingId == $0 } ?? true }
                    .sorted { ($0.meetingId, $0.position) < ($1.meetingId, $1.position) }
                try printList(items, json: json) { item in
                    let owner = meetings[item.meetingId].map { "\(bodies[$0.bodyId] ?? "")\t\($0.title)" } ?? ""
                    return "\(item.id!)\tmeeting \(item.meetingId)\t\(owner)\t\(item.number)\t\(item.isExempt ? "exempt " : "")\(item.title)"
                }
            }
        }
    }
}

/// A meeting as `meeting list --json` and `meeting show --json` print it: the stored record plus the two facts the
/// publication rule derives from it.
struct MeetingNoticeEntry: Encodable {
    let meeting: Meeting
    let lastOnTimePublication: String
    let calledAtShortNotice: Bool

    init(_ meeting: Meeting, rule: PublicationRule) {
        self.meeting = meeting
        lastOnTimePublication = rule.lastOnTimeDay(meeting).description
        calledAtShortNotice = rule.isShortNotice(meeting)
    }

    enum CodingKeys: String, CodingKey { case lastOnTimePublication, calledAtShortNotice }

    /// The meeting's own fields, flat, with the two derived ones beside them.
    func encode(to encoder: Encoder) throws {
        try meeting.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lastOnTimePublication, forKey: .lastOnTimePublication)
        try container.encode(calledAtShortNotice, forKey: .calledAtShortNotice)
    }
}
