import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// The clerk's side of recommendations: draft and issue them on a report, follow every recommendation of their
/// bodies, extend deadlines with a reason, refer rejections onward and close them.
struct RecommendationFollowUpRoutes: Sendable {
    let clerk: BackOfficeRoutes
    let tracker: RecommendationRoutes

    var database: AppDatabase { clerk.database }
    var deadlines: Deadlines { tracker.deadlines }
    var time: LocalTime { deadlines.time }

    func register(on routes: RouteTable) {
        routes.get(.adminRecommendations, use: dashboard)
        routes.get(.adminRecommendation, use: recommendation)
        routes.post(.adminExtend, use: extend)
        routes.post(.adminExtensionDecision, use: decideExtension)
        routes.post(.adminRefer, use: refer)
        routes.post(.adminReferralOutcome, use: recordOutcome)
        routes.post(.adminCallBack, use: callBack)
        routes.get(.adminLetterResponse, use: letterForm)
        routes.post(.adminLetterResponse, use: letterResponse)
        routes.post(.adminClose, use: close)
        routes.post(.adminRecommendationDelete, use: remove)
        routes.post(.adminAddRecommendation, use: add)
        routes.get(.adminIssueRecommendations, use: confirmIssue)
        routes.post(.adminIssueRecommendations, use: issue)
    }

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        guard user.role != .provider else { throw HTTPError(.forbidden) }
        let scope = RecommendationScope(bodyIds: user.role == .administrator ? nil : Array(try await database.perform { try $0.bodyIds(for: user) }), includeDrafts: true)
        let tracked = try await database.trackedRecommendations(scope, deadlines: deadlines, now: clerk.now())
        let filter = RecommendationFilter(query: request.queryForm)
        let view = try await tracker.trackerView(
            tracked, filter: filter, base: SiteURL.adminRecommendations.path, heading: "Recommendations of your bodies",
            intro: "Every recommendation of the bodies you clerk, drafts included. Open one to extend its deadline, refer a rejection or close it.",
            inBackOffice: true)
        return clerk.render("recommendations", (filter.errors.isEmpty ? "" : "Error: ") + "Recommendations", view, context,
                            status: filter.errors.isEmpty ? .ok : .badRequest)
    }

    func requireRecommendation(_ context: AppRequestContext) async throws -> RecommendationDetail {
        guard let detail = try await database.recommendationDetail(
            id: try PublicRoutes.id(context), includeDrafts: true, deadlines: deadlines, now: clerk.now())
        else { throw HTTPError(.notFound) }
        return detail
    }

    @Sendable func recommendation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let detail = try await requireRecommendation(context)
        _ = try await clerk.clerk(request, context, bodyId: detail.tracked.body.id!)
        return try await page(detail, form: FormData(), errors: FormErrors(), context: context)
    }

    func page(_ detail: RecommendationDetail, form: FormData, errors: FormErrors, context: AppRequestContext,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let referralBodies = try await database.perform { try $0.referralBodies() }
        let state = detail.tracked.state
        let isDraft = detail.tracked.recommendation.status == .draft
        let id = detail.tracked.recommendation.id!
        let canCallBack = !isDraft && state.allows(.callBack)
        let meetings = canCallBack ? try await database.perform { [time, now = clerk.now()] in try $0.callBackCandidates(recommendationId: id, now: now, time: time) } : []
        let view = ClerkRecommendationView(
            record: RecommendationPageView(detail, now: clerk.now(), time: time), csrf: context.session?.csrfToken ?? "",
            deleteURL: SiteURL.adminRecommendationDelete(id).path, extendURL: SiteURL.adminExtend(id).path,
            referURL: SiteURL.adminRefer(id).path, closeURL: SiteURL.adminClose(id).path, paperURL: SiteURL.adminPaper(detail.paper.id!).path,
            letterURL: !isDraft && (state.allows(.respond) || state.allows(.correctResponse))
                ? SiteURL.adminLetterResponse(paper: detail.paper.id!, organisation: detail.tracked.organisation.slug).path : nil,
            decisionURL: SiteURL.adminExtensionDecision(id).path, canDecide: !isDraft && state.allows(.decideExtension),
            grantedDue: form[.grantedDue], decisionNote: form[.decisionNote], grantedDueError: errors.message(for: .grantedDue),
            decisionNoteError: errors.message(for: .decisionNote),
            isDraft: isDraft, canExtend: !isDraft && state.allows(.extendDeadline), canRefer: !isDraft && state.allows(.refer),
            canClose: !isDraft && state.allows(.close), newDue: form[.newDue], reason: form[.reason],
            referralChoices: referralBodies.map { Choice(value: $0.slug, label: "\($0.name) (\($0.kind.label))", selected: $0.slug == form[.referTo]) },
            replyDue: form[.replyDue], replyDueError: errors.message(for: .replyDue),
            outcomeURL: SiteURL.adminReferralOutcome(id).path, canRecordOutcome: !isDraft && state.allows(.recordReferralOutcome) && detail.tracked.recommendation.referralOutcome == nil,
            outcome: form[.outcome], outcomeOn: form[.outcomeOn], outcomeError: errors.message(for: .outcome),
            referNote: form[.referNote], closeNote: form[.closeNote], newDueError: errors.message(for: .newDue),
            reasonError: errors.message(for: .reason), referToError: errors.message(for: .referTo),
            callBackURL: SiteURL.adminCallBack(id).path, canCallBack: canCallBack,
            callBackChoices: meetings.map {
                Choice(value: String($0.id!), label: "\($0.title), \(time.dateTime($0.startsAt))", selected: String($0.id!) == form[.callBackMeeting])
            },
            hasCallBackChoices: !meetings.isEmpty, callBackError: errors.message(for: .callBackMeeting),
            hasErrors: !errors.isEmpty, errors: errors.entries)
        return clerk.render(
            "admin-recommendation", (errors.isEmpty ? "" : "Error: ") + "Recommendation \(detail.tracked.recommendation.number)", view,
            context, breadcrumbs: [BackOfficeRoutes.dashboardCrumb, Breadcrumb(title: "Recommendations", url: SiteURL.adminRecommendations.path)],
            status: status)
    }

    /// Runs a store change for the recommendation; a refused change re-renders the page with the message on `field`.
    func change(
        _ request: Request, _ context: AppRequestContext, field: FormField,
        _ body: (RecommendationDetail, User, FormData) async throws -> Void
    ) async throws -> Response {
        let (detail, user, form) = try await clerk.submission(request, context, requireRecommendation, bodyId: { $0.tracked.body.id! })
        do {
            try await body(detail, user, form)
        } catch let problem as FieldProblem {
            var errors = FormErrors()
            errors.add(problem.field, problem.message.asSentence)
            return try await page(try await requireRecommendation(context), form: form, errors: errors, context: context, status: .unprocessableContent)
        } catch let error as TownhallError {
            switch error {
            case .invalid(let message), .conflict(let message):
                var errors = FormErrors()
                errors.add(field, message.asSentence)
                let fresh = try await requireRecommendation(context)
                return try await page(fresh, form: form, errors: errors, context: context,
                            status: { if case .conflict = error { return .conflict } else { return .unprocessableContent } }())
            default: throw error
            }
        }
        return .redirect(to: SiteURL.adminRecommendation(detail.tracked.recommendation.id!).path, type: .normal)
    }

    @Sendable func extend(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context, field: .newDue) { detail, user, form in
            guard let day = Day(form.text(.newDue)) else {
                throw TownhallError.invalid(form.text(.newDue).isEmpty ? "enter the new deadline" : "the new deadline must be a real date, for example 2027-03-31")
            }
            if form.text(.reason).isEmpty { throw TownhallError.invalid("give the reason for extending the deadline") }
            try await database.perform { try $0.extendDeadline(
                recommendationId: detail.tracked.recommendation.id!, to: day, reason: form.text(.reason), at: clerk.now(), deadlines: deadlines,
                actor: .user(user)) }
        }
    }

    /// Lists the recommendation under a later meeting's "Progress on recommendations" item.
    @Sendable func callBack(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context, field: .callBackMeeting) { detail, user, form in
            guard let meetingId = Int64(form.text(.callBackMeeting)) else { throw TownhallError.invalid("choose the meeting to call it back to") }
            let rule = clerk.rule
            _ = try await database.perform { try $0.callBack(
                recommendationId: detail.tracked.recommendation.id!, meetingId: meetingId, at: clerk.now(), deadlines: deadlines, rule: rule,
                actor: .user(user)) }
        }
    }

    /// The clerk's grant or refusal of the waiting request for more time; problems are marked on the field they are about.
    @Sendable func decideExtension(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context, field: .decisionNote) { detail, user, form in
            guard let grant = ["grant": true, "refuse": false][form[.action]] else { throw TownhallError.invalid("choose to grant or refuse the request") }
            if let waiting = detail.extensionRequests.last(where: { $0.decision == .pending }),
               let problem = ExtensionRequest.decisionProblems(
                grant: grant, grantedDue: form.text(.grantedDue), note: form.text(.decisionNote), request: waiting).first {
                throw FieldProblem(field: problem.field == .grantedDue ? .grantedDue : .decisionNote, message: problem.message)
            }
            try await database.perform { try $0.decideExtension(
                recommendationId: detail.tracked.recommendation.id!, grant: grant, grantedDue: form.text(.grantedDue),
                note: form.text(.decisionNote), at: clerk.now(), deadlines: deadlines, actor: .user(user)) }
        }
    }

    @Sendable func refer(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context, field: .referTo) { detail, user, form in
            try await database.perform { try $0.referRecommendation(
                id: detail.tracked.recommendation.id!, to: form.text(.referTo), replyDue: form.text(.replyDue), note: form.text(.referNote), at: clerk.now(),
                deadlines: deadlines, actor: .user(user)) }
        }
    }

    /// The report's recommendations to the organisation named in the path, for the clerk entering its letter.
    func letterWorkspace(_ context: AppRequestContext) async throws -> ResponseWorkspace {
        guard let organisation = try await database.organisation(slug: try context.parameters.require("slug")),
              let workspace = try await database.responseWorkspace(
                paperId: try PublicRoutes.id(context), organisationId: organisation.id!, deadlines: deadlines, now: clerk.now())
        else { throw HTTPError(.notFound) }
        return workspace
    }

    func letterPage(_ workspace: ResponseWorkspace, form: FormData, errors: FormErrors, context: AppRequestContext,
                    status: HTTPResponse.Status = .ok) -> Response {
        let organisation = workspace.recommendations[0].organisation
        let view = ResponseFormView(
            workspace, form: form, errors: errors, notice: nil, csrf: context.session?.csrfToken ?? "", time: time,
            action: .adminLetterResponse(paper: workspace.paper.id!, organisation: organisation.slug))
        return clerk.render(
            "admin-letter-response", (errors.isEmpty ? "" : "Error: ") + "Response by letter: \(organisation.name)", view, context,
            breadcrumbs: [BackOfficeRoutes.dashboardCrumb, Breadcrumb(title: workspace.paper.title, url: SiteURL.adminPaper(workspace.paper.id!).path)],
            status: status)
    }

    /// A response that came by letter, entered by the clerk: the responder's checks, plus how it arrived, which
    /// the public page shows.
    @Sendable func letterForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let workspace = try await letterWorkspace(context)
        _ = try await clerk.clerk(request, context, bodyId: workspace.recommendations[0].body.id!)
        let form = ResponseRoutes.prefilled(workspace.latestItems, basedOn: workspace.latest?.version ?? 0)
        return letterPage(workspace, form: form, errors: FormErrors(), context: context)
    }

    @Sendable func letterResponse(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (workspace, user, form) = try await clerk.submission(request, context, letterWorkspace, bodyId: { $0.recommendations[0].body.id! })
        let read = ResponseRoutes.answers(form, workspace, submitting: true, time: time)
        let answers = read.0
        var errors = read.1
        if form.text(.receivedOutside).isEmpty {
            errors.add(.receivedOutside, "Say how the response arrived, for example \"letter of 2 March 2027\"")
        }
        guard errors.isEmpty else { return letterPage(workspace, form: form, errors: errors, context: context, status: .unprocessableContent) }
        let organisationId = workspace.recommendations[0].organisation.id!
        do {
            _ = try await database.perform { [answers] in try $0.submitResponse(
                paperId: workspace.paper.id!, organisationId: organisationId, answers: answers, basedOnVersion: Int(form[.basedOn]) ?? -1,
                now: clerk.now(), deadlines: deadlines, receivedOutside: form.text(.receivedOutside), signOff: form.text(.signOff),
                actor: .user(user)) }
        } catch let error as TownhallError {
            switch error {
            case .invalid(let message), .conflict(let message):
                errors.add(.response, "Not entered: \(message.asSentence)")
                return letterPage(try await letterWorkspace(context), form: form, errors: errors, context: context, status: .conflict)
            default: throw error
            }
        }
        return .redirect(to: SiteURL.adminPaper(workspace.paper.id!).path(fragment: "recommendations"), type: .normal)
    }

    @Sendable func recordOutcome(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context, field: .outcome) { detail, user, form in
            try await database.perform { try $0.recordReferralOutcome(
                id: detail.tracked.recommendation.id!, outcome: form.text(.outcome), on: form.text(.outcomeOn), at: clerk.now(),
                deadlines: deadlines, actor: .user(user)) }
        }
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context, field: .closeNote) { detail, user, form in
            try await database.perform { try $0.closeRecommendation(
                id: detail.tracked.recommendation.id!, note: form.text(.closeNote), at: clerk.now(), deadlines: deadlines, actor: .user(user)) }
        }
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, _) = try await clerk.submission(request, context, requireRecommendation, bodyId: { $0.tracked.body.id! })
        try await database.perform {
            try $0.removeDraftRecommendation(id: detail.tracked.recommendation.id!, now: clerk.now(), actor: .user(user))
        }
        return .redirect(to: SiteURL.adminPaper(detail.paper.id!).path(fragment: "recommendations"), type: .normal)
    }

    /// The value of the paper form's "draft them from the report's text" button.
    static let fromTextAction = "from-text"

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (paper, user, form) = try await clerk.submission(request, context, clerk.requirePaper, bodyId: { $0.meeting.meeting.bodyId })
        var errors = FormErrors()
        // The form's second button drafts every recommendation the report lists under its own heading.
        let fromText = form[.action] == Self.fromTextAction
        let organisationId = Int64(form[.organisation])
        if organisationId == nil { errors.add(.organisation, "Select the organisation the recommendation is addressed to") }
        if !fromText, form.text(.recommendation).isEmpty { errors.add(.recommendation, "Write the recommendation") }
        if let organisationId, errors.isEmpty {
            do {
                let (paperId, text, now) = (paper.paper.id!, form.text(.recommendation), clerk.now())
                if fromText {
                    _ = try await database.perform { try $0.addRecommendationsFromText(
                        paperId: paperId, organisationId: organisationId, now: now, actor: .user(user)) }
                } else {
                    _ = try await database.perform { try $0.addRecommendation(
                        paperId: paperId, organisationId: organisationId, text: text, now: now, actor: .user(user)) }
                }
                return .redirect(to: SiteURL.adminPaper(paper.paper.id!).path(fragment: "recommendations"), type: .normal)
            } catch let error as TownhallError {
                switch error {
                case .conflict(let message), .invalid(let message): errors.add(.recommendation, message.asSentence)
                default: throw error
                }
            }
        }
        return try await clerk.paperForm(paper: paper.paper, item: paper.item, meeting: paper.meeting, form: clerk.paperValues(paper.paper, merging: form),
                                         errors: errors, preview: true, context: context, status: .unprocessableContent)
    }

    /// What issuing would send, to whom and with what deadline, before anything is sent.
    @Sendable func confirmIssue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let paper = try await clerk.requirePaper(context)
        _ = try await clerk.clerk(request, context, bodyId: paper.meeting.meeting.bodyId)
        return try await issuePage(paper, authority: "", errors: FormErrors(), context: context)
    }

    @Sendable func issue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (paper, user, form) = try await clerk.submission(request, context, clerk.requirePaper, bodyId: { $0.meeting.meeting.bodyId })
        do {
            _ = try await database.perform {
                try $0.issueRecommendations(
                    paperId: paper.paper.id!, at: clerk.now(), deadlines: deadlines, authority: form.text(.authority), actor: .user(user))
            }
        } catch let error as TownhallError {
            guard case .conflict(let message) = error else { throw error }
            var errors = FormErrors()
            errors.add(.authority, message.asSentence)
            return try await issuePage(paper, authority: form[.authority], errors: errors, context: context, status: .unprocessableContent)
        }
        return .redirect(to: SiteURL.adminPaper(paper.paper.id!).path(fragment: "recommendations"), type: .normal)
    }

    private func issuePage(
        _ paper: ClerkPaperContext, authority: String, errors: FormErrors, context: AppRequestContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let preview: IssuePreview
        do {
            preview = try await database.issuePreview(paperId: paper.paper.id!, deadlines: deadlines, now: clerk.now())
        } catch TownhallError.conflict {
            throw HTTPError(.notFound)  // a draft or exempt paper has no recommendations to issue
        }
        let view = IssueConfirmationView(
            preview, paperTitle: paper.paper.title, paperURL: SiteURL.adminPaper(paper.paper.id!).path,
            action: SiteURL.adminIssueRecommendations(paper: paper.paper.id!).path, csrf: context.session?.csrfToken ?? "", authority: authority,
            errors: errors, time: time)
        return clerk.render(
            "admin-issue", (errors.isEmpty ? "" : "Error: ") + "Issue recommendations", view, context,
            breadcrumbs: [BackOfficeRoutes.dashboardCrumb, Breadcrumb(title: paper.paper.title, url: SiteURL.adminPaper(paper.paper.id!).path)],
            status: status)
    }
}

