import Foundation
import TownhallDomain

/// A link to one page of the site, typed: the case names the route and its values fill the route's parameters, so a
/// link can only be made to a route that exists, with the right kind of value (the SwiftPackageIndex `SiteURL`
/// pattern). `Route` holds the patterns; this maps each case to its route in one exhaustive switch.
public enum SiteURL: Sendable, Equatable, CustomStringConvertible {
    case home, bodies, meetings, search, peerChallenges, recommendations, calendar, papersFeed, responsesFeed, openData
    case bodyPage(slug: String), person(slug: String), bodyCalendar(slug: String), bodyPapersFeed(slug: String), bodyResponsesFeed(slug: String)
    case bodyPlanCalendar(slug: String), bodyPlanData(slug: String), updatesFeed(FollowTarget)
    case follow(FollowTarget), follows(token: String), followConfirm(token: String), unsubscribe(token: String)
    case askQuestion(meeting: Int64), submitEvidence(inquiry: String), contribution(token: String), evidence(Int64), evidenceFile(Int64)
    case meeting(Int64), agendaPack(Int64), agendaPackPDF(Int64), paper(Int64), paperDocument(Int64), attachment(Int64, name: String), inquiry(slug: String)
    case recommendation(Int64), organisation(slug: String), organisationRecord(slug: String), organisationSnippet(slug: String), dataFile(DataSet, DataFormat)
    case oparlRoot, oparlVersionRoot, oparlSystem, oparlBodies, oparlBody(Int64), oparlBodyList(Int64, list: String), oparlObject(kind: String, id: String)
    case health, ready
    case login, logout, passwordReset, passwordResetLink(token: String)
    case adminDashboard, adminRecommendations
    case adminMembers(body: String), adminMemberEnd(body: String, membership: Int64), adminPlan(body: String), adminNewMeeting(body: String)
    case adminMeeting(Int64), adminMeetingEdit(Int64), adminRenumber(Int64), adminAddItem(Int64), adminPublishAgenda(Int64)
    case adminMeetingStatus(Int64), adminMeetingAccess(Int64), adminAttendance(Int64), adminDeclarations(Int64), adminWitnesses(Int64)
    case adminWitnessDelete(meeting: Int64, witness: Int64), adminMinutes(Int64), adminMinutesPublish(Int64), adminMinutesApprove(Int64)
    case adminItemEdit(Int64), adminItemMove(Int64), adminItemDelete(Int64), adminNewPaper(item: Int64), adminItemAttachments(Int64)
    case adminPaper(Int64), adminPaperPublish(Int64), adminPaperRevise(Int64), adminPaperWithdraw(Int64)
    case adminAddRecommendation(paper: Int64), adminIssueRecommendations(paper: Int64)
    case adminContributions(body: String), adminContribution(Int64), adminContributionFile(Int64), adminQuestions(meeting: Int64), adminEvidenceCall(inquiry: String)
    case adminAttachment(Int64), adminAttachmentDelete(Int64)
    case adminRecommendation(Int64), adminExtend(Int64), adminRefer(Int64), adminClose(Int64), adminRecommendationDelete(Int64)
    case adminExtensionDecision(Int64), adminReferralOutcome(Int64), adminLetterResponse(paper: Int64, organisation: String), adminCallBack(Int64)
    case providerDashboard, providerReport(paper: Int64), providerProgress(recommendation: Int64), providerExtension(recommendation: Int64),
         providerHoldingNote(paper: Int64)

