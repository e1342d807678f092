import ArgumentParser
import Foundation
import TownhallDemo
import TownhallDomain
import TownhallStore
import TownhallWeb

struct DecisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decision", abstract: "A Policing Board's decisions on its reserved functions.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a budget, plan or Chief Constable decision.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Board slug") var body: String
        @Option(help: "Function: \(ReservedFunction.allCases.map(\.rawValue).joined(separator: ", "))") var function: String
        @Option(help: "Day decided, YYYY-MM-DD") var on: String
        @Option(help: "One-line summary as minuted") var summary: String
        @Option(help: "Force budget in pounds, e.g. 412500000 or 412,500,000.00") var budget: String?
        @Option(help: "Band D precept in pounds, e.g. 265.14") var precept: String?
        @Option(help: "Chief Constable's name") var chiefConstable: String?
        @Option(help: "A strategic priority of the plan (repeat for each)") var priority: [String] = []
        @Option(help: "Meeting id (a held meeting of the board; required when the basis is meeting)") var meeting: Int64?
        @Option(help: "Paper id of the report decided on") var paper: Int64?
        @Option(help: "How it was decided: \(DecisionBasis.allCases.map(\.rawValue).joined(separator: ", "))") var basis = "meeting"
        @Option(help: "For a delegated or urgent decision: the power it was taken under") var authority: String?

        func run() async throws {
            try await reportingErrors {
                let function = try parseChoice(ReservedFunction.self, function, option: "function")
                let basis = try parseChoice(DecisionBasis.self, basis, option: "basis")
                let (config, database) = try store.open()
                let input = BoardDecisionInput(
                    function: function, decidedOn: on, summary: summary, budget: try budget.map(Money.init(parsing:)),
                    precept: try precept.map(Money.init(parsing:)), chiefConstable: chiefConstable, priorities: priority,
                    meetingId: meeting, paperId: paper, basis: basis, authority: authority)
                let decision = try database.recordBoardDecision(
                    body: body, input, localTime: LocalTime(timeZone: config.timeZone), actor: .commandLine)
                print("recorded decision \(decision.id!): \(function.label) on \(decision.decidedOn)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a board's reserved decisions, newest first.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Board slug") var body: String
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try printList(try database.boardDecisions(body: body), json: json) { decision in
                    let money = [decision.budgetPence, decision.preceptPence].compactMap { $0 }.map { Money(pence: $0).description }
                    return ([decision.decidedOn, decision.function.rawValue] + money + [decision.chiefConstable ?? "", decision.summary])
                        .filter { !$0.isEmpty }.joined(separator: "\t")
                }
            }
        }
    }
}

struct InquiryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inquiry", abstract: "LPAC inquiries: sessions, witnesses and the final report.",
        subcommands: [Add.self, Session.self, Witness.self, Report.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open an inquiry of an LPAC.")
        @OptionGroup var store: StoreOptions
        @Option(help: "LPAC slug") var body: String
        @Option(help: "URL slug of the inquiry") var slug: String
        @Option(help: "Title") var title: String
        @Option(help: "Scope (terms of reference)") var scope = ""
        @Option(help: "Day opened, YYYY-MM-DD") var opened: String

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let inquiry = try database.addInquiry(
                    body: body, slug: slug, title: title, scope: scope, openedOn: opened, localTime: LocalTime(timeZone: config.timeZone),
                    actor: .commandLine)
                print("opened inquiry \(inquiry.slug) (id \(inquiry.id!))")
            }
        }
    }

    struct Session: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a meeting an evidence session of the inquiry.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Inquiry slug") var inquiry: String
        @Option(help: "Meeting id") var meeting: Int64

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                _ = try database.addEvidenceSession(inquiry: inquiry, meetingId: meeting, actor: .commandLine)
                print("meeting \(meeting) is an evidence session of \(inquiry)")
            }
        }
    }

    struct Witness: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a witness called to give evidence at a meeting.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Meeting id") var meeting: Int64
        @Option(help: "Witness's name") var name: String
        @Option(help: "Job title or capacity") var role = ""
        @Option(help: "Slug of the organisation they spoke for") var organisation: String?

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let witness = try database.addWitness(meetingId: meeting, name: name, role: role, organisation: organisation, actor: .commandLine)
                print("recorded witness \(witness.id!): \(witness.name)")
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the paper that is the inquiry's final report.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Inquiry slug") var inquiry: String
        @Option(help: "Paper id") var paper: Int64

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                _ = try database.setInquiryReport(inquiry: inquiry, paperId: paper, actor: .commandLine)
                print("paper \(paper) is the final report of \(inquiry)")
            }
        }
    }
}

