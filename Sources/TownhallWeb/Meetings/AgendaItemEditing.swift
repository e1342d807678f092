import Foundation
import Hummingbird
import TownhallDomain
import TownhallMarkdown
import TownhallStore

/// A clerk adds, changes, moves and removes the items of a meeting's agenda.
extension BackOfficeRoutes {
    func registerAgendaItemEditing(on routes: RouteTable) {
        routes.post(.adminAddItem, use: addItem)
        routes.get(.adminItemEdit, use: editItem)
        routes.post(.adminItemEdit, use: updateItem)
        routes.post(.adminItemMove, use: moveItem)
        routes.post(.adminItemDelete, use: removeItem)
    }

    @Sendable func addItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await submission(request, context, requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        var fields = Self.parseItemForm(form)
        let meeting = detail.summary.meeting
        if rule.itemNeedsUrgency(meeting, addedAt: now()), form.text(.urgency).isEmpty {
            fields.errors.add(.urgency, rule.lateMessage(what: "This supplementary item", happens: "is added", meeting: meeting))
        }
        guard fields.errors.isEmpty else {
            return try await meetingPage(detail, form: form, errors: fields.errors, context: context, status: .unprocessableContent)
        }
        let checked = fields
        _ = try await database.perform { [rule] in try $0.addAgendaItem(
            meetingId: meeting.id!, title: checked.title, type: checked.type, exemption: checked.exemption,
            urgency: form.text(.urgency), rule: rule, actor: .user(user)) }
        return .redirect(to: SiteURL.adminMeeting(detail.summary.meeting.id!).path(fragment: "agenda"), type: .normal)
    }

    @Sendable func editItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (item, meeting) = try await requireItem(context)
        _ = try await clerk(request, context, bodyId: meeting.meeting.bodyId)
        return try await itemForm(item: item, meeting: meeting, form: itemValues(item), errors: FormErrors(), context: context)
    }

    @Sendable func updateItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ((item, meeting), user, form) = try await submission(request, context, requireItem, bodyId: { $0.1.meeting.bodyId })
        var fields = Self.parseItemForm(form)
        let effective = form.text(.decisionTakesEffect)
        let takesEffect = Day(effective)
        if !effective.isEmpty, takesEffect == nil {
            fields.errors.add(.decisionTakesEffect, "Enter the day the decision takes effect as a real date, for example 2027-01-15")
        }
        if let problem = MeetingAccess.linkProblem(form.text(.itemRecordingURL), what: "The recording link") {
            fields.errors.add(.itemRecordingURL, problem)
        }
        guard fields.errors.isEmpty else {
            return try await itemForm(item: item, meeting: meeting, form: form, errors: fields.errors, context: context, status: .unprocessableContent)
        }
        let parsed = fields
        do {
            _ = try await database.perform { try $0.updateAgendaItem(
                id: item.id!, title: parsed.title, type: parsed.type, exemption: parsed.exemption, decision: form.text(.decision),
                reasons: form.text(.decisionReasons), alternatives: form.text(.decisionAlternatives), takesEffect: takesEffect,
                recordingURL: .some(form.text(.itemRecordingURL)), actor: .user(user)) }
        } catch TownhallError.invalid(let message) {
            var errors = FormErrors()
            errors.add(takesEffect != nil && !form.text(.decision).isEmpty ? .decisionTakesEffect : .decision, message.asSentence)
            return try await itemForm(item: item, meeting: meeting, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
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

    struct ItemFields {
        var errors = FormErrors()
        var title = ""
        var type = AgendaItemType.report
        var exemption: Exemption?
    }

    /// Validates an agenda item: a title, and the exemption by the domain's one rule (`Exemption.check`).
    static func parseItemForm(_ form: FormData) -> ItemFields {
        var fields = ItemFields()
        fields.title = form.text(.itemTitle)
        if fields.title.isEmpty { fields.errors.add(.itemTitle, "Enter a title for the agenda item") }
        fields.type = AgendaItemType(rawValue: form[.itemType]) ?? .report
        let paragraph = Int(form[.paragraph]).flatMap(ExemptParagraph.init(rawValue:))
        switch Exemption.check(exempt: form[.exempt] == "yes", paragraph: paragraph, publicInterestReason: form.text(.publicInterest)) {
        case .success(let exemption): fields.exemption = exemption
        case .failure(let list):
            for problem in list.problems { fields.errors.add(problem == .noPublicInterestReason ? .publicInterest : .paragraph, problem.message.asSentence) }
        }
        return fields
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
            .paragraph: item.exemptParagraph.map { String($0.rawValue) } ?? "", .publicInterest: item.publicInterestReason ?? "",
            .decision: item.decision ?? "", .decisionReasons: item.decisionReasons ?? "",
            .decisionAlternatives: item.decisionAlternatives ?? "", .decisionTakesEffect: item.decisionTakesEffect ?? "",
            .itemRecordingURL: item.recordingURL ?? "",
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
            decisionReasons: form[.decisionReasons], decisionAlternatives: form[.decisionAlternatives],
            decisionTakesEffect: form[.decisionTakesEffect], decisionError: errors.message(for: .decision),
            decisionTakesEffectError: errors.message(for: .decisionTakesEffect), itemTitleError: errors.message(for: .itemTitle), itemParagraphError: errors.message(for: .paragraph),
            publicInterest: form[.publicInterest], publicInterestError: errors.message(for: .publicInterest),
            supplementaryOn: item.supplementaryAt.map(time.shortDate), urgency: item.urgency,
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
            itemRecordingURL: form[.itemRecordingURL], itemRecordingURLError: errors.message(for: .itemRecordingURL),
            hasErrors: !errors.isEmpty, errors: errors.entries)
        return render("admin-item-form", (errors.isEmpty ? "" : "Error: ") + "Change item \(item.number)", view, context,
                      breadcrumbs: [Self.dashboardCrumb, Breadcrumb(title: meeting.meeting.title, url: SiteURL.adminMeeting(meeting.meeting.id!).path)],
                      status: status)
    }

}