    /// The route this link goes to, and the values of its parameters in order.
    public var target: (route: Route, values: [String]) {
        switch self {
        case .home: (.home, [])
        case .bodies: (.bodies, [])
        case .meetings: (.meetings, [])
        case .search: (.search, [])
        case .peerChallenges: (.peerChallenges, [])
        case .recommendations: (.recommendations, [])
        case .calendar: (.calendar, [])
        case .papersFeed: (.papersFeed, [])
        case .responsesFeed: (.responsesFeed, [])
        case .openData: (.openData, [])
        case .bodyPage(let slug): (.bodyPage, [slug])
        case .person(let slug): (.person, [slug])
        case .bodyCalendar(let slug): (.bodyCalendar, [slug])
        case .bodyPapersFeed(let slug): (.bodyPapersFeed, [slug])
        case .bodyResponsesFeed(let slug): (.bodyResponsesFeed, [slug])
        case .bodyPlanCalendar(let slug): (.bodyPlanCalendar, [slug])
        case .bodyPlanData(let slug): (.bodyPlanData, [slug])
        case .updatesFeed: (.updatesFeed, [])
        case .follow: (.follow, [])
        case .follows(let token): (.follows, [token])
        case .followConfirm(let token): (.followConfirm, [token])
        case .unsubscribe(let token): (.unsubscribe, [token])
        case .askQuestion(let meeting): (.askQuestion, ["\(meeting)"])
        case .submitEvidence(let inquiry): (.submitEvidence, [inquiry])
        case .contribution(let token): (.contribution, [token])
        case .evidence(let id): (.evidence, ["\(id)"])
        case .evidenceFile(let id): (.evidenceFile, ["\(id)"])
        case .adminContributions(let body): (.adminContributions, [body])
        case .adminContribution(let id): (.adminContribution, ["\(id)"])
        case .adminContributionFile(let id): (.adminContributionFile, ["\(id)"])
        case .adminQuestions(let meeting): (.adminQuestions, ["\(meeting)"])
        case .adminEvidenceCall(let inquiry): (.adminEvidenceCall, [inquiry])
        case .meeting(let id): (.meeting, ["\(id)"])
        case .agendaPack(let id): (.agendaPack, ["\(id)"])
        case .agendaPackPDF(let id): (.agendaPackPDF, ["\(id)"])
        case .paper(let id): (.paper, ["\(id)"])
        case .paperDocument(let id): (.paperDocument, ["\(id)"])
        case .attachment(let id, let name): (.attachment, ["\(id)", name])
        case .inquiry(let slug): (.inquiry, [slug])
        case .recommendation(let id): (.recommendation, ["\(id)"])
        case .organisation(let slug): (.organisation, [slug])
        case .organisationRecord(let slug): (.organisationRecord, [slug])
        case .organisationSnippet(let slug): (.organisationSnippet, [slug])
        case .dataFile(let set, let format): (.dataFile, [DataSet.fileName(set, format)])
        case .oparlRoot: (.oparlRoot, [])
        case .oparlVersionRoot: (.oparlVersionRoot, [])
        case .oparlSystem: (.oparlSystem, [])
        case .oparlBodies: (.oparlBodies, [])
        case .oparlBody(let id): (.oparlBody, ["\(id)"])
        case .oparlBodyList(let id, let list): (.oparlBodyList, ["\(id)", list])
        case .oparlObject(let kind, let id): (.oparlObject, [kind, id])
        case .health: (.health, [])
        case .ready: (.ready, [])
        case .login: (.login, [])
        case .logout: (.logout, [])
        case .passwordReset: (.passwordReset, [])
        case .passwordResetLink(let token): (.passwordResetLink, [token])
        case .adminDashboard: (.adminDashboard, [])
        case .adminRecommendations: (.adminRecommendations, [])
        case .adminMembers(let body): (.adminMembers, [body])
        case .adminMemberEnd(let body, let membership): (.adminMemberEnd, [body, "\(membership)"])
        case .adminPlan(let body): (.adminPlan, [body])
        case .adminNewMeeting(let body): (.adminNewMeeting, [body])
        case .adminMeeting(let id): (.adminMeeting, ["\(id)"])
        case .adminMeetingEdit(let id): (.adminMeetingEdit, ["\(id)"])
        case .adminRenumber(let id): (.adminRenumber, ["\(id)"])
        case .adminAddItem(let id): (.adminAddItem, ["\(id)"])
        case .adminPublishAgenda(let id): (.adminPublishAgenda, ["\(id)"])
        case .adminMeetingStatus(let id): (.adminMeetingStatus, ["\(id)"])
        case .adminMeetingAccess(let id): (.adminMeetingAccess, ["\(id)"])
        case .adminAttendance(let id): (.adminAttendance, ["\(id)"])
        case .adminDeclarations(let id): (.adminDeclarations, ["\(id)"])
        case .adminWitnesses(let id): (.adminWitnesses, ["\(id)"])
        case .adminWitnessDelete(let meeting, let witness): (.adminWitnessDelete, ["\(meeting)", "\(witness)"])
        case .adminMinutes(let id): (.adminMinutes, ["\(id)"])
        case .adminMinutesPublish(let id): (.adminMinutesPublish, ["\(id)"])
        case .adminMinutesApprove(let id): (.adminMinutesApprove, ["\(id)"])
        case .adminItemEdit(let id): (.adminItemEdit, ["\(id)"])
        case .adminItemMove(let id): (.adminItemMove, ["\(id)"])
        case .adminItemDelete(let id): (.adminItemDelete, ["\(id)"])
        case .adminNewPaper(let item): (.adminNewPaper, ["\(item)"])
        case .adminItemAttachments(let id): (.adminItemAttachments, ["\(id)"])
        case .adminPaper(let id): (.adminPaper, ["\(id)"])
        case .adminPaperPublish(let id): (.adminPaperPublish, ["\(id)"])
        case .adminPaperRevise(let id): (.adminPaperRevise, ["\(id)"])
        case .adminPaperWithdraw(let id): (.adminPaperWithdraw, ["\(id)"])
        case .adminAddRecommendation(let paper): (.adminAddRecommendation, ["\(paper)"])
        case .adminIssueRecommendations(let paper): (.adminIssueRecommendations, ["\(paper)"])
        case .adminAttachment(let id): (.adminAttachment, ["\(id)"])
        case .adminAttachmentDelete(let id): (.adminAttachmentDelete, ["\(id)"])
        case .adminRecommendation(let id): (.adminRecommendation, ["\(id)"])
        case .adminExtend(let id): (.adminExtend, ["\(id)"])
        case .adminRefer(let id): (.adminRefer, ["\(id)"])
        case .adminClose(let id): (.adminClose, ["\(id)"])
        case .adminRecommendationDelete(let id): (.adminRecommendationDelete, ["\(id)"])
        case .adminExtensionDecision(let id): (.adminExtensionDecision, ["\(id)"])
        case .adminReferralOutcome(let id): (.adminReferralOutcome, ["\(id)"])
        case .adminCallBack(let id): (.adminCallBack, ["\(id)"])
        case .adminLetterResponse(let paper, let organisation): (.adminLetterResponse, ["\(paper)", organisation])
        case .providerDashboard: (.providerDashboard, [])
        case .providerReport(let paper): (.providerReport, ["\(paper)"])
        case .providerProgress(let recommendation): (.providerProgress, ["\(recommendation)"])
        case .providerExtension(let recommendation): (.providerExtension, ["\(recommendation)"])
        case .providerHoldingNote(let paper): (.providerHoldingNote, ["\(paper)"])
        }
    }

    /// The path, for links and redirects. A follow target goes in the query, as `kind` and `key`, since a saved
    /// search's words are no path segment.
    public var path: String {
        switch self {
        case .follow(let followed), .updatesFeed(let followed):
            target.route.path([]) + FormField.query([(.kind, followed.kind.rawValue), (.key, followed.key)])
        default:
            target.route.path(target.values)
        }
    }
    public var description: String { path }

    /// The path with a fragment, for a redirect back to one part of a page.
    public func path(fragment: String) -> String { "\(path)#\(fragment)" }
}