struct PeerChallengeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peer-challenge", abstract: "Peer challenges, their reports, report backs and follow-ups.",
        subcommands: [Add.self, Report.self, ReportBack.self, FollowUp.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a challenge of a council by a team.")
        @OptionGroup var store: StoreOptions
        @Option(help: "URL slug of the challenge") var slug: String
        @Option(help: "Team: slug of a body of kind peer-challenge-team") var team: String
        @Option(help: "Slug of the council challenged") var council: String
        @Option(help: "Kind: \(PeerChallengeKind.allCases.map(\.rawValue).joined(separator: ", "))") var kind = "corporate"
        @Option(help: "Scope") var scope: String
        @Option(help: "First on-site day, YYYY-MM-DD") var from: String
        @Option(help: "Last on-site day, YYYY-MM-DD") var to: String
        @Option(help: "Slug of the earlier challenge this one follows up") var followUpOf: String?

        func run() async throws {
            try await reportingErrors {
                let kind = try parseChoice(PeerChallengeKind.self, kind, option: "kind")
                let (config, database) = try store.open()
                let challenge = try database.addPeerChallenge(
                    PeerChallengeInput(
                        slug: slug, team: team, council: council, kind: kind, scope: scope, onSiteFrom: from, onSiteTo: to,
                        followUpOf: followUpOf),
                    localTime: LocalTime(timeZone: config.timeZone), actor: .commandLine)
                print("added peer challenge \(challenge.slug) (id \(challenge.id!))")
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the published paper that is the challenge report.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Challenge slug") var slug: String
        @Option(help: "Paper id (published)") var paper: Int64

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let challenge = try database.setPeerChallengeReport(
                    slug: slug, paperId: paper, localTime: LocalTime(timeZone: config.timeZone), actor: .commandLine)
                let due = database.peerChallengeRules.followUpDue(challenge).map { "\($0)" } ?? "unknown"
                print("report published \(challenge.reportPublishedOn!); follow-up due by \(due)")
            }
        }
    }

    struct ReportBack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "report-back", abstract: "Record the council's report back on measures taken.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Challenge slug") var slug: String
        @Option(help: "Day reported, YYYY-MM-DD") var on: String
        @Option(help: "Summary of the measures taken") var summary: String

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                _ = try database.recordReportBack(
                    slug: slug, on: on, summary: summary, localTime: LocalTime(timeZone: config.timeZone), actor: .commandLine)
                print("recorded report back on \(slug)")
            }
        }
    }

    struct FollowUp: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "follow-up", abstract: "Schedule the follow-up (within 18 months of the report).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Challenge slug") var slug: String
        @Option(help: "Day of the follow-up visit, YYYY-MM-DD") var on: String

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let challenge = try database.scheduleFollowUp(
                    slug: slug, on: on, localTime: LocalTime(timeZone: config.timeZone), actor: .commandLine)
                print("follow-up of \(slug) scheduled for \(challenge.followUpOn!)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List challenges with their follow-up and repeat dates.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let time = LocalTime(timeZone: config.timeZone)
                let rows = try await database.peerChallenges(today: time.calendarDay(of: Date())).map(ChallengeLine.init)
                try printList(rows, json: json) { row in
                    [row.slug, row.kind, row.council, "on site \(row.onSiteFrom)", row.reportPublishedOn.map { "report \($0)" } ?? "no report",
                     row.followUp.map { "follow-up \($0.state) by \($0.due)" } ?? "", row.repeatChallenge.map { "repeat \($0.state) by \($0.due)" } ?? ""]
                        .filter { !$0.isEmpty }.joined(separator: "\t")
                }
            }
        }
    }
}

/// Everything dated that needs attention: peer challenge follow-ups and repeats, panels' annual reports.
struct DutiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duties", abstract: "List follow-ups, repeat challenges and annual reports; exits 1 if any is overdue.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Day to judge on, YYYY-MM-DD (default today)") var on: String?
    @Flag(help: "Only what is due soon or overdue") var outstanding = false
    @Flag(help: "Print JSON") var json = false

    func run() async throws {
        try await reportingErrors {
            let (config, database) = try store.open()
            let time = LocalTime(timeZone: config.timeZone)
            let today = try on.map { Day(try time.parseDay($0))! } ?? time.calendarDay(of: Date())
            let duties = try await database.duties(today: today, time: time).filter { !outstanding || $0.state.isOutstanding }
            try printList(duties.map(DutyLine.init), json: json) { "\($0.state)\t\($0.due)\t\($0.subject)\t\($0.what)" }
            if duties.contains(where: { $0.state.code == "overdue" }) { throw ExitCode(1) }
        }
    }
}

/// A duty as the CLI prints it (text or JSON).
struct DutyLine: Encodable {
    let source: String
    let subject: String
    let what: String
    let state: String
    let due: String
    let doneOrPlanned: String?
    let url: String

    init(_ duty: Duty) {
        source = duty.source.rawValue
        subject = duty.subject
        what = duty.what
        state = duty.state.code
        due = duty.state.dueDay.description
        doneOrPlanned = duty.state.plannedDay?.description
        url = duty.url
    }
}

/// A peer challenge as the CLI prints it.
struct ChallengeLine: Encodable {
    struct Due: Encodable {
        let state: String
        let due: String
        let planned: String?
    }

    let slug: String
    let kind: String
    let council: String
    let onSiteFrom: String
    let onSiteTo: String
    let reportPublishedOn: String?
    let reportBackOn: String?
    let followUp: Due?
    let repeatChallenge: Due?

    init(_ summary: PeerChallengeSummary) {
        slug = summary.challenge.slug
        kind = summary.challenge.kind.rawValue
        council = summary.council.name
        onSiteFrom = summary.challenge.onSiteFrom
        onSiteTo = summary.challenge.onSiteTo
        reportPublishedOn = summary.challenge.reportPublishedOn
        reportBackOn = summary.challenge.reportBackOn
        let due = { (state: DutyState) in Due(state: state.code, due: state.dueDay.description, planned: state.plannedDay?.description) }
        followUp = summary.followUp.map(due)
        repeatChallenge = summary.recurrence.map(due)
    }
}