/// The confirmation page before recommendations are issued.
struct IssueConfirmationView: Sendable {
    struct Row: Sendable {
        let number: Int
        let text: String
        let organisation: String
        let noResponder: Bool
        let due: String
        let rule: String
    }

    let paperTitle: String
    let paperURL: String
    let action: String
    let csrf: String
    let rows: [Row]
    let hasRows: Bool
    let unanswerable: [String]
    let hasUnanswerable: Bool
    /// Why issuing needs a delegated authority now; nil once the meeting has decided.
    let waitsFor: String?
    let authority: String
    let authorityError: String?
    let hasErrors: Bool
    let errors: [FormErrors.Entry]

    init(_ preview: IssuePreview, paperTitle: String, paperURL: String, action: String, csrf: String, authority: String,
         errors: FormErrors, time: LocalTime) {
        self.paperTitle = paperTitle
        self.paperURL = paperURL
        self.action = action
        self.csrf = csrf
        rows = preview.entries.map {
            Row(number: $0.recommendation.number, text: $0.recommendation.text, organisation: $0.organisation.name,
                noResponder: $0.responders == 0, due: time.longDate(day: $0.due), rule: $0.ruleLabel)
        }
        hasRows = !rows.isEmpty
        unanswerable = preview.unanswerable.map(\.name)
        hasUnanswerable = !unanswerable.isEmpty
        waitsFor = preview.waitsFor?.asSentence
        self.authority = authority
        authorityError = errors.message(for: .authority)
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
    }
}

