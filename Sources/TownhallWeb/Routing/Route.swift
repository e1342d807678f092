import Foundation
import HTTPTypes

/// Who a route is for. The page cache wraps public routes only; the authorisation, CSRF and 413 tests iterate the
/// clerk and provider routes; the live-server suite requests every public one.
public enum Audience: String, Sendable, CaseIterable {
    /// Residents, no sign-in: cacheable pages, feeds, data and the OParl API.
    case `public`
    /// Load balancers and operators: never cached.
    case operations
    /// Signing in and out, and resetting a password.
    case account
    /// Clerks and administrators.
    case clerk
    /// Responders for an organisation.
    case provider
}

/// The route table: every path pattern the site answers, written once. Routes are registered from it, links are
/// made from it (through `SiteURL`), and tests iterate `allCases`, so a route added here is checked by the
/// authorisation, CSRF and 413 tests and the live-server suite without anyone keeping a list.
///
/// Parameters are written `:name`; the handlers read them by the same names.
public enum Route: String, Sendable, CaseIterable {
    // Public
    case home, bodies, bodyPage, person, meetings, meeting, agendaPack, agendaPackPDF, paper, paperDocument, attachment, search, inquiry, peerChallenges
    case recommendations, recommendation, organisation, organisationRecord, organisationSnippet
    case calendar, bodyCalendar, papersFeed, bodyPapersFeed, responsesFeed, bodyResponsesFeed, openData, dataFile
    case bodyPlanCalendar, bodyPlanData, updatesFeed, plan, parentInformation, bodySpending
    case councilChallenges, councilChallengesSnippet, councilChallengesRecord
    case oparlRoot, oparlVersionRoot, oparlSystem, oparlBodies, oparlBody, oparlBodyList, oparlObject
    // Operations
    case health, ready, metrics
    // Account
    case login, logout, passwordReset, passwordResetLink
    // Following by e-mail (no account: the link in each message is the key)
    case follow, follows, followConfirm, unsubscribe
    case askQuestion, submitEvidence, contribution, evidence, evidenceFile
    // Clerks
    case adminDashboard, adminMembers, adminMemberEnd, adminPlan, adminNewMeeting, adminMeeting, adminMeetingEdit, adminRenumber
    case adminAddItem, adminPublishAgenda, adminMeetingStatus, adminMeetingAccess, adminAttendance, adminDeclarations, adminWitnesses
    case adminWitnessDelete, adminMinutes, adminMinutesPublish, adminMinutesApprove, adminOfficers, adminOfficerDelete
    case adminItemEdit, adminItemMove, adminItemDelete, adminNewPaper, adminItemAttachments
    case adminPaper, adminPaperPublish, adminPaperRevise, adminPaperWithdraw, adminAddRecommendation, adminIssueRecommendations
    case adminAttachment, adminAttachmentDelete
    case adminRecommendations, adminRecommendation, adminExtend, adminRefer, adminClose, adminRecommendationDelete, adminExtensionDecision, adminReferralOutcome, adminLetterResponse, adminCallBack
    case adminContributions, adminContribution, adminContributionFile, adminQuestions, adminEvidenceCall, adminPerformance
    case adminPerformancePlans, adminPlanPriority, adminPlanMeasure, adminPlanImport, adminSpending, adminSpendingCitation
    // Providers
    case providerDashboard, providerReport, providerProgress, providerExtension, providerHoldingNote

