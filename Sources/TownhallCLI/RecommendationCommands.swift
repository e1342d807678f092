import ArgumentParser
import Foundation
import TownhallDemo
import TownhallDomain
import TownhallStore
import TownhallWeb

struct OrganisationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organisation", abstract: "Organisations that receive recommendations.", subcommands: [Add.self, Link.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an organisation (police force, NHS trust, council, academy trust).")
        @OptionGroup var store: StoreOptions
        @Option(help: "Short name for addresses, e.g. harford-police") var slug: String
        @Option(help: "Full name") var name: String
        @Option(help: "\(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))") var kind: String
        @Option(name: .customLong("other-kind"), help: "What an organisation of kind other is, e.g. \"probation service\"") var otherKind: String?
        @Option(help: "The council (authority slug) this organisation is, so the council is one record") var authority: String?

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let record = try database.addOrganisation(
                    slug: slug, name: name, kind: try parseChoice(OrganisationKind.self, kind, option: "kind"), otherKind: otherKind,
                    authority: authority, actor: .commandLine)
                print("added organisation \(record.slug): \(record.name)")
            }
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an organisation the record of a council (one record, not two).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Organisation slug") var slug: String
        @Option(help: "The council's authority slug") var authority: String

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try database.linkOrganisation(slug: slug, authority: authority, actor: .commandLine)
                print("organisation \(slug) is now the record of council \(authority)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organisations.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try printList(try database.list(Organisation.self), json: json) { "\($0.slug)\t\($0.kind.rawValue)\t\($0.name)\t\($0.kindLabel)" }
            }
        }
    }
}

/// The maintained list of bodies a refused recommendation can be referred to.
struct ReferralBodyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral-body", abstract: "Bodies a refused recommendation can be referred to.", subcommands: [Add.self, List.self, Retire.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a body to the list.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Short name, e.g. harford-health-and-wellbeing-board") var slug: String
        @Option(help: "Full name") var name: String
        @Option(help: "parliament, government, regulator, inspectorate, ombudsman, local or other") var kind: String

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let body = try database.addReferralBody(
                    slug: slug, name: name, kind: try parseChoice(ReferralBody.Kind.self, kind, option: "kind"), actor: .commandLine)
                print("added referral body \(body.slug): \(body.name)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the bodies offered for referrals.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Include retired bodies") var all = false
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try printList(try database.referralBodies(includeRetired: all), json: json) {
                    "\($0.slug)\t\($0.kind.rawValue)\t\($0.name)\($0.isActive ? "" : "\t(retired)")"
                }
            }
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop offering a body for new referrals; those made stay.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Slug") var slug: String

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try database.retireReferralBody(slug: slug, actor: .commandLine)
                print("retired referral body \(slug)")
            }
        }
    }
}

struct ResponseRuleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "response-rule", abstract: "Set how long organisations have to respond to a body's recommendations.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Body slug") var body: String
    @Option(help: """
        e.g. "2 calendar-months", "8 weeks", "20 working-days", "30 calendar-days", or the statutory "2 months-beginning-with" \
        (not moved off a weekend or holiday; add "next-working-day" to move it); with --for, "default" removes that kind's own period
        """) var rule: String?
    @Option(name: .customLong("for"), help: "Only for organisations of this kind: \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))")
    var organisationKind: String?
    @Option(help: "Working days before the deadline that count as due soon (default 10)") var dueSoon: Int?
    @Option(help: "Working days past the deadline that count as long overdue (default 20)") var longOverdue: Int?

    func run() async throws {
        try await reportingErrors {
            let (_, database) = try store.open()
            let kind = try organisationKind.map { try parseChoice(OrganisationKind.self, $0, option: "for") }
            if kind == nil, rule == "default" { throw TownhallError.invalid("--rule default needs --for, the kind whose own period is removed") }
            if kind != nil, rule == nil { throw TownhallError.invalid("--for needs --rule, the period for that kind (or default to remove it)") }
            let parsed = try rule.flatMap { $0 == "default" ? nil : try ResponseRule(parsing: $0) }
            let record = try database.setResponseRule(
                body: body, rule: parsed, for: kind, dueSoon: dueSoon, longOverdue: longOverdue, actor: .commandLine)
            print("\(record.slug): \(record.rules.label); due soon \(record.dueSoonWorkingDays), long overdue \(record.longOverdueWorkingDays) working days")
        }
    }
}

