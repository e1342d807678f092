import ArgumentParser
import Foundation
import TownhallDemo
import TownhallDomain
import TownhallStore
import TownhallWeb

/// `townhall`: the server and the administrators' commands, over one store.
@main
struct Townhall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "townhall",
        abstract: "Public meetings, papers and scrutiny for English local government.",
        subcommands: [
            Serve.self, DB.self, AuthorityCommand.self, BodyCommand.self, PersonCommand.self, MemberCommand.self,
            MeetingCommand.self, AgendaCommand.self, PaperCommand.self, Attach.self, UserCommand.self, AuditCommand.self,
            OrganisationCommand.self, ReferralBodyCommand.self, ResponseRuleCommand.self, RecommendationsCommand.self, NotifyCommand.self, FollowCommand.self, QuestionsCommand.self, EvidenceCommand.self, ContributionCommand.self, PerformanceCommand.self, SpendingCommand.self, DecisionCommand.self, InquiryCommand.self, PeerChallengeCommand.self,
            DutiesCommand.self, PlanCommand.self, HolidaysCommand.self, SearchCommand.self, RoutesCommand.self, Demo.self,
        ])
}