    public var pattern: String {
        switch self {
        case .home: "/"
        case .bodies: "/bodies"
        case .bodyPage: "/bodies/:slug"
        case .person: "/people/:slug"
        case .meetings: "/meetings"
        case .agendaPack: "/meetings/:id/agenda-pack"
        case .agendaPackPDF: "/meetings/:id/agenda-pack.pdf"
        case .meeting: "/meetings/:id"
        case .paper: "/papers/:id"
        case .paperDocument: "/papers/:id/document"
        case .attachment: "/attachments/:id/:name"
        case .search: "/search"
        case .inquiry: "/inquiries/:slug"
        case .peerChallenges: "/peer-challenges"
        case .recommendations: "/recommendations"
        case .recommendation: "/recommendations/:id"
        case .organisation: "/organisations/:slug"
        case .organisationRecord: "/organisations/:slug/record.json"
        case .organisationSnippet: "/organisations/:slug/record.html"
        case .calendar: "/calendar.ics"
        case .bodyCalendar: "/bodies/:slug/calendar.ics"
        case .papersFeed: "/feeds/papers.atom"
        case .bodyPapersFeed: "/bodies/:slug/papers.atom"
        case .responsesFeed: "/feeds/responses.atom"
        case .bodyResponsesFeed: "/bodies/:slug/responses.atom"
        case .bodyPlanCalendar: "/bodies/:slug/forward-plan.ics"
        case .bodyPlanData: "/bodies/:slug/forward-plan.json"
        case .updatesFeed: "/feeds/updates.atom"
        case .plan: "/plans/:slug"
        case .parentInformation: "/bodies/:slug/information-for-parents"
        case .bodySpending: "/bodies/:slug/spending"
        case .councilChallenges: "/peer-challenges/:slug"
        case .councilChallengesSnippet: "/peer-challenges/:slug/record.html"
        case .councilChallengesRecord: "/peer-challenges/:slug/record.json"
        case .adminPerformance: "/admin/plans/:slug"
        case .adminPlanPriority: "/admin/plans/:slug/priorities"
        case .adminPlanMeasure: "/admin/plans/:slug/measures"
        case .adminPlanImport: "/admin/plans/:slug/import"
        case .adminPerformancePlans: "/admin/bodies/:slug/performance"
        case .adminSpending: "/admin/bodies/:slug/spending"
        case .adminSpendingCitation: "/admin/bodies/:slug/spending/citations"
        case .openData: "/data"
        case .dataFile: "/data/:file"
        case .oparlRoot: "/oparl"
        case .oparlVersionRoot: "/oparl/v1.1"
        case .oparlSystem: "/oparl/v1.1/system"
        case .oparlBodies: "/oparl/v1.1/bodies"
        case .oparlBody: "/oparl/v1.1/bodies/:id"
        case .oparlBodyList: "/oparl/v1.1/bodies/:id/:list"
        case .oparlObject: "/oparl/v1.1/:kind/:id"
        case .health: "/healthz"
        case .ready: "/readyz"
        case .metrics: "/metrics"
        case .login: "/login"
        case .logout: "/logout"
        case .passwordReset: "/password-reset"
        case .passwordResetLink: "/password-reset/:token"
        case .follow: "/follow"
        case .follows: "/follows/:token"
        case .followConfirm: "/follows/:token/confirm"
        case .unsubscribe: "/follows/:token/unsubscribe"
        case .askQuestion: "/meetings/:id/questions"
        case .submitEvidence: "/inquiries/:slug/evidence"
        case .contribution: "/contributions/:token"
        case .evidence: "/evidence/:id"
        case .evidenceFile: "/evidence/:id/file"
        case .adminContributions: "/admin/bodies/:slug/contributions"
        case .adminContribution: "/admin/contributions/:id"
        case .adminContributionFile: "/admin/contributions/:id/file"
        case .adminQuestions: "/admin/meetings/:id/questions"
        case .adminEvidenceCall: "/admin/inquiries/:slug/call-for-evidence"
        case .adminDashboard: "/admin"
        case .adminMembers: "/admin/bodies/:slug/members"
        case .adminMemberEnd: "/admin/bodies/:slug/members/:id/end"
        case .adminPlan: "/admin/bodies/:slug/plan"
        case .adminNewMeeting: "/admin/bodies/:slug/meetings/new"
        case .adminMeeting: "/admin/meetings/:id"
        case .adminMeetingEdit: "/admin/meetings/:id/edit"
        case .adminRenumber: "/admin/meetings/:id/renumber"
        case .adminAddItem: "/admin/meetings/:id/items"
        case .adminPublishAgenda: "/admin/meetings/:id/publish-agenda"
        case .adminMeetingStatus: "/admin/meetings/:id/status"
        case .adminMeetingAccess: "/admin/meetings/:id/access"
        case .adminAttendance: "/admin/meetings/:id/attendance"
        case .adminDeclarations: "/admin/meetings/:id/declarations"
        case .adminWitnesses: "/admin/meetings/:id/witnesses"
        case .adminWitnessDelete: "/admin/meetings/:id/witnesses/:witness/delete"
        case .adminOfficers: "/admin/meetings/:id/officers"
        case .adminOfficerDelete: "/admin/meetings/:id/officers/:officer/delete"
        case .adminMinutes: "/admin/meetings/:id/minutes"
        case .adminMinutesPublish: "/admin/meetings/:id/minutes/publish"
        case .adminMinutesApprove: "/admin/meetings/:id/minutes/approve"
        case .adminItemEdit: "/admin/items/:id/edit"
        case .adminItemMove: "/admin/items/:id/move"
        case .adminItemDelete: "/admin/items/:id/delete"
        case .adminNewPaper: "/admin/items/:id/papers/new"
        case .adminItemAttachments: "/admin/items/:id/attachments"
        case .adminPaper: "/admin/papers/:id"
        case .adminPaperPublish: "/admin/papers/:id/publish"
        case .adminPaperRevise: "/admin/papers/:id/revise"
        case .adminPaperWithdraw: "/admin/papers/:id/withdraw"
        case .adminAddRecommendation: "/admin/papers/:id/recommendations"
        case .adminIssueRecommendations: "/admin/papers/:id/recommendations/issue"
        case .adminAttachment: "/admin/attachments/:id"
        case .adminAttachmentDelete: "/admin/attachments/:id/delete"
        case .adminRecommendations: "/admin/recommendations"
        case .adminRecommendation: "/admin/recommendations/:id"
        case .adminExtend: "/admin/recommendations/:id/extend"
        case .adminRefer: "/admin/recommendations/:id/refer"
        case .adminClose: "/admin/recommendations/:id/close"
        case .adminRecommendationDelete: "/admin/recommendations/:id/delete"
        case .adminExtensionDecision: "/admin/recommendations/:id/extension-request"
        case .adminReferralOutcome: "/admin/recommendations/:id/referral-outcome"
        case .adminCallBack: "/admin/recommendations/:id/call-back"
        case .adminLetterResponse: "/admin/papers/:id/responses/:slug"
        case .providerDashboard: "/provider"
        case .providerReport: "/provider/reports/:id"
        case .providerProgress: "/provider/recommendations/:id/progress"
        case .providerExtension: "/provider/recommendations/:id/extension-request"
        case .providerHoldingNote: "/provider/reports/:id/holding-note"
        }
    }

