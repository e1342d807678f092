import Foundation
import Hummingbird
import TownhallDomain
import TownhallMarkdown
import TownhallStore

/// Loading the objects a clerk route acts on, and building its pages.
extension ClerkRoutes {
    func requireBody(_ context: AppRequestContext) async throws -> Body {
        guard let body = try await database.body(slug: try context.parameters.require("slug")) else { throw HTTPError(.notFound) }
        return body
    }

    func requireMeeting(_ context: AppRequestContext) async throws -> ClerkMeetingDetail {
        guard let detail = try await database.clerkMeeting(id: try PublicRoutes.id(context)) else { throw HTTPError(.notFound) }
        return detail
    }

    func requireItem(_ context: AppRequestContext) async throws -> (AgendaItem, MeetingSummary) {
        guard let found = try await database.clerkItem(id: try PublicRoutes.id(context)) else { throw HTTPError(.notFound) }
        return found
    }

    func requirePaper(_ context: AppRequestContext) async throws -> ClerkPaperContext {
        guard let paper = try await database.clerkPaper(id: try PublicRoutes.id(context)) else { throw HTTPError(.notFound) }
        return paper
    }

    /// For a form post: the object, the clerk acting for the body that owns it, and the form with its CSRF token
    /// checked, in that order, so nothing is read from an unauthorised or forged request.
    func submission<Object>(
        _ request: Request, _ context: AppRequestContext, _ load: (AppRequestContext) async throws -> Object,
        bodyId: (Object) -> Int64, limit: Int = 1_048_576
    ) async throws -> (Object, User, FormData) {
        let object = try await load(context)
        let user = try await clerk(request, context, bodyId: bodyId(object))
        let form = try await FormData.read(request, context: context, limit: limit)
        try context.requireCSRF(form)
        return (object, user, form)
    }

    /// The last day the agenda can be published with five clear working days before the meeting.
    func deadline(for meetingStart: Date) -> Day {
        rule.lastOnTimeDay(meetingStart: meetingStart)
    }

    func isLate(_ meeting: Meeting) -> Bool {
        rule.isLate(meetingStart: meeting.startsAt, publishedAt: now())
    }

    static func timeMessage(_ error: Error) -> String {
        if let error = error as? TownhallError, error.message.contains("clocks change") {
            return "That time does not exist on that day because the clocks go forward"
        }
        return "Time must be in 24-hour format, for example 18:30"
    }

    static func paperErrors(_ form: FormData) -> FormErrors {
        var errors = FormErrors()
        if form.text(.title).isEmpty { errors.add(.title, "Enter a title for the paper") }
        if form.text(.markdown).isEmpty { errors.add(.markdown, "Write the paper before saving it") }
        if let problem = TextLimits.markdownProblem(form.text(.markdown), what: "the paper") { errors.add(.markdown, problem.asSentence) }
        return errors
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

    struct ItemFields {
        var errors = FormErrors()
        var title = ""
        var type = AgendaItemType.report
        var paragraph: ExemptParagraph?
    }

    /// Validates an agenda item: a title, and a Schedule 12A paragraph whenever the item is marked exempt.
    static func parseItemForm(_ form: FormData) -> ItemFields {
        var fields = ItemFields()
        fields.title = form.text(.itemTitle)
        if fields.title.isEmpty { fields.errors.add(.itemTitle, "Enter a title for the agenda item") }
        fields.type = AgendaItemType(rawValue: form[.itemType]) ?? .report
        if form[.exempt] == "yes" {
            fields.paragraph = Int(form[.paragraph]).flatMap(ExemptParagraph.init(rawValue:))
            if fields.paragraph == nil { fields.errors.add(.paragraph, "Select the Schedule 12A paragraph that makes the item exempt") }
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
        if let start = try? time.parseDateTime("\(form.text(.date)) \(form.text(.start).isEmpty ? "12:00" : form.text(.start))") {
            let day = deadline(for: start)
            deadlineText = time.longDate(day: day)
            passed = time.calendarDay(of: now()) > day
        }
        let view = MeetingFormView(
            bodyName: bodyName, heading: heading, submitLabel: submitLabel, action: action, csrf: context.session?.csrfToken ?? "",
            title: form[.title], date: form[.date], start: form[.start], end: form[.end], location: form[.location],
            address: form[.address], deadline: deadlineText, deadlinePassed: passed, hasErrors: !errors.isEmpty,
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
            })
        }
        let choices = Self.itemChoices(form)
        let witnesses = try await database.witnesses(meetingId: meeting.id!).map {
            ClerkMeetingView.WitnessRow(name: $0.name, role: $0.role, removeURL: SiteURL.adminWitnessDelete(meeting: meeting.id!, witness: $0.id!).path)
        }
        let view = ClerkMeetingView(
            id: meeting.id!, links: .init(meeting.id!), csrf: context.session?.csrfToken ?? "", meeting: row, publicURL: SiteURL.meeting(meeting.id!).path,
            bodyURL: SiteURL.bodyPage(slug: detail.summary.bodySlug).path, deadline: time.longDate(day: deadline(for: meeting.startsAt)),
            isLate: isLate(meeting), agendaPublished: meeting.agendaPublishedAt != nil,
            agendaPublishedOn: meeting.agendaPublishedAt.map(time.shortDate), lateReason: meeting.lateReason,
            isCancelled: meeting.status == .cancelled, items: items, hasItems: !items.isEmpty,
            itemTitle: form[.itemTitle], itemTypes: choices.types, itemExempt: form[.exempt] == "yes", paragraphs: choices.paragraphs,
            itemTitleError: errors.message(for: .itemTitle), itemParagraphError: errors.message(for: .paragraph),
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

    /// The select options of the agenda item form, with what was chosen kept selected.
    static func itemChoices(_ form: FormData) -> (types: [Choice], paragraphs: [Choice]) {
        let selectedType = form[.itemType].isEmpty ? AgendaItemType.report.rawValue : form[.itemType]
        return (
            AgendaItemType.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selectedType) },
            ExemptParagraph.allCases.map {
                Choice(value: String($0.rawValue), label: "Paragraph \($0.rawValue): \($0.summary)", selected: form[.paragraph] == String($0.rawValue))
            }
        )
    }

