import Foundation
import Hummingbird
import TownhallDomain
import TownhallMarkdown
import TownhallStore

/// A clerk makes and changes a meeting: its details, the agenda's numbering and publication, and its status.
extension BackOfficeRoutes {
    func registerMeetingEditing(on routes: RouteTable) {
        routes.get(.adminNewMeeting, use: newMeeting)
        routes.post(.adminNewMeeting, use: createMeeting)
        routes.get(.adminMeeting, use: meeting)
        routes.get(.adminMeetingEdit, use: editMeeting)
        routes.post(.adminMeetingEdit, use: updateMeeting)
        routes.post(.adminRenumber, use: renumber)
        routes.post(.adminPublishAgenda, use: publishAgenda)
        routes.post(.adminMeetingStatus, use: setStatus)
        routes.post(.adminMeetingAccess, use: setAccess)
    }

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

    @Sendable func renumber(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context, requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        try await database.perform { try $0.renumberAgenda(meetingId: detail.summary.meeting.id!, actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path(fragment: "agenda"), type: .normal)
    }

    @Sendable func publishAgenda(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context, requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        var errors = FormErrors()
        if detail.items.isEmpty { errors.add(.agenda, PublicationRule.emptyAgendaMessage.asSentence) }
        if isLate(detail.summary.meeting), form.text(.reason).isEmpty {
            errors.add(.reason, rule.lateMessage(what: "The agenda", meeting: detail.summary.meeting))
        }
        guard errors.isEmpty else {
            return try await meetingPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        _ = try await database.perform { try $0.publishAgenda(
            meetingId: detail.summary.meeting.id!, at: now(), rule: rule, lateReason: form.text(.reason), actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path, type: .normal)
    }

    @Sendable func setStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context, requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        guard let status = MeetingStatus(rawValue: form[.status]), status != .scheduled else { throw HTTPError(.badRequest) }
        do {
            _ = try await database.perform {
                try $0.setMeetingStatus(meetingId: detail.summary.meeting.id!, status: status, reason: form.text(.statusReason), actor: .user(user))
            }
        } catch TownhallError.invalid(let message) {
            // The store's rule (not marked held before it starts; a reason to postpone or cancel) said no: the page
            // again, with its reason and what was typed.
            var errors = FormErrors()
            errors.add(status.needsReason ? .statusReason : .status, message.asSentence)
            return try await meetingPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path, type: .normal)
    }

    /// How to attend or watch: every problem beside its field, with what was typed kept; nothing saved until all is well.
    @Sendable func setAccess(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context, requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        let access = MeetingAccess(
            webcastURL: form.text(.webcastURL), recordingURL: form.text(.recordingURL), contactName: form.text(.contactName),
            contactEmail: form.text(.contactEmail), contactPhone: form.text(.contactPhone), howToAttend: form[.howToAttend])
        let problems = access.problems
        guard problems.isEmpty else {
            var errors = FormErrors()
            for problem in problems { errors.add(anchor: problem.field.rawValue, problem.message) }
            return try await meetingPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        _ = try await database.perform { try $0.setMeetingAccess(meetingId: detail.summary.meeting.id!, access, actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path(fragment: "access"), type: .normal)
    }

    struct MeetingFields {
        var errors = FormErrors()
        var title = ""
        var starts: Date?
        var ends: Date?
    }

    /// Validates the meeting form: title, a real date, times that exist in London on that day, end after start.
    func parseMeetingForm(_ form: FormData) -> MeetingFields {
        var fields = MeetingFields()
        fields.title = form.text(.title)
        if fields.title.isEmpty { fields.errors.add(.title, "Enter a title for the meeting") }
        guard (try? time.parseDay(form.text(.date))) != nil else {
            fields.errors.add(.date, form.text(.date).isEmpty ? "Enter the date of the meeting" : "Date must be a real date, for example 2027-01-14")
            return fields
        }
        do { fields.starts = try time.parseDateTime("\(form.text(.date)) \(form.text(.start))") } catch {
            fields.errors.add(.start, form.text(.start).isEmpty ? "Enter the start time" : Self.timeMessage(error))
        }
        if !form.text(.end).isEmpty {
            do { fields.ends = try time.parseDateTime("\(form.text(.date)) \(form.text(.end))") } catch {
                fields.errors.add(.end, Self.timeMessage(error))
            }
            if let starts = fields.starts, let ends = fields.ends, ends <= starts {
                fields.errors.add(.end, "End time must be after the start time")
            }
        }
        return fields
    }

    func meetingForm(existing detail: ClerkMeetingDetail, form: FormData, errors: FormErrors, context: AppRequestContext,
                     status: HTTPResponse.Status = .ok) -> Response {
        meetingForm(
            bodyName: detail.summary.bodyName, action: SiteURL.adminMeetingEdit(detail.summary.meeting.id!).path,
            heading: "Change meeting details", submitLabel: "Save changes", form: form, errors: errors, context: context, status: status)
    }

    func meetingForm(body: Body, form: FormData, errors: FormErrors, context: AppRequestContext,
                     status: HTTPResponse.Status = .ok) -> Response {
        meetingForm(
            bodyName: body.name, action: SiteURL.adminNewMeeting(body: body.slug).path, heading: "Schedule a meeting",
            submitLabel: "Schedule meeting", form: form, errors: errors, context: context, status: status)
    }

    func meetingForm(bodyName: String, action: String, heading: String, submitLabel: String, form: FormData, errors: FormErrors,
                     context: AppRequestContext, status: HTTPResponse.Status) -> Response {
        var deadlineText: String?
        var passed = false
        var beyondHolidays: String? = nil
        if let start = try? time.parseDateTime("\(form.text(.date)) \(form.text(.start).isEmpty ? "12:00" : form.text(.start))") {
            let day = rule.lastOnTimeDay(meetingStart: start, convenedAt: now())
            deadlineText = time.longDate(day: day)
            passed = time.calendarDay(of: now()) > day
            beyondHolidays = rule.workingDays.beyondMessage(time.calendarDay(of: start))?.asSentence
        }
        let view = MeetingFormView(
            bodyName: bodyName, heading: heading, submitLabel: submitLabel, action: action, csrf: context.session?.csrfToken ?? "",
            title: form[.title], date: form[.date], start: form[.start], end: form[.end], location: form[.location],
            address: form[.address], deadline: deadlineText, clearDays: rule.clearDaysPhrase, deadlinePassed: passed,
            beyondHolidays: beyondHolidays, hasErrors: !errors.isEmpty,
            errors: errors.entries, titleError: errors.message(for: .title), dateError: errors.message(for: .date),
            startError: errors.message(for: .start), endError: errors.message(for: .end))
        return render("admin-meeting-form", (errors.isEmpty ? "" : "Error: ") + heading, view, context, status: status)
    }

    func meetingPage(_ detail: ClerkMeetingDetail, form: FormData, errors: FormErrors, context: AppRequestContext,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let meeting = detail.summary.meeting
        let record = try await database.meetingRecord(meetingId: meeting.id!)
        let attendees = record.attendees.map { attendee in
            ClerkMeetingView.AttendeeRow(
                personId: attendee.person.id!, name: attendee.person.name, role: attendee.role?.label ?? "Not a member",
                choices: AttendanceStatus.allCases.map {
                    Choice(value: $0.rawValue, label: $0.label, selected: attendee.status == $0)
                })
        }
        let row = MeetingRow(detail.summary, time: time, inBackOffice: true)
        let items = detail.items.map { entry in
            ClerkMeetingView.ItemRow(entry.item, papers: entry.papers.map {
                .init(title: $0.title, url: SiteURL.adminPaper($0.id!).path, status: $0.status.rawValue,
                      isDraft: $0.status == .draft, isPublished: $0.status == .published)
            }, time: time)
        }
        let choices = Self.itemChoices(form)
        let witnesses = try await database.witnesses(meetingId: meeting.id!).map {
            ClerkMeetingView.WitnessRow(name: $0.name, role: $0.role, removeURL: SiteURL.adminWitnessDelete(meeting: meeting.id!, witness: $0.id!).path)
        }
        let privateNotice = detail.privateNotice?.statements(time: time) ?? []
        let questionWindow = try await database.perform { try $0.questionWindow(meetingId: meeting.id!) }
        let view = ClerkMeetingView(
            id: meeting.id!, links: .init(meeting.id!), csrf: context.session?.csrfToken ?? "", meeting: row, publicURL: SiteURL.meeting(meeting.id!).path,
            bodyURL: SiteURL.bodyPage(slug: detail.summary.bodySlug).path, deadline: time.longDate(day: rule.lastOnTimeDay(meeting)),
            clearDays: rule.clearDaysPhrase, beyondHolidays: rule.workingDays.beyondMessage(time.calendarDay(of: meeting.startsAt))?.asSentence,
            shortNotice: MeetingNotice.shortNotice(meeting, rule: rule), isLate: isLate(meeting), agendaPublished: meeting.agendaPublishedAt != nil,
            agendaPublishedOn: meeting.agendaPublishedAt.map(time.shortDate), lateReason: meeting.lateReason,
            privateNotice: privateNotice, hasPrivateNotice: !privateNotice.isEmpty,
            isCancelled: meeting.status == .cancelled, items: items, hasItems: !items.isEmpty, statusError: errors.message(for: .status),
            statusReason: form[.statusReason], statusReasonError: errors.message(for: .statusReason),
            access: ClerkMeetingView.AccessForm(meeting, form: form, errors: errors),
            questions: ClerkMeetingView.QuestionsForm(meetingId: meeting.id!, bodySlug: detail.summary.bodySlug, window: questionWindow, now: now(),
                                                      form: form, errors: errors, time: time),
            officers: ClerkMeetingView.OfficersForm(meetingId: meeting.id!, officers: record.officers, form: form, errors: errors),
            itemTitle: form[.itemTitle], itemTypes: choices.types, itemExempt: form[.exempt] == "yes", paragraphs: choices.paragraphs,
            itemTitleError: errors.message(for: .itemTitle), itemParagraphError: errors.message(for: .paragraph),
            publicInterest: form[.publicInterest], publicInterestError: errors.message(for: .publicInterest),
            supplementary: meeting.agendaPublishedAt != nil, urgencyNeeded: rule.itemNeedsUrgency(meeting, addedAt: now()),
            urgency: form[.urgency], urgencyError: errors.message(for: .urgency),
            reason: form[.reason], reasonError: errors.message(for: .reason), agendaError: errors.message(for: .agenda),
            attendees: attendees, hasAttendees: !attendees.isEmpty,
            declarants: record.attendees.map { Choice(value: String($0.person.id!), label: $0.person.name, selected: form[.declarant] == String($0.person.id!)) },
            declarationItems: detail.items.map { Choice(value: String($0.item.id!), label: "\($0.item.number). \($0.item.title)", selected: form[.declarationItem] == String($0.item.id!)) },
            interestKinds: InterestKind.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: form[.kind] == $0.rawValue) },
            interest: form[.interest], declarantError: errors.message(for: .declarant), interestError: errors.message(for: .interest),
            witnesses: witnesses, hasWitnesses: !witnesses.isEmpty, witnessName: form[.witnessName], witnessRole: form[.witnessRole],
            witnessNameError: errors.message(for: .witnessName), record: MinutesView(record, time: time),
            hasErrors: !errors.isEmpty, errors: errors.entries)
        return render("admin-meeting", (errors.isEmpty ? "" : "Error: ") + meeting.title, view, context,
                      breadcrumbs: [Self.dashboardCrumb, Breadcrumb(title: detail.summary.bodyName, url: SiteURL.adminDashboard.path)], status: status)
    }

}