    public var audience: Audience {
        switch self {
        case .home, .bodies, .bodyPage, .person, .meetings, .meeting, .agendaPack, .agendaPackPDF, .paper, .paperDocument, .attachment, .search, .inquiry, .peerChallenges, .recommendations, .recommendation,
             .organisation, .organisationRecord, .organisationSnippet, .calendar, .bodyCalendar, .papersFeed, .bodyPapersFeed, .responsesFeed, .bodyResponsesFeed, .openData,
             .dataFile, .bodyPlanCalendar, .bodyPlanData, .updatesFeed, .evidence, .evidenceFile, .plan, .parentInformation, .bodySpending, .councilChallenges, .councilChallengesSnippet, .councilChallengesRecord, .oparlRoot, .oparlVersionRoot, .oparlSystem, .oparlBodies, .oparlBody, .oparlBodyList,
             .oparlObject:
            .public
        case .health, .ready, .metrics: .operations
        case .login, .logout, .passwordReset, .passwordResetLink, .follow, .follows, .followConfirm, .unsubscribe, .askQuestion, .submitEvidence, .contribution: .account
        case .providerDashboard, .providerReport, .providerProgress, .providerExtension, .providerHoldingNote: .provider
        case .adminDashboard, .adminMembers, .adminMemberEnd, .adminPlan, .adminNewMeeting, .adminMeeting, .adminMeetingEdit, .adminRenumber,
             .adminAddItem, .adminPublishAgenda, .adminMeetingStatus, .adminMeetingAccess, .adminAttendance, .adminDeclarations, .adminWitnesses,
             .adminWitnessDelete, .adminOfficers, .adminOfficerDelete, .adminMinutes, .adminMinutesPublish, .adminMinutesApprove, .adminItemEdit, .adminItemMove,
             .adminItemDelete, .adminNewPaper, .adminItemAttachments, .adminPaper, .adminPaperPublish, .adminPaperRevise,
             .adminPaperWithdraw, .adminAddRecommendation, .adminIssueRecommendations, .adminAttachment, .adminAttachmentDelete,
             .adminRecommendations, .adminRecommendation, .adminExtend, .adminRefer, .adminClose, .adminRecommendationDelete,
             .adminExtensionDecision, .adminReferralOutcome, .adminLetterResponse, .adminCallBack, .adminContributions, .adminContribution,
             .adminContributionFile, .adminQuestions, .adminEvidenceCall, .adminPerformance, .adminPerformancePlans, .adminPlanPriority,
             .adminPlanMeasure, .adminPlanImport, .adminSpending, .adminSpendingCitation:
            .clerk
        }
    }