/// The clerk's page for one recommendation: the public record plus the actions its state allows.
struct ClerkRecommendationView: Sendable {
    let record: RecommendationPageView
    let csrf: String
    let deleteURL, extendURL, referURL, closeURL: String
    let paperURL: String
    /// Where to enter the organisation's answer when it came by letter; nil when nothing is open to an answer.
    let letterURL: String?
    /// The waiting request for more time, decided here.
    let decisionURL: String
    let canDecide: Bool
    let grantedDue: String
    let decisionNote: String
    let grantedDueError: String?
    let decisionNoteError: String?
    let isDraft: Bool
    let canExtend: Bool
    let canRefer: Bool
    let canClose: Bool
    let newDue: String
    let reason: String
    let referralChoices: [Choice]
    let replyDue: String
    let replyDueError: String?
    let outcomeURL: String
    let canRecordOutcome: Bool
    let outcome: String
    let outcomeOn: String
    let outcomeError: String?
    let referNote: String
    let closeNote: String
    let newDueError: String?
    let reasonError: String?
    let referToError: String?
    /// Calling it back to a later meeting (`CallBack`): the meetings it may go to.
    let callBackURL: String
    let canCallBack: Bool
    let callBackChoices: [Choice]
    let hasCallBackChoices: Bool
    let callBackError: String?
    let hasErrors: Bool
    let errors: [FormErrors.Entry]
}

/// A problem a route found before the store did, about one field of the form.
struct FieldProblem: Error {
    let field: FormField
    let message: String
}
