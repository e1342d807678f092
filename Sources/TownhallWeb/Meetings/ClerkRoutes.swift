import Foundation
import Hummingbird
import TownhallDomain
import TownhallMarkdown
import TownhallStore

/// The clerk back office under `/admin`. Every handler signs the user in, checks they act for the body that
/// owns the object, and checks the CSRF token on every POST, before touching the store.
struct ClerkRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let time: LocalTime
    let rule: PublicationRule
    let maxUploadBytes: Int
    let deadlines: Deadlines
    let now: @Sendable () -> Date
    let renderer = MarkdownRenderer()

    func register(on routes: RouteTable) {
        routes.get(.adminDashboard, use: dashboard)
        routes.get(.adminNewMeeting, use: newMeeting)
        routes.post(.adminNewMeeting, use: createMeeting)
        routes.get(.adminMeeting, use: meeting)
        routes.get(.adminMeetingEdit, use: editMeeting)
        routes.post(.adminMeetingEdit, use: updateMeeting)
        routes.post(.adminRenumber, use: renumber)
        routes.get(.adminItemEdit, use: editItem)
        routes.post(.adminItemEdit, use: updateItem)
        routes.post(.adminItemMove, use: moveItem)
        routes.post(.adminItemDelete, use: removeItem)
        routes.post(.adminAddItem, use: addItem)
        routes.post(.adminPublishAgenda, use: publishAgenda)
        routes.post(.adminMeetingStatus, use: setStatus)
        routes.get(.adminNewPaper, use: newPaper)
        routes.post(.adminNewPaper, use: createPaper)
        routes.get(.adminPaper, use: editPaper)
        routes.post(.adminPaper, use: savePaper)
        routes.post(.adminPaperPublish, use: publishPaper)
        routes.post(.adminPaperRevise, use: revisePaper)
        routes.post(.adminPaperWithdraw, use: withdrawPaper)
    }

    // MARK: Authorisation

    /// The signed-in clerk or administrator acting for `bodyId`; anyone else gets 403.
    func clerk(_ request: Request, _ context: AppRequestContext, bodyId: Int64) async throws -> User {
        let user = try context.requireUser(request)
        guard user.role != .provider else { throw HTTPError(.forbidden) }
        let bodies = try await database.perform { try $0.bodyIds(for: user) }
        guard bodies.contains(bodyId) else { throw HTTPError(.forbidden) }
        return user
    }

    static let dashboardCrumb = Breadcrumb(title: "Dashboard", url: SiteURL.adminDashboard.path)

    /// A back-office page: the signed-in header, never cached.
    func render<View: Sendable>(_ template: String, _ title: String, _ view: View, _ context: AppRequestContext,
                                breadcrumbs: [Breadcrumb] = [dashboardCrumb], status: HTTPResponse.Status = .ok) -> Response {
        pages.renderSignedIn(template, title: title, breadcrumbs: breadcrumbs, page: view, status: status, context: context)
    }

    // MARK: Dashboard

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        guard user.role != .provider else { throw HTTPError(.forbidden) }
        let bodies = try await database.clerkBodies(ids: try await database.perform { try $0.bodyIds(for: user) }, now: now(), time: time)
        return render(
            "admin-dashboard", "Dashboard", DashboardView(userName: user.name, bodies: bodies, time: time), context, breadcrumbs: [])
    }

    // MARK: Meetings

    @Sendable func newMeeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await requireBody(context)
        _ = try await clerk(request, context, bodyId: body.id!)
        return meetingForm(body: body, form: FormData(), errors: FormErrors(), context: context)
    }

    @Sendable func createMeeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (body, user, form) = try await submission(request, context, requireBody, bodyId: { $0.id! })
        let fields = parseMeetingForm(form)
        guard form[.action] == "save", fields.errors.isEmpty, let starts = fields.starts else {
            return meetingForm(body: body, form: form, errors: fields.errors, context: context,
                               status: fields.errors.isEmpty ? .ok : .unprocessableContent)
        }
        let meeting = try await database.perform { try $0.addMeeting(
            body: body.slug, title: fields.title, startsAt: starts, endsAt: fields.ends, locationName: form.text(.location),
            address: form.text(.address), actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(meeting.id!).path, type: .normal)
    }

    @Sendable func editMeeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let detail = try await requireMeeting(context)
        _ = try await clerk(request, context, bodyId: detail.summary.meeting.bodyId)
        let meeting = detail.summary.meeting
        let form = FormData([
            .title: meeting.title, .date: time.day(of: meeting.startsAt), .start: time.clock24(meeting.startsAt),
            .end: meeting.endsAt.map(time.clock24) ?? "", .location: detail.location?.name ?? "",
            .address: detail.location?.address ?? "",
        ])
        return meetingForm(existing: detail, form: form, errors: FormErrors(), context: context)
    }

    @Sendable func updateMeeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context, requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        let fields = parseMeetingForm(form)
        guard form[.action] == "save", fields.errors.isEmpty, let starts = fields.starts else {
            return meetingForm(existing: detail, form: form, errors: fields.errors, context: context,
                               status: fields.errors.isEmpty ? .ok : .unprocessableContent)
        }
        _ = try await database.perform { try $0.updateMeeting(
            id: detail.summary.meeting.id!, title: fields.title, startsAt: starts, endsAt: fields.ends,
            locationName: form.text(.location), address: form.text(.address), actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path, type: .normal)
    }

    @Sendable func meeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let detail = try await requireMeeting(context)
        _ = try await clerk(request, context, bodyId: detail.summary.meeting.bodyId)
        return try await meetingPage(detail, form: FormData(), errors: FormErrors(), context: context)
    }

    @Sendable func addItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context, requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        let fields = Self.parseItemForm(form)
        guard fields.errors.isEmpty else {
            return try await meetingPage(detail, form: form, errors: fields.errors, context: context, status: .unprocessableContent)
        }
        _ = try await database.perform { try $0.addAgendaItem(
            meetingId: detail.summary.meeting.id!, title: fields.title, type: fields.type, exemptParagraph: fields.paragraph,
            actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path(fragment: "agenda"), type: .normal)
    }

    @Sendable func editItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (item, meeting) = try await requireItem(context)
        _ = try await clerk(request, context, bodyId: meeting.meeting.bodyId)
        return try await itemForm(item: item, meeting: meeting, form: itemValues(item), errors: FormErrors(), context: context)
    }

    @Sendable func updateItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ((item, meeting), user, form) = try await submission(request, context, requireItem, bodyId: { $0.1.meeting.bodyId })
        let fields = Self.parseItemForm(form)
        guard fields.errors.isEmpty else {
            return try await itemForm(item: item, meeting: meeting, form: form, errors: fields.errors, context: context, status: .unprocessableContent)
        }
        _ = try await database.perform { try $0.updateAgendaItem(
            id: item.id!, title: fields.title, type: fields.type, exemptParagraph: fields.paragraph, decision: form.text(.decision),
            actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(meeting.meeting.id!).path(fragment: "agenda"), type: .normal)
    }

    @Sendable func moveItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ((item, meeting), user, form) = try await submission(request, context, requireItem, bodyId: { $0.1.meeting.bodyId })
        guard let direction = AppDatabase.Direction(rawValue: form[.direction]) else { throw HTTPError(.badRequest) }
        try await database.perform { try $0.moveAgendaItem(id: item.id!, direction: direction, actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(meeting.meeting.id!).path(fragment: "agenda"), type: .normal)
    }

    @Sendable func removeItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ((item, meeting), user, form) = try await submission(request, context, requireItem, bodyId: { $0.1.meeting.bodyId })
        do {
            _ = try await database.perform { try $0.removeAgendaItem(id: item.id!, actor: .user(user)) }
        } catch let error as TownhallError {
            guard case .conflict(let message) = error, let detail = try await database.clerkMeeting(id: meeting.meeting.id!) else { throw error }
            var errors = FormErrors()
            errors.add(.agenda, message)
            return try await meetingPage(detail, form: FormData(), errors: errors, context: context, status: .conflict)
        }
        return .redirect(to: SiteURL.adminMeeting(meeting.meeting.id!).path(fragment: "agenda"), type: .normal)
    }

    @Sendable func renumber(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context, requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        try await database.perform { try $0.renumberAgenda(meetingId: detail.summary.meeting.id!, actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path(fragment: "agenda"), type: .normal)
    }

    @Sendable func publishAgenda(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context, requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        guard !isLate(detail.summary.meeting) || !form.text(.reason).isEmpty else {
            var errors = FormErrors()
            errors.add(.reason, "Give the reason the agenda is published late (for example, an urgent item)")
            return try await meetingPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        _ = try await database.perform { try $0.publishAgenda(
            meetingId: detail.summary.meeting.id!, at: now(), rule: rule, lateReason: form.text(.reason), actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path, type: .normal)
    }

    @Sendable func setStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context, requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        guard let status = MeetingStatus(rawValue: form[.status]), status != .scheduled else { throw HTTPError(.badRequest) }
        _ = try await database.perform {
            try $0.setMeetingStatus(meetingId: detail.summary.meeting.id!, status: status, actor: .user(user))
        }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path, type: .normal)
    }

    // MARK: Papers

    @Sendable func newPaper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (item, meeting) = try await requireItem(context)
        _ = try await clerk(request, context, bodyId: meeting.meeting.bodyId)
        return try await paperForm(paper: nil, item: item, meeting: meeting, form: FormData(), errors: FormErrors(), preview: false, context: context)
    }

    @Sendable func createPaper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ((item, meeting), user, form) = try await submission(request, context, requireItem, bodyId: { $0.1.meeting.bodyId })
        let errors = Self.paperErrors(form)
        guard form[.action] == "save", errors.isEmpty else {
            return try await paperForm(paper: nil, item: item, meeting: meeting, form: form, errors: errors, preview: true, context: context,
                             status: errors.isEmpty ? .ok : .unprocessableContent)
        }
        let paper = try await database.perform { try $0.addPaper(
            itemId: item.id!, title: form.text(.title), author: form.text(.author), markdown: form.text(.markdown), now: now(),
            actor: .user(user)) }
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
        let errors = Self.paperErrors(form)
        guard form[.action] == "save", errors.isEmpty else {
            return try await paperForm(paper: paper.paper, item: paper.item, meeting: paper.meeting, form: form, errors: errors, preview: true,
                             context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
        }
        _ = try await database.perform { try $0.updateDraft(
            paperId: paper.paper.id!, title: form.text(.title), author: form.text(.author), markdown: form.text(.markdown),
            actor: .user(user)) }
        return .redirect(to: SiteURL.adminPaper(paper.paper.id!).path, type: .normal)
    }

    @Sendable func publishPaper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (paper, user, form) = try await submission(request, context, requirePaper, bodyId: { $0.meeting.meeting.bodyId })
        guard paper.paper.status == .draft else { throw HTTPError(.conflict) }
        guard !isLate(paper.meeting.meeting) || !form.text(.lateReason).isEmpty else {
            var errors = FormErrors()
            errors.add(.lateReason, "Give the reason the paper is published late (for example, figures confirmed after the deadline)")
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
}