    /// Open data that any web site's script may read (the OParl API, bulk data, feeds and calendars): its responses
    /// carry `Access-Control-Allow-Origin: *` and it answers a CORS preflight (`OPTIONS`). Never a page or a form.
    public var isCrossOrigin: Bool {
        switch self {
        case .oparlRoot, .oparlVersionRoot, .oparlSystem, .oparlBodies, .oparlBody, .oparlBodyList, .oparlObject, .paperDocument, .dataFile, .calendar, .bodyCalendar, .papersFeed,
             .organisationRecord, .organisationSnippet, .councilChallengesSnippet, .councilChallengesRecord,
             .bodyPapersFeed, .responsesFeed, .bodyResponsesFeed, .bodyPlanCalendar, .bodyPlanData, .updatesFeed:
            true
        default:
            false
        }
    }

    /// Routes whose render reads many rows or builds a large answer, admitted fewer at a time (`CostlyAdmission`).
    public var isCostly: Bool {
        switch self {
        case .search, .calendar, .bodyCalendar, .papersFeed, .bodyPapersFeed, .responsesFeed, .bodyResponsesFeed, .dataFile, .oparlBodies,
             .oparlBodyList:
            true
        default:
            false
        }
    }

    /// The methods the route answers (HEAD comes with every GET). A page whose form posts back to itself has both.
    public var methods: [HTTPRequest.Method] {
        switch self {
        case .logout, .adminMemberEnd, .adminRenumber, .adminAddItem, .adminPublishAgenda, .adminMeetingStatus, .adminMeetingAccess, .adminAttendance,
             .adminDeclarations, .adminWitnesses, .adminWitnessDelete, .adminOfficers, .adminOfficerDelete, .adminMinutesPublish, .adminMinutesApprove, .adminItemMove,
             .adminItemDelete, .adminItemAttachments, .adminPaperPublish, .adminPaperRevise, .adminPaperWithdraw,
             .adminAddRecommendation, .adminAttachmentDelete, .adminExtend, .adminRefer, .adminClose,
             .adminRecommendationDelete, .providerProgress, .adminExtensionDecision, .adminReferralOutcome, .providerExtension, .providerHoldingNote,
             .adminCallBack, .adminContribution, .adminQuestions, .adminEvidenceCall, .adminPlanPriority, .adminPlanMeasure, .adminPlanImport,
             .adminSpendingCitation:
            [.post]
        case .login, .passwordReset, .passwordResetLink, .follow, .follows, .followConfirm, .unsubscribe, .askQuestion, .submitEvidence, .contribution, .adminPerformance, .adminPerformancePlans, .adminSpending, .adminMembers, .adminPlan, .adminNewMeeting, .adminMeetingEdit, .adminMinutes,
             .adminItemEdit, .adminNewPaper, .adminPaper, .adminIssueRecommendations, .providerReport, .adminLetterResponse:
            [.get, .post]
        default:
            [.get]
        }
    }

    /// Every method the server registers for the route: `methods`, plus `OPTIONS` (the CORS preflight) on a
    /// cross-origin route. `RouteTable` registers from it and `townhall routes` lists it, so the two cannot disagree.
    public var registeredMethods: [HTTPRequest.Method] {
        methods + (isCrossOrigin && methods.contains(.get) ? [.options] : [])
    }

    /// The names of the pattern's parameters, in order.
    public var parameters: [String] { Self.parsed[self]!.parameters }

    /// Each pattern split once: splitting and percent-encoding it for every link was a third of the time of an OParl
    /// list page, which makes hundreds of links (issue 15).
    private static let parsed: [Route: (segments: [String], parameters: [String])] = Dictionary(uniqueKeysWithValues: allCases.map { route in
        let segments = route.pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return (route, (segments, segments.filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }))
    })

    /// The route a pattern belongs to.
    public init?(pattern: String) {
        guard let route = Self.byPattern[pattern] else { return nil }
        self = route
    }

    private static let byPattern = Dictionary(uniqueKeysWithValues: allCases.map { ($0.pattern, $0) })

    /// The path with each parameter replaced, in order, by a percent-encoded value.
    public func path(_ values: [String]) -> String {
        let (segments, parameters) = Self.parsed[self]!
        precondition(values.count == parameters.count, "\(rawValue) takes \(parameters.count) parameters")
        var path = "", next = 0
        for (index, segment) in segments.enumerated() {
            if index > 0 { path += "/" }
            if segment.hasPrefix(":") {
                path += Self.encoded(values[next])
                next += 1
            } else {
                path += segment
            }
        }
        return path
    }

    /// A value percent-encoded for a path segment; one of only unreserved characters (an id, a slug) as it is.
    static func encoded(_ value: String) -> String {
        if value.utf8.allSatisfy(isUnreserved) { return value }
        return value.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? ""
    }

    /// RFC 3986 unreserved, as `segmentCharacters` lists them.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// RFC 3986 unreserved characters: everything else in a value is percent-encoded.
    static let segmentCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
