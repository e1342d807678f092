import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// Provider responders: their organisation's recommendations, a response form per report, progress updates.
/// Every handler checks that the signed-in user answers for the organisation the object is addressed to.
struct ResponseRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let deadlines: Deadlines
    let now: @Sendable () -> Date

    var time: LocalTime { deadlines.time }

    func register(on routes: RouteTable) {
        routes.get(.providerDashboard, use: dashboard)
        routes.get(.providerReport, use: report)
        routes.post(.providerReport, use: respond)
        routes.post(.providerProgress, use: progress)
        routes.post(.providerExtension, use: requestExtension)
        routes.post(.providerHoldingNote, use: holdingNote)
    }

    /// The signed-in provider and the organisation they answer for; anyone else gets 403.
    func provider(_ request: Request, _ context: AppRequestContext) throws -> (User, Int64) {
        let user = try context.requireUser(request)
        guard user.role == .provider, let organisationId = user.organisationId else { throw HTTPError(.forbidden) }
        return (user, organisationId)
    }

    func render<View: Sendable>(_ template: String, _ title: String, _ view: View, _ context: AppRequestContext,
                                status: HTTPResponse.Status = .ok) -> Response {
        pages.renderSignedIn(
            template, title: title, breadcrumbs: template == "provider-dashboard" ? [] : [Breadcrumb(title: "Your recommendations", url: SiteURL.providerDashboard.path)],
            page: view, status: status, context: context)
    }

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, organisationId) = try provider(request, context)
        let tracked = try await database.trackedRecommendations(
            RecommendationScope(organisationId: organisationId), deadlines: deadlines, now: now())
        let reports = Dictionary(grouping: tracked, by: \.recommendation.paperId).map { paperId, items in
            ProviderDashboardView.Report(
                title: items[0].paperTitle, bodyName: items[0].body.name, url: SiteURL.providerReport(paper: paperId).path,
                due: items.compactMap(\.recommendation.dueOn).min().flatMap(Day.init).map(time.longDate(day:)) ?? "",
                needsAnswer: items.contains { $0.state.isWaiting },
                rows: items.map { RecommendationRow($0, time: time) })
        }.sorted { ($0.needsAnswer ? 0 : 1, $0.title) < ($1.needsAnswer ? 0 : 1, $1.title) }
        let view = ProviderDashboardView(
            organisation: user.organisation ?? "", reports: reports, hasReports: !reports.isEmpty,
            waiting: tracked.filter { $0.state.isWaiting }.count, late: tracked.filter { $0.state.isLate }.count)
        return render("provider-dashboard", "Your recommendations", view, context)
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, organisationId) = try provider(request, context)
        let workspace = try await requireWorkspace(context, organisationId)
        let source = workspace.draft != nil ? workspace.draftItems : workspace.latestItems
        let form = Self.prefilled(source, basedOn: workspace.latest?.version ?? 0)
        let notice = request.queryForm.has(.saved) ? "Your draft is saved. It is not public until you submit it." : nil
        return responsePage(workspace, form: form, errors: FormErrors(), notice: notice, context: context)
    }

    /// A response form filled with `items` (a draft, or the latest answers) for the version it corrects.
    static func prefilled(_ items: [Int64: ResponseItem], basedOn version: Int) -> FormData {
        var form = FormData([.basedOn: String(version)])
        for (recommendationId, item) in items {
            form[name: ResponseField.decision.name(recommendationId)] = item.decision?.rawValue ?? ""
            form[name: ResponseField.reasons.name(recommendationId)] = item.reasons
            form[name: ResponseField.action.name(recommendationId)] = item.action
            form[name: ResponseField.target.name(recommendationId)] = item.targetDate ?? ""
        }
        return form
    }

    /// The answers a response form sends, and what stops them being saved (or, `submitting`, submitted): the same
    /// reading for a responder's form and for the clerk entering a letter.
    static func answers(_ form: FormData, _ workspace: ResponseWorkspace, submitting: Bool, time: LocalTime) -> ([Int64: ResponseAnswer], FormErrors) {
        var answers: [Int64: ResponseAnswer] = [:]
        var errors = FormErrors()
        for tracked in workspace.recommendations where tracked.recommendation.isOpenToAnswer {
            let id = tracked.recommendation.id!
            let answer = ResponseAnswer(
                decision: ResponseDecision(rawValue: form[name: ResponseField.decision.name(id)]), reasons: form[name: ResponseField.reasons.name(id)],
                action: form[name: ResponseField.action.name(id)], targetDate: form[name: ResponseField.target.name(id)])
            answers[id] = answer
            let number = tracked.recommendation.number
            let issued = tracked.recommendation.issuedDay(time)
            for problem in submitting ? answer.submissionProblems(number: number, issuedOn: issued) : answer.savingProblems(number: number, issuedOn: issued) {
                errors.add(anchor: problem.field.anchor(id), problem.message)
            }
        }
        if submitting, errors.isEmpty, !answers.values.contains(where: { $0.decision != nil }) {
            errors.add(.response, ResponseAnswer.nothingAnswered)
        }
        if let problem = ProviderResponse.signOffProblem(form.text(.signOff)) { errors.add(.signOff, problem) }
        return (answers, errors)
    }

    @Sendable func respond(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, organisationId) = try provider(request, context)
        let workspace = try await requireWorkspace(context, organisationId)
        let form = try await FormData.read(request, context: context)
        try context.requireCSRF(form)
        let read = Self.answers(form, workspace, submitting: form[.action] == "submit", time: time)
        let answers = read.0
        var errors = read.1
        guard errors.isEmpty else {
            return responsePage(workspace, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        let paperId = workspace.paper.id!
        do {
            if form[.action] == "submit" {
                _ = try await database.perform { [answers] in try $0.submitResponse(
                    paperId: paperId, organisationId: organisationId, answers: answers, basedOnVersion: Int(form[.basedOn]) ?? -1,
                    now: now(), deadlines: deadlines, signOff: form.text(.signOff), actor: .user(user)) }
                return .redirect(to: SiteURL.providerReport(paper: paperId).path, type: .normal)
            }
            _ = try await database.perform { [answers] in
                try $0.saveResponseDraft(
                    paperId: paperId, organisationId: organisationId, answers: answers, now: now(), time: deadlines.time, actor: .user(user))
            }
            return .redirect(to: SiteURL.providerReport(paper: paperId).path(query: [(.saved, "1")]), type: .normal)
        } catch let error as TownhallError {
            guard case .conflict(let message) = error else { throw error }
            // Someone else submitted first: show the latest state, with this person's answers kept to review.
            let fresh = try await requireWorkspace(context, organisationId)
            var kept = form
            kept[.basedOn] = String(fresh.latest?.version ?? 0)
            errors.add(.response, "Not submitted: \(message). Your answers are kept below; check them against the response now published, then submit them as a correction if they are still right.")
            return responsePage(fresh, form: kept, errors: errors, context: context, status: .conflict)
        }
    }

    /// A form about one recommendation addressed to the signed-in provider's organisation (403 for any other),
    /// with its token checked.
    func ownRecommendation(_ request: Request, _ context: AppRequestContext) async throws -> (User, Int64, RecommendationDetail, FormData) {
        let (user, organisationId) = try provider(request, context)
        guard let detail = try await database.recommendationDetail(id: try PublicRoutes.id(context), deadlines: deadlines, now: now()),
              detail.tracked.organisation.id == organisationId
        else { throw HTTPError(.forbidden) }
        let form = try await FormData.read(request, context: context)
        try context.requireCSRF(form)
        return (user, organisationId, detail, form)
    }

    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, organisationId, detail, form) = try await ownRecommendation(request, context)
        let paperId = detail.paper.id!
        var errors = FormErrors()
        let id = detail.tracked.recommendation.id!
        guard let status = ImplementationStatus(rawValue: form[.status, row: id]) else {
            errors.add(.status, row: id, "Select the progress made on recommendation \(detail.tracked.recommendation.number)")
            return try await progressError(paperId, organisationId, form: form, errors: errors, context: context)
        }
        let target = form[.progressTarget, row: id].trimmingCharacters(in: .whitespaces)
        let record = detail.tracked.recommendation
        if !target.isEmpty, let problem = ResponseAnswer.targetProblem(target, number: record.number, issuedOn: record.issuedDay(time)) {
            errors.add(.progressTarget, row: id, problem)
            return try await progressError(paperId, organisationId, form: form, errors: errors, context: context)
        }
        let percent: Int?
        switch ImplementationUpdate.percent(form[.percent, row: id]) {
        case .success(let value): percent = value
        case .failure(let error):
            errors.add(.percent, row: id, error.message.asSentence)
            return try await progressError(paperId, organisationId, form: form, errors: errors, context: context)
        }
        do {
            _ = try await database.perform { try $0.addImplementationUpdate(
                recommendationId: id, status: status, note: form[.note, row: id], targetDate: form[.progressTarget, row: id], percentComplete: percent,
                at: now(),
                deadlines: deadlines, actor: .user(user)) }
        } catch let error as TownhallError {
            guard case .invalid(let message) = error else { throw error }
            errors.add(.note, row: id, message.asSentence)
            return try await progressError(paperId, organisationId, form: form, errors: errors, context: context)
        }
        return .redirect(to: SiteURL.providerReport(paper: paperId).path(fragment: "progress-\(id)"), type: .normal)
    }

    /// Asks for more time on one recommendation: the day and the reason, checked here and again by the store.
    @Sendable func requestExtension(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, organisationId, detail, form) = try await ownRecommendation(request, context)
        let record = detail.tracked.recommendation
        let id = record.id!
        var errors = FormErrors()
        if let current = record.dueOn.flatMap(Day.init) {
            for problem in ExtensionRequest.requestProblems(
                requested: form[.requestedDue, row: id], reason: form[.extensionReason, row: id], currentDue: current) {
                errors.add(problem.field == .requestedDue ? .requestedDue : .extensionReason, row: id, problem.message.asSentence)
            }
        }
        if errors.isEmpty {
            do {
                _ = try await database.perform { try $0.requestExtension(
                    recommendationId: id, organisationId: organisationId, to: form[.requestedDue, row: id],
                    reason: form[.extensionReason, row: id], at: now(), deadlines: deadlines, actor: .user(user)) }
                return .redirect(to: SiteURL.providerReport(paper: record.paperId).path(fragment: "progress-\(id)"), type: .normal)
            } catch let error as TownhallError {
                switch error {
                case .invalid(let message), .conflict(let message): errors.add(.extensionReason, row: id, message.asSentence)
                default: throw error
                }
            }
        }
        return try await progressError(record.paperId, organisationId, form: form, errors: errors, context: context)
    }

    /// Publishes a holding reply to the report ("response in preparation, expected by …").
    @Sendable func holdingNote(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, organisationId) = try provider(request, context)
        let workspace = try await requireWorkspace(context, organisationId)
        let form = try await FormData.read(request, context: context)
        try context.requireCSRF(form)
        let paperId = workspace.paper.id!
        var errors = FormErrors()
        for problem in HoldingNote.problems(note: form[.holdingNote], expectedBy: form[.expectedBy], today: time.calendarDay(of: now())) {
            errors.add(problem.field == .note ? .holdingNote : .expectedBy, problem.message.asSentence)
        }
        if errors.isEmpty {
            do {
                _ = try await database.perform { try $0.publishHoldingNote(
                    paperId: paperId, organisationId: organisationId, note: form[.holdingNote], expectedBy: form[.expectedBy], at: now(),
                    deadlines: deadlines, actor: .user(user)) }
                return .redirect(to: SiteURL.providerReport(paper: paperId).path(fragment: "holding"), type: .normal)
            } catch let error as TownhallError {
                switch error {
                case .invalid(let message), .conflict(let message): errors.add(.holdingNote, message.asSentence)
                default: throw error
                }
            }
        }
        return responsePage(workspace, form: form, errors: errors, context: context, status: .unprocessableContent)
    }

    func progressError(_ paperId: Int64, _ organisationId: Int64, form: FormData, errors: FormErrors, context: AppRequestContext) async throws -> Response {
        let workspace = try await requireWorkspace(paperId: paperId, organisationId)
        return responsePage(workspace, form: form, errors: errors, context: context, status: .unprocessableContent)
    }

    /// The report named in the address, for the provider's own organisation.
    func requireWorkspace(_ context: AppRequestContext, _ organisationId: Int64) async throws -> ResponseWorkspace {
        try await requireWorkspace(paperId: try PublicRoutes.id(context), organisationId)
    }

    /// The report's recommendations for the provider's own organisation; a report with none for them is 403.
    func requireWorkspace(paperId: Int64, _ organisationId: Int64) async throws -> ResponseWorkspace {
        guard let workspace = try await database.responseWorkspace(paperId: paperId, organisationId: organisationId, deadlines: deadlines, now: now())
        else { throw HTTPError(.forbidden) }
        return workspace
    }

    func responsePage(_ workspace: ResponseWorkspace, form: FormData, errors: FormErrors, notice: String? = nil, context: AppRequestContext,
                      status: HTTPResponse.Status = .ok) -> Response {
        let view = ResponseFormView(workspace, form: form, errors: errors, notice: notice, csrf: context.session?.csrfToken ?? "", time: time)
        return render("provider-response", (errors.isEmpty ? "" : "Error: ") + "Respond: \(workspace.paper.title)", view, context, status: status)
    }
}