struct RecommendationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommendation", abstract: "Recommendations and their responses.",
        subcommands: [Add.self, FromText.self, Issue.self, List.self, Overdue.self, Extend.self, RequestExtension.self, DecideExtension.self, HoldingReply.self, Progress.self, ReferralOutcome.self, Refer.self, Close.self,
                      Respond.self, CallBack.self],
        aliases: ["recommendations"])

    struct Overdue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List recommendations whose response is late.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        struct Row: Encodable {
            var id: Int64, body: String, report: String, number: Int, organisation: String, dueOn: String, state: String, workingDaysLate: Int
        }

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let deadlines = try config.deadlines()
                let now = Date()
                let today = deadlines.time.calendarDay(of: now)
                let rows = try database.overdueRecommendations(deadlines: deadlines, now: now).map {
                    Row(id: $0.recommendation.id!, body: $0.body.slug, report: $0.paperTitle, number: $0.recommendation.number,
                        organisation: $0.organisation.slug, dueOn: $0.recommendation.dueOn ?? "", state: $0.state.rawValue,
                        workingDaysLate: deadlines.workingDays.workingDays(from: Day($0.recommendation.dueOn ?? "") ?? today, to: today))
                }
                try printList(rows, json: json) {
                    "\($0.id)\t\($0.organisation)\tdue \($0.dueOn)\t\($0.state) (\($0.workingDaysLate) working days)\t\($0.body): \($0.report), recommendation \($0.number)"
                }
            }
        }
    }
}

extension RecommendationsCommand {
    /// Issues a report's draft recommendations, as the clerk's confirmation page does: without `--yes` it only shows
    /// what would be sent, to whom and when each response would be due, and which addressees nobody could answer for.
    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what issuing a report's draft recommendations would send; with --yes, issue them.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The report's paper id") var paper: Int64
        @Option(help: "The delegated authority, when the meeting has not yet held or decided on the item") var authority: String?
        @Flag(help: "Issue them (without it nothing is sent)") var yes = false
        @Flag(help: "Print the preview, or with --yes the issued records, as JSON") var json = false

        /// One line of the preview: a draft, whom it goes to and when its answer would be due.
        struct PreviewRow: Encodable {
            let id: Int64
            let number: Int
            let organisation: String
            let due: String
            let rule: String
            let activeResponders: Int
            let text: String
        }

        struct PreviewOutput: Encodable {
            let paper: Int64
            let drafts: [PreviewRow]
            /// Organisations nobody could answer for, by slug.
            let noActiveResponder: [String]
            /// Why the meeting has not yet decided, so --authority is needed; nil when it has.
            let waitsFor: String?
        }

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let deadlines = try config.deadlines()
                let now = Date()
                let preview = try await database.issuePreview(paperId: paper, deadlines: deadlines, now: now)
                guard !preview.entries.isEmpty else { throw TownhallError.invalid("paper \(paper) has no draft recommendations to issue") }
                if json, !yes {
                    print(try jsonText(PreviewOutput(
                        paper: paper,
                        drafts: preview.entries.map {
                            PreviewRow(id: $0.recommendation.id!, number: $0.recommendation.number, organisation: $0.organisation.slug,
                                       due: $0.due.description, rule: $0.ruleLabel, activeResponders: $0.responders, text: $0.recommendation.text)
                        },
                        noActiveResponder: preview.unanswerable.map(\.slug), waitsFor: preview.waitsFor)))
                    return
                }
                if json {
                    let issued = try database.issueRecommendations(
                        paperId: paper, at: now, deadlines: deadlines, authority: authority, actor: .commandLine)
                    try printList(issued, json: true) { _ in "" }
                    return
                }
                for entry in preview.entries {
                    print("\(entry.recommendation.number)\t\(entry.organisation.slug)\tdue \(entry.due) (\(entry.ruleLabel))"
                        + (entry.responders == 0 ? "\tno active responder" : "") + "\t\(entry.recommendation.text)")
                }
                for organisation in preview.unanswerable {
                    print("warning: \(organisation.name) has no active responder account; nobody there is told or can answer")
                }
                guard yes else {
                    print("nothing was sent" + (preview.waitsFor.map { "; \($0), so --authority is needed" } ?? "") + "; add --yes to issue")
                    return
                }
                let issued = try database.issueRecommendations(
                    paperId: paper, at: now, deadlines: deadlines, authority: authority, actor: .commandLine)
                print("issued \(issued.count) recommendation\(issued.count == 1 ? "" : "s")")
            }
        }
    }
}

struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "E-mail notifications from the outbox.", subcommands: [Run.self, List.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue due-soon and overdue notices, then send every pending message through the configured sendmail program.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let summary = try Mailer(config: config).run(database: database, deadlines: try config.deadlines(), now: Date())
                print("queued \(summary.queued), sent \(summary.sent), failed \(summary.failed)" + (summary.held > 0 ? ", held \(summary.held) for the hourly limits" : ""))
                if summary.failed > 0 { throw ExitCode(1) }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the outbox.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try printList(try database.outbox(), json: json) {
                    "\($0.id!)\t\($0.kind.rawValue)\t\($0.recipient)\t\($0.sentAt == nil ? "pending (\($0.attempts) attempts\($0.lastError.map { ": \($0)" } ?? ""))" : "sent")\t\($0.subject)"
                }
            }
        }
    }
}
