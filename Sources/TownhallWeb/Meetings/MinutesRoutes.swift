import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// Attendance, declarations of interest and minutes: the clerk's record of a meeting.
struct MinutesRoutes: Sendable {
    let clerk: BackOfficeRoutes

    var database: AppDatabase { clerk.database }

    func register(on routes: RouteTable) {
        routes.post(.adminAttendance, use: attendance)
        routes.post(.adminDeclarations, use: declaration)
        routes.post(.adminWitnesses, use: addWitness)
        routes.post(.adminWitnessDelete, use: removeWitness)
        routes.post(.adminOfficers, use: addOfficer)
        routes.post(.adminOfficerDelete, use: removeOfficer)
        routes.get(.adminMinutes, use: minutes)
        routes.post(.adminMinutes, use: saveMinutes)
        routes.post(.adminMinutesPublish, use: publishMinutes)
        routes.post(.adminMinutesApprove, use: approveMinutes)
    }

    @Sendable func attendance(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await clerk.submission(request, context, clerk.requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        var statuses: [Int64: AttendanceStatus] = [:]
        for (key, value) in form.values where key.hasPrefix("attendance-") {
            guard let personId = Int64(key.dropFirst("attendance-".count)), let status = AttendanceStatus(rawValue: value) else {
                throw HTTPError(.badRequest)
            }
            statuses[personId] = status
        }
        do {
            try await database.perform { [statuses] in
                try $0.recordAttendance(meetingId: detail.summary.meeting.id!, statuses: statuses, actor: .user(user))
            }
        } catch TownhallError.invalid(let message) {
            var errors = FormErrors()
            errors.add(.attendance, message.asSentence)
            return try await clerk.meetingPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path(fragment: "attendance"), type: .normal)
    }

    @Sendable func declaration(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await clerk.submission(request, context, clerk.requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        var errors = FormErrors()
        let personId = Int64(form[.declarant])
        if personId == nil { errors.add(.declarant, "Select who declared the interest") }
        if form.text(.interest).isEmpty { errors.add(.interest, "Describe the interest") }
        let kind = InterestKind(rawValue: form[.kind]) ?? .otherRegisterable
        guard errors.isEmpty, let personId else {
            return try await clerk.meetingPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        do {
            _ = try await database.perform { try $0.addDeclaration(
                meetingId: detail.summary.meeting.id!, personId: personId, agendaItemId: Int64(form[.declarationItem]), kind: kind,
                interest: form.text(.interest), actor: .user(user)) }
        } catch TownhallError.invalid(let message) {
            errors.add(.declarant, message.asSentence)
            return try await clerk.meetingPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path(fragment: "declarations"), type: .normal)
    }

    @Sendable func addWitness(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await clerk.submission(request, context, clerk.requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        guard !form.text(.witnessName).isEmpty else {
            var errors = FormErrors()
            errors.add(.witnessName, "Enter the witness's name")
            return try await clerk.meetingPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        _ = try await database.perform { try $0.addWitness(
            meetingId: detail.summary.meeting.id!, name: form.text(.witnessName), role: form.text(.witnessRole), actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path(fragment: "witnesses"), type: .normal)
    }

    @Sendable func removeWitness(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, _) = try await clerk.submission(request, context, clerk.requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        let meetingId = detail.summary.meeting.id!
        guard let witnessId = context.parameters.get("witness").flatMap(Int64.init),
              try await database.witnesses(meetingId: meetingId).contains(where: { $0.id == witnessId })
        else { throw HTTPError(.notFound) }
        try await database.perform { try $0.removeWitness(id: witnessId, actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(meetingId).path(fragment: "witnesses"), type: .normal)
    }

    @Sendable func addOfficer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await clerk.submission(request, context, clerk.requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        if let problem = OfficerInAttendance.problem(name: form[.officerName], role: form[.officerRole]) {
            var errors = FormErrors()
            errors.add(.officerName, problem)
            return try await clerk.meetingPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        _ = try await database.perform { try $0.addOfficer(
            meetingId: detail.summary.meeting.id!, name: form[.officerName], role: form[.officerRole], actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path(fragment: "officers"), type: .normal)
    }

    @Sendable func removeOfficer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, _) = try await clerk.submission(request, context, clerk.requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        let meetingId = detail.summary.meeting.id!
        guard let officerId = RequestNumber.id(context.parameters.get("officer")) else { throw HTTPError(.notFound) }
        do {
            try await database.perform { try $0.removeOfficer(id: officerId, meetingId: meetingId, actor: .user(user)) }
        } catch TownhallError.notFound {
            throw HTTPError(.notFound)
        }
        return .redirect(to: SiteURL.adminMeeting(meetingId).path(fragment: "officers"), type: .normal)
    }

    @Sendable func minutes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let detail = try await clerk.requireMeeting(context)
        _ = try await clerk.clerk(request, context, bodyId: detail.summary.meeting.bodyId)
        let record = try await database.meetingRecord(meetingId: detail.summary.meeting.id!)
        // Before anything is saved the editor starts from the agenda, urgency records included.
        let questions = try await database.publishedQuestions(meetingId: detail.summary.meeting.id!)
        let markdown = record.minutes?.markdown
            ?? MinutesDraft.markdown(meetingTitle: detail.summary.meeting.title, items: detail.items.map(\.item), questions: questions)
        return page(detail, record: record, markdown: markdown, preview: record.minutes != nil, errors: FormErrors(), context: context)
    }

    @Sendable func saveMinutes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await clerk.submission(request, context, clerk.requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        let record = try await database.meetingRecord(meetingId: detail.summary.meeting.id!)
        var errors = FormErrors()
        if form.text(.markdown).isEmpty { errors.add(.markdown, "Write the minutes before saving them") }
        if let problem = TextLimits.markdownProblem(form.text(.markdown), what: "the minutes") { errors.add(.markdown, problem.asSentence) }
        guard form[.action] == "save", errors.isEmpty else {
            return page(detail, record: record, markdown: form.text(.markdown), preview: true, errors: errors, context: context,
                        status: errors.isEmpty ? .ok : .unprocessableContent)
        }
        _ = try await database.perform {
            try $0.saveMinutes(meetingId: detail.summary.meeting.id!, markdown: form.text(.markdown), actor: .user(user))
        }
        return .redirect(to: SiteURL.adminMinutes(detail.summary.meeting.id!).path, type: .normal)
    }

    @Sendable func publishMinutes(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await transition(request, context) { meetingId, user in
            _ = try await database.perform {
                try $0.publishMinutes(meetingId: meetingId, renderer: clerk.renderer, at: clerk.now(), actor: .user(user))
            }
        }
    }

    @Sendable func approveMinutes(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await transition(request, context) { meetingId, user in
            _ = try await database.perform { try $0.approveMinutes(meetingId: meetingId, at: clerk.now(), actor: .user(user)) }
        }
    }

    /// Runs a state change; a refused change re-renders the minutes page with the reason.
    private func transition(
        _ request: Request, _ context: AppRequestContext, _ change: (Int64, User) async throws -> Void
    ) async throws -> Response {
        let (detail, user, form) = try await clerk.submission(request, context, clerk.requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        let meetingId = detail.summary.meeting.id!
        do {
            try await change(meetingId, user)
        } catch let error as TownhallError {
            guard case .conflict(let message) = error else { throw error }
            var errors = FormErrors()
            errors.add(.markdown, message)
            let record = try await database.meetingRecord(meetingId: meetingId)
            return page(detail, record: record, markdown: record.minutes?.markdown ?? "", preview: true, errors: errors,
                        context: context, status: .conflict)
        }
        return .redirect(to: SiteURL.adminMinutes(meetingId).path, type: .normal)
    }

    private func page(
        _ detail: ClerkMeetingDetail, record: MeetingRecord, markdown: String, preview: Bool, errors: FormErrors,
        context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        let meeting = detail.summary.meeting
        let minutesStatus = record.minutes?.status
        let view = MinutesFormView(
            action: SiteURL.adminMinutes(meeting.id!).path, publishURL: SiteURL.adminMinutesPublish(meeting.id!).path,
            approveURL: SiteURL.adminMinutesApprove(meeting.id!).path, csrf: context.session?.csrfToken ?? "",
            meetingTitle: "\(meeting.title), \(clerk.time.dateTime(meeting.startsAt))", meetingURL: SiteURL.adminMeeting(meeting.id!).path,
            markdown: markdown, isDraft: minutesStatus == nil || minutesStatus == .draft, canPublish: minutesStatus == .draft,
            canApprove: minutesStatus == .published, statusLabel: MinutesView.statusLabel(record, time: clerk.time),
            previewHTML: preview && !markdown.isEmpty ? (record.minutes?.html ?? clerk.renderer.render(markdown).html) : nil,
            markdownError: errors.message(for: .markdown), hasErrors: !errors.isEmpty, errors: errors.entries)
        return clerk.render("admin-minutes", (errors.isEmpty ? "" : "Error: ") + "Minutes", view, context,
                            breadcrumbs: [BackOfficeRoutes.dashboardCrumb, Breadcrumb(title: meeting.title, url: SiteURL.adminMeeting(meeting.id!).path)],
                            status: status)
    }
}

/// The minutes editor.
struct MinutesFormView: Sendable {
    let action: String
    let publishURL, approveURL: String
    let csrf: String
    let meetingTitle: String
    let meetingURL: String
    let markdown: String
    let isDraft: Bool
    let canPublish: Bool
    let canApprove: Bool
    let statusLabel: String
    let previewHTML: String?
    let markdownError: String?
    let hasErrors: Bool
    let errors: [FormErrors.Entry]
}
