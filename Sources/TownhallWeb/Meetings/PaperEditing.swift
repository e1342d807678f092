import Foundation
import Hummingbird
import TownhallDomain
import TownhallMarkdown
import TownhallStore

/// A clerk writes a paper for an agenda item, previews, publishes, revises and withdraws it.
extension BackOfficeRoutes {
    func registerPaperEditing(on routes: RouteTable) {
        routes.get(.adminNewPaper, use: newPaper)
        routes.post(.adminNewPaper, use: createPaper)
        routes.get(.adminPaper, use: editPaper)
        routes.post(.adminPaper, use: savePaper)
        routes.post(.adminPaperPublish, use: publishPaper)
        routes.post(.adminPaperRevise, use: revisePaper)
        routes.post(.adminPaperWithdraw, use: withdrawPaper)
    }

    @Sendable func newPaper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (item, meeting) = try await requireItem(context)
        _ = try await clerk(request, context, bodyId: meeting.meeting.bodyId)
        return try await paperForm(paper: nil, item: item, meeting: meeting, form: FormData(), errors: FormErrors(), preview: false, context: context)
    }

    @Sendable func createPaper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ((item, meeting), user, form) = try await submission(request, context, requireItem, bodyId: { $0.1.meeting.bodyId })
        let errors = paperErrors(form)
        guard form[.action] == "save", errors.isEmpty else {
            return try await paperForm(paper: nil, item: item, meeting: meeting, form: form, errors: errors, preview: true, context: context,
                             status: errors.isEmpty ? .ok : .unprocessableContent)
        }
        let (kind, year) = paperKind(form)
        let paper: Paper
        do {
            paper = try await database.perform { try $0.addPaper(
                itemId: item.id!, title: form.text(.title), author: form.text(.author), markdown: form.text(.markdown),
                kind: kind ?? .report, reportYear: year, now: now(), actor: .user(user)) }
        } catch TownhallError.invalid(let message) {
            var errors = FormErrors()
            errors.add(.kind, message.asSentence)
            return try await paperForm(paper: nil, item: item, meeting: meeting, form: form, errors: errors, preview: true, context: context,
                                       status: .unprocessableContent)
        }
        return .redirect(to: SiteURL.adminPaper(paper.id!).path, type: .normal)
    }

    @Sendable func editPaper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let paper = try await requirePaper(context)
        _ = try await clerk(request, context, bodyId: paper.meeting.meeting.bodyId)
        let form = paperValues(paper.paper)
        return try await paperForm(paper: paper.paper, item: paper.item, meeting: paper.meeting, form: form, errors: FormErrors(), preview: true, context: context)
    }

    @Sendable func savePaper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (paper, user, form) = try await submission(request, context, requirePaper, bodyId: { $0.meeting.meeting.bodyId })
        guard paper.paper.status == .draft else { throw HTTPError(.conflict) }
        let errors = paperErrors(form)
        guard form[.action] == "save", errors.isEmpty else {
            return try await paperForm(paper: paper.paper, item: paper.item, meeting: paper.meeting, form: form, errors: errors, preview: true,
                             context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
        }
        let (kind, year) = paperKind(form)
        do {
            _ = try await database.perform { try $0.updateDraft(
                paperId: paper.paper.id!, title: form.text(.title), author: form.text(.author), markdown: form.text(.markdown),
                kind: kind, reportYear: year, actor: .user(user)) }
        } catch TownhallError.invalid(let message) {
            var errors = FormErrors()
            errors.add(.kind, message.asSentence)
            return try await paperForm(paper: paper.paper, item: paper.item, meeting: paper.meeting, form: form, errors: errors, preview: true,
                                       context: context, status: .unprocessableContent)
        }
        return .redirect(to: SiteURL.adminPaper(paper.paper.id!).path, type: .normal)
    }

    @Sendable func publishPaper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (paper, user, form) = try await submission(request, context, requirePaper, bodyId: { $0.meeting.meeting.bodyId })
        guard paper.paper.status == .draft else { throw HTTPError(.conflict) }
        guard !isLate(paper.meeting.meeting) || !form.text(.lateReason).isEmpty else {
            var errors = FormErrors()
            errors.add(.lateReason, rule.lateMessage(what: "The paper", meeting: paper.meeting.meeting))
            let values = paperValues(paper.paper, merging: FormData([.lateReason: form[.lateReason]]))
            return try await paperForm(paper: paper.paper, item: paper.item, meeting: paper.meeting, form: values, errors: errors, preview: true,
                             context: context, status: .unprocessableContent)
        }
        _ = try await database.perform { try $0.publishPaper(
            id: paper.paper.id!, renderer: renderer, at: now(), rule: rule, lateReason: form.text(.lateReason), actor: .user(user)) }
        return .redirect(to: SiteURL.adminPaper(paper.paper.id!).path, type: .normal)
    }

    @Sendable func revisePaper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (paper, user, form) = try await submission(request, context, requirePaper, bodyId: { $0.meeting.meeting.bodyId })
        guard paper.paper.status == .published else { throw HTTPError(.conflict) }
        let draft = try await database.perform { try $0.startRevision(of: paper.paper.id!, now: now(), actor: .user(user)) }
        return .redirect(to: SiteURL.adminPaper(draft.id!).path, type: .normal)
    }

    @Sendable func withdrawPaper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (paper, user, form) = try await submission(request, context, requirePaper, bodyId: { $0.meeting.meeting.bodyId })
        guard paper.paper.status == .published else { throw HTTPError(.conflict) }
        guard !form.text(.withdrawReason).isEmpty else {
            var errors = FormErrors()
            errors.add(.withdrawReason, "Give the reason for withdrawing the paper")
            let values = paperValues(paper.paper)
            return try await paperForm(paper: paper.paper, item: paper.item, meeting: paper.meeting, form: values, errors: errors, preview: true,
                             context: context, status: .unprocessableContent)
        }
        _ = try await database.perform {
            try $0.withdrawPaper(id: paper.paper.id!, reason: form.text(.withdrawReason), at: now(), actor: .user(user))
        }
        return .redirect(to: SiteURL.adminPaper(paper.paper.id!).path, type: .normal)
    }

    /// The kind and academic year sent; no kind when the form has no kind field (a body with one kind of paper),
    /// which makes a new paper an ordinary report and leaves a draft's kind as it is.
    func paperKind(_ form: FormData) -> (PaperKind?, AcademicYear?) {
        (form.text(.kind).nonEmpty.flatMap(PaperKind.init(rawValue:)), AcademicYear(parsing: form.text(.reportYear)))
    }

    func paperErrors(_ form: FormData) -> FormErrors {
        var errors = FormErrors()
        if !form.text(.kind).isEmpty, PaperKind(rawValue: form.text(.kind)) == nil { errors.add(.kind, "Choose the kind of paper") }
        let year = form.text(.reportYear)
        if !year.isEmpty, AcademicYear(parsing: year) == nil {
            errors.add(.reportYear, "Enter the academic year as two years, for example 2025/26")
        } else if let kind = PaperKind(rawValue: form.text(.kind).nonEmpty ?? PaperKind.report.rawValue) {
            do { try kind.checkCoveredYear(AcademicYear(parsing: year), today: time.calendarDay(of: now())) } catch let error as TownhallError {
                errors.add(.reportYear, error.message.asSentence)
            } catch {}
        }
        if form.text(.title).isEmpty { errors.add(.title, "Enter a title for the paper") }
        if form.text(.markdown).isEmpty { errors.add(.markdown, "Write the paper before saving it") }
        if let problem = TextLimits.markdownProblem(form.text(.markdown), what: "the paper") { errors.add(.markdown, problem.asSentence) }
        return errors
    }

    /// The paper's stored fields, with any other submitted values (such as a recommendation being drafted) kept.
    func paperValues(_ paper: Paper, merging form: FormData = FormData()) -> FormData {
        var values = form
        values[.title] = paper.title
        values[.author] = paper.author
        values[.markdown] = paper.markdown
        values[.kind] = paper.kind.rawValue
        values[.reportYear] = paper.coveredYear?.description ?? ""
        return values
    }

    func paperForm(paper: Paper?, item: AgendaItem, meeting: MeetingSummary, form: FormData, errors: FormErrors, preview: Bool,
                   context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let recommendations = try await paperRecommendations(paper, item: item, form: form, errors: errors)
        let markdown = form[.markdown].replacingOccurrences(of: "\r\n", with: "\n")
        let rendered = preview && !markdown.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            ? (paper?.html.map { RenderedMarkdown(html: $0, headings: [], problems: []) } ?? renderer.render(markdown))
            : nil
        let isDraft = paper?.status ?? .draft == .draft
        let bodyKind = try await database.body(slug: meeting.bodySlug)?.kind ?? .other
        let kinds = PaperKind.kinds(for: bodyKind)
        let chosen = form.text(.kind).nonEmpty ?? PaperKind.report.rawValue
        let view = PaperFormView(
            action: paper.map { SiteURL.adminPaper($0.id!).path } ?? SiteURL.adminNewPaper(item: item.id!).path,
            reviseURL: paper.map { SiteURL.adminPaperRevise($0.id!).path }, withdrawURL: paper.map { SiteURL.adminPaperWithdraw($0.id!).path },
            csrf: context.session?.csrfToken ?? "", heading: paper?.title ?? "Write a paper", isNew: paper == nil, isDraft: isDraft,
            status: paper?.status.rawValue ?? "new", meetingTitle: "\(meeting.meeting.title), \(time.dateTime(meeting.meeting.startsAt))",
            meetingURL: SiteURL.adminMeeting(meeting.meeting.id!).path, itemLabel: "\(item.number). \(item.title)",
            title: form[.title], author: form[.author],
            kinds: kinds.map { Choice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == chosen) }, hasKinds: kinds.count > 1,
            kindError: errors.message(for: .kind), showsReportYear: kinds.contains(.annualReport), reportYear: form[.reportYear],
            reportYearError: errors.message(for: .reportYear), markdown: markdown, previewHTML: rendered?.html,
            problems: rendered?.problems ?? [], hasProblems: !(rendered?.problems.isEmpty ?? true),
            publishURL: paper.flatMap { $0.status == .draft ? SiteURL.adminPaperPublish($0.id!).path : nil },
            deadline: time.longDate(day: rule.lastOnTimeDay(meeting.meeting)), clearDays: rule.clearDaysPhrase, isLate: isLate(meeting.meeting),
            lateReason: form[.lateReason], lateReasonError: errors.message(for: .lateReason), publishedLateReason: paper?.lateReason,
            publicURL: paper.flatMap { $0.status.isPublic && !item.isExempt ? SiteURL.paper($0.id!).path : nil },
            hasErrors: !errors.isEmpty, errors: errors.entries, titleError: errors.message(for: .title),
            markdownError: errors.message(for: .markdown), revision: paper?.revision ?? 1,
            isPublished: paper?.status == .published, withdrawError: errors.message(for: .withdrawReason),
            withdrawnReason: paper?.withdrawalReason, recommendations: recommendations)
        let title = paper == nil ? "New paper" : "Paper: \(paper!.title)"
        return render("admin-paper-form", (errors.isEmpty ? "" : "Error: ") + title, view, context,
                      breadcrumbs: [Self.dashboardCrumb, Breadcrumb(title: meeting.meeting.title, url: SiteURL.adminMeeting(meeting.meeting.id!).path)],
                      status: status)
    }

    /// The recommendations section of a published, public report: its recommendations and the form to add more.
    func paperRecommendations(_ paper: Paper?, item: AgendaItem, form: FormData, errors: FormErrors) async throws -> PaperRecommendationsView? {
        guard let paper, paper.status == .published, !item.isExempt else { return nil }
        let tracked = try await database.trackedRecommendations(
            RecommendationScope(paperId: paper.id, includeDrafts: true), deadlines: deadlines, now: now())
        let organisations = try await database.organisations()
        let rows = tracked.map { RecommendationRow($0, time: time, inBackOffice: true) }
        return PaperRecommendationsView(
            addURL: SiteURL.adminAddRecommendation(paper: paper.id!).path, issueURL: SiteURL.adminIssueRecommendations(paper: paper.id!).path,
            rows: rows, hasRows: !rows.isEmpty, draftCount: rows.filter(\.isDraft).count, hasDrafts: rows.contains { $0.isDraft },
            organisations: organisations.map { Choice(value: String($0.id!), label: $0.name, selected: form[.organisation] == String($0.id!)) },
            text: form[.recommendation], organisationError: errors.message(for: .organisation),
            textError: errors.message(for: .recommendation), issueError: errors.message(for: .recommendations))
    }
}
