import ArgumentParser
import Foundation
import TownhallDomain
import TownhallStore
import TownhallWeb

/// Questions from the public for a meeting: open them (with their clear-working-days deadline) or close them.
struct QuestionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questions", abstract: "Questions from the public for a meeting.", subcommands: [Open.self, Close.self])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open questions for a meeting (or move their deadline); adds a Public questions item to an unpublished agenda that has none.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Meeting id") var meeting: Int64
        @Option(help: "Clear working days before the meeting that questions close") var clearDays = ContributionLimits.defaultQuestionClearDays

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let deadlines = try config.deadlines()
                let window = try database.openQuestions(
                    meetingId: meeting, clearDays: clearDays, now: Date(), deadlines: deadlines, rule: try config.publicationRule(), actor: .commandLine)
                print("questions for meeting \(meeting) are open until \(window.closingPhrase(time: deadlines.time)) (window \(window.id!))")
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close questions for a meeting now.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Meeting id") var meeting: Int64

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                guard let window = try database.questionWindow(meetingId: meeting) else {
                    throw TownhallError.notFound("questions were never opened for meeting \(meeting)")
                }
                try database.closeContributionWindow(id: window.id!, now: Date(), actor: .commandLine)
                print("questions for meeting \(meeting) are closed")
            }
        }
    }
}

/// An LPAC inquiry's call for evidence: open it until a day, or close it.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence", abstract: "Calls for written evidence on an LPAC inquiry.", subcommands: [Open.self, Close.self])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open an inquiry's call for evidence until the end of a day (or move that day).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Inquiry slug") var inquiry: String
        @Option(help: "Last day for evidence, YYYY-MM-DD") var closes: String

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let time = LocalTime(timeZone: config.timeZone)
                let window = try database.openCallForEvidence(inquirySlug: inquiry, closesOn: closes, now: Date(), time: time, actor: .commandLine)
                print("evidence to \(inquiry) is open until \(window.closingPhrase(time: time)) (window \(window.id!))")
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an inquiry's call for evidence now.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Inquiry slug") var inquiry: String

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                guard let (_, window) = try database.evidenceWindow(inquirySlug: inquiry) else { throw TownhallError.notFound("no inquiry \(inquiry)") }
                guard let window else { throw TownhallError.notFound("inquiry \(inquiry) has no call for evidence") }
                try database.closeContributionWindow(id: window.id!, now: Date(), actor: .commandLine)
                print("the call for evidence to \(inquiry) is closed")
            }
        }
    }
}

/// Moderating what residents sent: list, accept, refuse (with a reason), merge, answer. The sender is told by
/// e-mail, in the words the clerk's page uses.
struct ContributionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contribution", abstract: "Moderate residents' questions and written evidence.",
        subcommands: [List.self, Accept.self, Refuse.self, Merge.self, Answer.self])

    /// A contribution as listed: never its confirmation token.
    struct Line: Encodable {
        let id: Int64
        let kind: String
        let state: String
        let about: String
        let name: String
        let email: String
        let organisation: String
        let text: String
        let file: String?
        let reason: String?
        let mergedInto: Int64?
        let answer: String?

        init(_ found: ContributionContext) {
            let contribution = found.contribution
            id = contribution.id!
            kind = contribution.kind.rawValue
            state = contribution.state.rawValue
            about = found.title
            name = contribution.name
            email = contribution.email
            organisation = contribution.organisation
            text = contribution.text
            file = contribution.fileName
            reason = contribution.reason
            mergedInto = contribution.mergedIntoId
            answer = contribution.answer
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List questions and evidence, newest first.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this body's (slug)") var body: String?
        @Option(help: "Only in this state: \(ContributionState.allCases.map(\.rawValue).joined(separator: ", "))") var state: String?
        @Flag(help: "Print JSON, with the whole text") var json = false

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let state = try state.map { try parseChoice(ContributionState.self, $0, option: "state") }
                let bodyId = try body.map { slug in
                    guard let id = try database.list(Body.self).first(where: { $0.slug == slug })?.id else { throw TownhallError.notFound("no body \(slug)") }
                    return id
                }
                try printList(try database.contributions(bodyId: bodyId, state: state, time: LocalTime(timeZone: config.timeZone)).map(Line.init), json: json) {
                    "\($0.id)\t\($0.kind)\t\($0.state)\t\($0.name)\t\($0.about)\t\($0.text.prefix(60).replacingOccurrences(of: "\n", with: " "))"
                }
            }
        }
    }

    static func decide(_ store: StoreOptions, _ id: Int64, _ decision: ContributionDecision) throws {
        let (config, database) = try store.open()
        let time = LocalTime(timeZone: config.timeZone)
        let messages = ContributionMessages(siteName: config.siteName, time: time)
        let done = try database.decideContribution(id: id, decision, now: Date(), time: time, actor: .commandLine, message: messages.decision)
        print("\(done.kind.noun) \(id) from \(done.name): \(done.state.label.lowercased())\(done.answer == nil ? "" : ", answered"); the sender will be told")
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept one: it is published.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Contribution id") var id: Int64
        func run() async throws { try await reportingErrors { try ContributionCommand.decide(store, id, .accept) } }
    }

    struct Refuse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse one, with the reason the sender is told (never published).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Contribution id") var id: Int64
        @Option(help: "Why it is refused") var reason: String
        func run() async throws { try await reportingErrors { try ContributionCommand.decide(store, id, .reject(reason: reason)) } }
    }

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge a question into an accepted one that asks the same.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Question id") var id: Int64
        @Option(help: "The accepted question's id") var into: Int64
        func run() async throws { try await reportingErrors { try ContributionCommand.decide(store, id, .merge(into: into)) } }
    }

    struct Answer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the answer to an accepted question; it is published with it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Question id") var id: Int64
        @Option(help: "The answer") var text: String
        @Option(help: "Who answered, e.g. \"The Chair\"") var by: String
        func run() async throws { try await reportingErrors { try ContributionCommand.decide(store, id, .answer(text: text, by: by)) } }
    }
}
