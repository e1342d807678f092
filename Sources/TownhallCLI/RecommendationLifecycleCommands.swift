import ArgumentParser
import Foundation
import TownhallDomain
import TownhallStore

/// The clerk's recommendation screens from the command line (issue 18, CLI parity): the same store calls, so the
/// same checks, and one plain line with a non-zero exit when a check refuses.
extension RecommendationsCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a draft recommendation to a report, addressed to an organisation.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON") var json = false
        @Argument(help: "The report's paper id") var paper: Int64
        @Option(help: "Slug of the organisation it is addressed to") var organisation: String
        @Option(help: "What the body recommends") var text: String

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let addressee = try await Self.organisation(database, organisation)
                let record = try database.addRecommendation(
                    paperId: paper, organisationId: addressee.id!, text: text, now: Date(), actor: .commandLine)
                try printResult(record, json: json, "added draft recommendation \(record.id!) (number \(record.number)) to \(addressee.slug)")
            }
        }

        static func organisation(_ database: AppDatabase, _ slug: String) async throws -> Organisation {
            guard let found = try await database.organisation(slug: slug) else { throw TownhallError.notFound("no organisation with slug \"\(slug)\"") }
            return found
        }
    }

    struct FromText: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "from-text",
            abstract: "Add, as drafts, the numbered recommendations listed under a report's \"Recommendations\" heading.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The report's paper id") var paper: Int64
        @Option(help: "Slug of the organisation they are addressed to") var organisation: String

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let addressee = try await Add.organisation(database, organisation)
                let added = try database.addRecommendationsFromText(paperId: paper, organisationId: addressee.id!, now: Date(), actor: .commandLine)
                for record in added { print("\(record.number)\t\(record.text)") }
                print("added \(added.count) draft recommendation\(added.count == 1 ? "" : "s") to \(addressee.slug)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List issued recommendations and where each stands.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only those addressed to this organisation (slug)") var organisation: String?
        @Option(help: "Only those of this report (paper id)") var paper: Int64?
        @Flag(help: "Include drafts") var drafts = false
        @Flag(help: "Print JSON") var json = false

        struct Row: Encodable {
            var id: Int64, body: String, report: String, number: Int, organisation: String, status: String, state: String
            var dueOn: String?, decision: String?, text: String
        }

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                var organisationId: Int64?
                if let organisation { organisationId = try await Add.organisation(database, organisation).id }
                let scope = RecommendationScope(organisationId: organisationId, paperId: paper, includeDrafts: drafts)
                let rows = try await database.trackedRecommendations(scope, deadlines: try config.deadlines(), now: Date()).map {
                    Row(id: $0.recommendation.id!, body: $0.body.slug, report: $0.paperTitle, number: $0.recommendation.number,
                        organisation: $0.organisation.slug, status: $0.recommendation.status.rawValue, state: $0.state.rawValue,
                        dueOn: $0.recommendation.dueOn, decision: $0.decision?.rawValue, text: $0.recommendation.text)
                }
                try printList(rows, json: json) {
                    "\($0.id)\t\($0.organisation)\t\($0.state)\(($0.dueOn.map { "\tdue \($0)" }) ?? "")\t\($0.body): \($0.report), recommendation \($0.number)"
                }
            }
        }
    }

    struct Extend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a waiting recommendation's response deadline later, with the public reason.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON") var json = false
        @Argument(help: "Recommendation id") var recommendation: Int64
        @Option(help: "The new due day, YYYY-MM-DD") var to: String
        @Option(help: "Why, as the public record will say") var reason: String

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                guard let day = Day(to) else { throw TownhallError.invalid("--to must be a real date, for example 2027-03-31") }
                try database.extendDeadline(recommendationId: recommendation, to: day, reason: reason, at: Date(), deadlines: try config.deadlines(),
                                            actor: .commandLine)
                try printResult(try recommendationRecord(database, recommendation), json: json, "recommendation \(recommendation) now due \(day)")
            }
        }
    }

    /// A request for more time that reached the clerk outside Townhall (a letter, an e-mail), entered for the
    /// organisation, with the same checks as the provider's form.
    struct RequestExtension: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request-extension", abstract: "Record an organisation's request for more time; the clerk then grants or refuses it.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON") var json = false
        @Argument(help: "Recommendation id") var recommendation: Int64
        @Option(help: "The day asked for, YYYY-MM-DD") var to: String
        @Option(help: "The organisation's reason, as the public record will say") var reason: String
        @Option(help: "Who asked, as the public record will name them (default Administrator)") var by: String?

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let actor = by.map { Actor(label: Actor.commandLine.label, publicName: $0) } ?? .commandLine
                let request = try database.requestExtension(
                    recommendationId: recommendation, organisationId: nil, to: to, reason: reason, at: Date(), deadlines: try config.deadlines(),
                    actor: actor)
                try printResult(request, json: json,
                                "recommendation \(recommendation): more time asked for, to \(request.requestedDueOn) (was \(request.dueOnWhenAsked)); waiting for a decision")
            }
        }
    }

    /// A holding reply that reached the clerk outside Townhall, published for the organisation.
    struct HoldingReply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "holding-note", abstract: "Publish an organisation's holding reply to a report (response in preparation, expected by ...).")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON") var json = false
        @Argument(help: "Paper id of the report") var paper: Int64
        @Option(help: "Slug of the organisation") var organisation: String
        @Option(help: "The holding reply, as the public record will say") var note: String
        @Option(name: .customLong("expected-by"), help: "When the organisation says its response will come, YYYY-MM-DD") var expectedBy = ""
        @Option(help: "Who sent it, as the public record will name them (default Administrator)") var by: String?

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let responder = try await Add.organisation(database, organisation)
                let actor = by.map { Actor(label: Actor.commandLine.label, publicName: $0) } ?? .commandLine
                let note = try database.publishHoldingNote(
                    paperId: paper, organisationId: responder.id!, note: note, expectedBy: expectedBy, at: Date(), deadlines: try config.deadlines(),
                    actor: actor)
                try printResult(note, json: json, "holding reply published for \(responder.name) on paper \(paper)")
            }
        }
    }

    /// Progress on the action promised for an accepted recommendation, as the provider's form records it.
    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a progress update on an accepted (or partly accepted) recommendation.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON") var json = false
        @Argument(help: "Recommendation id") var recommendation: Int64
        @Option(help: "planned, in-progress, implemented or not-implemented") var status: String
        @Option(help: "What has been done, as the public record will say") var note: String
        @Option(help: "A new target day, YYYY-MM-DD") var target = ""
        @Option(help: "Per cent complete, 0 to 100") var percent = ""
        @Option(help: "Who reported it, as the public record will name them (default Administrator)") var by: String?

        func run() async throws {
            try await reportingErrors {
                let status = try parseChoice(ImplementationStatus.self, status, option: "status")
                let percent = try ImplementationUpdate.percent(percent).get()
                let (config, database) = try store.open()
                let actor = by.map { Actor(label: Actor.commandLine.label, publicName: $0) } ?? .commandLine
                let update = try database.addImplementationUpdate(
                    recommendationId: recommendation, status: status, note: note, targetDate: target, percentComplete: percent, at: Date(),
                    deadlines: try config.deadlines(), actor: actor)
                try printResult(update, json: json, "recommendation \(recommendation): progress published (\(status.label.lowercased()))")
            }
        }
    }

    struct DecideExtension: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide-extension", abstract: "Grant or refuse the waiting request for more time on a recommendation.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON") var json = false
        @Argument(help: "Recommendation id") var recommendation: Int64
        @Flag(help: "Grant the request") var grant = false
        @Flag(help: "Refuse the request (give --note)") var refuse = false
        @Option(help: "The day granted, if earlier than the day asked for, YYYY-MM-DD") var to = ""
        @Option(help: "The reasons, as the public record will say (required to refuse)") var note = ""

        func run() async throws {
            try await reportingErrors {
                guard grant != refuse else { throw TownhallError.invalid("give one of --grant or --refuse") }
                let (config, database) = try store.open()
                let request = try database.decideExtension(
                    recommendationId: recommendation, grant: grant, grantedDue: to, note: note, at: Date(), deadlines: try config.deadlines(),
                    actor: .commandLine)
                try printResult(request, json: json, grant ? "recommendation \(recommendation): more time granted, now due \(request.grantedDueOn ?? "")"
                      : "recommendation \(recommendation): request for more time refused; still due \(request.dueOnWhenAsked)")
            }
        }
    }

    struct Refer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refer a rejected or partly accepted recommendation to another body.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON") var json = false
        @Argument(help: "Recommendation id") var recommendation: Int64
        @Option(help: "The slug of the body it is referred to, from `townhall referral-body list`") var to: String
        @Option(name: .customLong("reply-due"), help: "The day a reply is due, YYYY-MM-DD") var replyDue = ""
        @Option(help: "A note for the public record") var note = ""

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                try database.referRecommendation(
                    id: recommendation, to: to, replyDue: replyDue, note: note, at: Date(), deadlines: try config.deadlines(), actor: .commandLine)
                try printResult(try recommendationRecord(database, recommendation), json: json, "recommendation \(recommendation) referred to \(to)")
            }
        }
    }

    struct ReferralOutcome: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "referral-outcome", abstract: "Record what the body a recommendation was referred to decided or replied.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON") var json = false
        @Argument(help: "Recommendation id") var recommendation: Int64
        @Option(help: "The outcome, as the public record will say") var outcome: String
        @Option(help: "The day of the outcome, YYYY-MM-DD (default today)") var on = ""

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                try database.recordReferralOutcome(id: recommendation, outcome: outcome, on: on, at: Date(), deadlines: try config.deadlines(), actor: .commandLine)
                try printResult(try recommendationRecord(database, recommendation), json: json, "recommendation \(recommendation): referral outcome recorded")
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a recommendation, with the closing note the public reads.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON") var json = false
        @Argument(help: "Recommendation id") var recommendation: Int64
        @Option(help: "Why it is closed") var note: String

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                try database.closeRecommendation(id: recommendation, note: note, at: Date(), deadlines: try config.deadlines(), actor: .commandLine)
                try printResult(try recommendationRecord(database, recommendation), json: json, "recommendation \(recommendation) closed")
            }
        }
    }

    /// An organisation's response to a report, from a JSON file of answers by recommendation number, for a response
    /// that arrived outside Townhall. The same checks as the provider's form: every open recommendation answered,
    /// reasons for any refusal, an action and a real target date, not before the issue date, for any acceptance.
    struct Respond: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an organisation's response to a report from a JSON file of answers.",
            discussion: """
                The file maps each recommendation's number to its answer, for example
                {"1": {"decision": "accepted", "action": "Weekly dashboard", "target": "2027-06-30"},
                 "2": {"decision": "rejected", "reasons": "No funding this year"}}.
                Decisions: \(ResponseDecision.allCases.map(\.rawValue).joined(separator: ", ")). Without --submit the answers are saved as a draft.
                """)
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON") var json = false
        @Argument(help: "The report's paper id") var paper: Int64
        @Option(help: "Slug of the organisation responding") var organisation: String
        @Option(help: "The JSON file of answers") var answers: String
        @Flag(help: "Submit the response (otherwise it is saved as a draft)") var submit = false
        @Option(help: "How it arrived, when not through Townhall, as the public record will say (\"letter of 2 March 2027\")")
        var received: String?
        @Option(name: .customLong("sign-off"), help: "The authority the response carries (\"approved by the trust board on 12 March 2027\")")
        var signOff = ""

        struct Answer: Decodable {
            var decision: String?
            var reasons: String?
            var action: String?
            var target: String?
        }

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let deadlines = try config.deadlines()
                let responder = try await Add.organisation(database, organisation)
                let data: Data
                do { data = try Data(contentsOf: URL(fileURLWithPath: answers)) } catch { throw TownhallError.io("cannot read \(answers)") }
                let typed: [String: Answer]
                do { typed = try JSONDecoder().decode([String: Answer].self, from: data) } catch {
                    throw TownhallError.invalid("\(answers) is not a JSON object of answers by recommendation number (see --help)")
                }
                let open = try await database.trackedRecommendations(
                    RecommendationScope(organisationId: responder.id, paperId: paper), deadlines: deadlines, now: Date())
                var byId: [Int64: ResponseAnswer] = [:]
                for (number, answer) in typed {
                    guard let found = open.first(where: { String($0.recommendation.number) == number }) else {
                        throw TownhallError.invalid("report \(paper) has no recommendation \(number) for \(responder.slug)")
                    }
                    let decision = try answer.decision.map { try parseChoice(ResponseDecision.self, $0, option: "decision") }
                    byId[found.recommendation.id!] = ResponseAnswer(
                        decision: decision, reasons: answer.reasons ?? "", action: answer.action ?? "", targetDate: answer.target ?? "")
                }
                let now = Date()
                if submit {
                    let latest = try await database.latestSubmittedVersion(paperId: paper, organisationId: responder.id!)
                    let response = try database.submitResponse(
                        paperId: paper, organisationId: responder.id!, answers: byId, basedOnVersion: latest, now: now, deadlines: deadlines,
                        receivedOutside: received, signOff: signOff, actor: .commandLine)
                    try printResult(response, json: json, "submitted version \(response.version) of \(responder.slug)'s response to paper \(paper)")
                } else {
                    guard received == nil else { throw TownhallError.invalid("--received goes with --submit: a draft has not been received") }
                    let response = try database.saveResponseDraft(
                        paperId: paper, organisationId: responder.id!, answers: byId, now: now, time: deadlines.time, actor: .commandLine)
                    try printResult(response, json: json, "saved a draft (version \(response.version)) of \(responder.slug)'s response to paper \(paper)")
                }
            }
        }
    }
}

extension RecommendationsCommand {
    /// The clerk's "Call back to a meeting" (`CallBack`): the same store call, so the same checks.
    struct CallBack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "call-back",
            abstract: "List a recommendation under a later meeting's \"Progress on recommendations\" item, adding the item if need be.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the result as JSON") var json = false
        @Argument(help: "Recommendation id") var recommendation: Int64
        @Option(help: "The meeting's id: a scheduled meeting of the same body, after the issue day, its agenda not yet published")
        var meeting: Int64

        struct Output: Encodable {
            let recommendation: Int64
            let meeting: Int64
            let agendaItem: Int64
            let itemNumber: String
            let itemTitle: String
            let at: Date
        }

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let entry = try database.callBack(
                    recommendationId: recommendation, meetingId: meeting, at: Date(), deadlines: try config.deadlines(),
                    rule: try config.publicationRule(), actor: .commandLine)
                try printResult(
                    Output(recommendation: recommendation, meeting: meeting, agendaItem: entry.item.id!, itemNumber: entry.item.number,
                           itemTitle: entry.item.title, at: entry.callBack.at),
                    json: json, "recommendation \(recommendation) called back to meeting \(meeting), item \(entry.item.number): \(entry.item.title)")
            }
        }
    }
}