    /// The item form's values as stored, for showing the page again after a file upload.
    func itemValues(_ item: AgendaItem) -> FormData {
        FormData([
            .itemTitle: item.title, .itemType: item.itemType.rawValue, .exempt: item.isExempt ? "yes" : "",
            .paragraph: item.exemptParagraph.map { String($0.rawValue) } ?? "", .decision: item.decision ?? "",
        ])
    }

    func itemForm(item: AgendaItem, meeting: MeetingSummary, form: FormData, errors: FormErrors, context: AppRequestContext,
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let choices = Self.itemChoices(form)
        let attached = try await database.clerkItemFiles(itemId: item.id!)
        let papersById = Dictionary(uniqueKeysWithValues: attached.papers.map { ($0.id!, $0) })
        let view = ItemFormView(
            action: SiteURL.adminItemEdit(item.id!).path, csrf: context.session?.csrfToken ?? "", number: item.number,
            meetingTitle: meeting.meeting.title, meetingURL: SiteURL.adminMeeting(meeting.meeting.id!).path, itemTitle: form[.itemTitle],
            itemTypes: choices.types, itemExempt: form[.exempt] == "yes", paragraphs: choices.paragraphs, decision: form[.decision],
            itemTitleError: errors.message(for: .itemTitle), itemParagraphError: errors.message(for: .paragraph),
            uploadAction: SiteURL.adminItemAttachments(item.id!).path, maxUpload: AttachmentLink.size(maxUploadBytes),
            allowedTypes: AttachmentFiles.mediaTypes.keys.sorted().map { ".\($0)" }.joined(separator: ", "),
            files: attached.attachments.map { file in
                ItemFormView.FileRow(
                    name: file.fileName, details: AttachmentLink(file).details, url: SiteURL.adminAttachment(file.id!).path,
                    removeURL: SiteURL.adminAttachmentDelete(file.id!).path,
                    paper: file.paperId.flatMap { papersById[$0] }.map { "\($0.title) (revision \($0.revision))" })
            },
            hasFiles: !attached.attachments.isEmpty,
            papers: attached.papers.map { Choice(value: String($0.id!), label: "\($0.title) (revision \($0.revision), \($0.status.rawValue))", selected: false) },
            fileError: errors.message(for: .file),
            hasErrors: !errors.isEmpty, errors: errors.entries)
        return render("admin-item-form", (errors.isEmpty ? "" : "Error: ") + "Change item \(item.number)", view, context,
                      breadcrumbs: [Self.dashboardCrumb, Breadcrumb(title: meeting.meeting.title, url: SiteURL.adminMeeting(meeting.meeting.id!).path)],
                      status: status)
    }

    /// The paper's stored fields, with any other submitted values (such as a recommendation being drafted) kept.
    func paperValues(_ paper: Paper, merging form: FormData = FormData()) -> FormData {
        var values = form
        values[.title] = paper.title
        values[.author] = paper.author
        values[.markdown] = paper.markdown
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
        let view = PaperFormView(
            action: paper.map { SiteURL.adminPaper($0.id!).path } ?? SiteURL.adminNewPaper(item: item.id!).path,
            reviseURL: paper.map { SiteURL.adminPaperRevise($0.id!).path }, withdrawURL: paper.map { SiteURL.adminPaperWithdraw($0.id!).path },
            csrf: context.session?.csrfToken ?? "", isNew: paper == nil, isDraft: isDraft,
            status: paper?.status.rawValue ?? "new", meetingTitle: "\(meeting.meeting.title), \(time.dateTime(meeting.meeting.startsAt))",
            meetingURL: SiteURL.adminMeeting(meeting.meeting.id!).path, itemLabel: "\(item.number). \(item.title)",
            title: form[.title], author: form[.author], markdown: markdown, previewHTML: rendered?.html,
            problems: rendered?.problems ?? [], hasProblems: !(rendered?.problems.isEmpty ?? true),
            publishURL: paper.flatMap { $0.status == .draft ? SiteURL.adminPaperPublish($0.id!).path : nil },
            deadline: time.longDate(day: deadline(for: meeting.meeting.startsAt)), isLate: isLate(meeting.meeting),
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
